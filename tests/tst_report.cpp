// Reports, offscreen: every format written for real analyses and read back — the JSON's numbers
// are analyze --json's, the CSV's are the JSON's, the HTML refers to nothing outside itself, the
// PDF has pages whose text holds the numbers, the Markdown's figures are beside it — and a
// report killed while it is written leaves the previous file whole.

#include "analysis_runner.h"
#include "export/report_export.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "report/model_report_output.h"
#include "support/model_files.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

QuantSpec asymmetric4()
{
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.bits = 4;
    return spec;
}

SnapshotPtr analyse(const TensorSource& source, const QuantSpec& spec)
{
    AnalysisRequest request;
    request.source = source;
    request.spec = spec;
    return AnalysisRunner::compute(request, [](double) { return true; }).snapshot;
}

QJsonObject cliAnalyzeJson(const QStringList& arguments)
{
    QProcess process;
    process.start(test::cliPath(), QStringList{"analyze", "--json"} + arguments);
    process.waitForFinished(60000);
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void jsonNumbersAreAnalyzeJson();
    void csvHoldsTheJsonNumbers();
    void htmlIsSelfContained();
    void pdfHasPagesAndSearchableNumbers_data();
    void pdfHasPagesAndSearchableNumbers();
    void markdownWritesItsFigures();
    void perChannelReportListsTheGroups();
    void calibrationReportListsEveryFrameworksChoice();
    void interruptedWriteKeepsThePreviousFile();
    void modelReportInEveryFormat();
};

void TestReport::jsonNumbersAreAnalyzeJson()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.json"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-outlier"}, asymmetric4()), path,
                               {ReportFormat::Json})
                .isEmpty());
    const QJsonObject report = QJsonDocument::fromJson(test::readFileBytes(path)).object();
    const QJsonObject cli = cliAnalyzeJson(
        {"--preset-data", "tutorial-outlier", "--scheme", "asymmetric", "--bits", "4"});
    QVERIFY(!cli.isEmpty());
    for (const char* key : {"tensor", "scheme", "params", "metrics", "warnings"}) {
        QVERIFY2(report[key] == cli[key], key);
    }
    QCOMPARE(report["report"].toInt(), 1);
    QCOMPARE(report["compare"].toObject().keys(),
             (QStringList{"asymmetric", "general", "symmetric"}));
    QCOMPARE(report["compare"].toObject()["asymmetric"], cli["metrics"]);
    QCOMPARE(report["walkthrough"].toArray().size(), 12);
    QVERIFY(report["formulas"].toArray().contains(QJsonValue("Z = Qmax − Round(Rmax / Scale)")));
}

void TestReport::csvHoldsTheJsonNumbers()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-3"}, QuantSpec{});
    const QString csv = QString::fromStdString(dir.path("r.csv"));
    const QString json = QString::fromStdString(dir.path("r.json"));
    QVERIFY(exportTensorReport(snapshot, csv, {ReportFormat::Csv}).isEmpty());
    QVERIFY(exportTensorReport(snapshot, json, {ReportFormat::Json}).isEmpty());
    const QStringList lines =
        QString::fromUtf8(test::readFileBytes(csv)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("metric,current,general,symmetric,asymmetric"));
    const QJsonObject metrics =
        QJsonDocument::fromJson(test::readFileBytes(json)).object()["metrics"].toObject();
    QCOMPARE(lines.size() - 1, metrics.size());
    for (const QString& line : lines.mid(1)) {
        const QStringList cells = line.split(',');
        QCOMPARE(cells.size(), 5);
        const QJsonValue value = metrics[cells[0]];
        QVERIFY2(!value.isUndefined(), qPrintable(cells[0]));
        QCOMPARE(cells[1].toDouble(), value.toDouble());
    }
}

void TestReport::htmlIsSelfContained()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.html"));
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-outlier"}, asymmetric4());
    QVERIFY(exportTensorReport(snapshot, path, {ReportFormat::Html}).isEmpty());
    const QString html = QString::fromUtf8(test::readFileBytes(path));
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QCOMPARE(html.count("<svg"), 4); // histogram, transfer, error, codes
    // No reference leaves the file: no links, scripts or images by URL.
    static const QRegularExpression outside(
        R"((src|href)\s*=\s*"(?!#|data:)|<link|<script|url\((?!#|data:))");
    QVERIFY2(!outside.match(html).hasMatch(), qPrintable(outside.match(html).captured(0)));
    // SQNR as the window shows it, with two decimals.
    const QString sqnr = QString::number(snapshot->current.metrics.sqnrDb, 'f', 2);
    QVERIFY2(html.contains("<td>" + sqnr + "</td>"), qPrintable(sqnr));
    QVERIFY(html.contains("Z = Qmax − Round(Rmax / Scale)"));
}

void TestReport::pdfHasPagesAndSearchableNumbers_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("pageSize");
    QTest::newRow("A4") << int(QPageSize::A4) << "595 x 842";
    QTest::newRow("Letter") << int(QPageSize::Letter) << "612 x 792";
}

void TestReport::pdfHasPagesAndSearchableNumbers()
{
    QFETCH(int, page);
    QFETCH(QString, pageSize);
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.pdf"));
    QuantSpec general;
    general.scheme = Scheme::General; // the tutorial's first example
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-3"}, general);
    QVERIFY(exportTensorReport(snapshot, path,
                               {ReportFormat::Pdf, static_cast<QPageSize::PageSizeId>(page)})
                .isEmpty());
    QVERIFY(test::readFileBytes(path).startsWith("%PDF-"));
    const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
    const QString pdfinfo = QStandardPaths::findExecutable("pdfinfo");
    QVERIFY2(!pdftotext.isEmpty() && !pdfinfo.isEmpty(), "poppler-utils (scripts/setup.sh)");
    QProcess info;
    info.start(pdfinfo, {path});
    QVERIFY(info.waitForFinished(30000));
    const QString details = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(details.contains(pageSize), qPrintable(details));
    static const QRegularExpression pages(R"(Pages:\s+(\d+))");
    QVERIFY(pages.match(details).captured(1).toInt() >= 2);
    QProcess text;
    text.start(pdftotext, {path, "-"});
    QVERIFY(text.waitForFinished(30000));
    const QString words = QString::fromUtf8(text.readAllStandardOutput());
    // The tutorial's Scale and the report's SQNR, as text a reader can search for.
    QVERIFY2(words.contains("0.00906828525019627"), qPrintable(words.left(400)));
    QVERIFY(words.contains(QString::number(snapshot->current.metrics.sqnrDb, 'f', 2)));
}

void TestReport::markdownWritesItsFigures()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("review.md"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-3"}, QuantSpec{}), path,
                               {ReportFormat::Markdown})
                .isEmpty());
    const QString markdown = QString::fromUtf8(test::readFileBytes(path));
    for (const char* figure : {"histogram", "transfer", "error", "codes"}) {
        const QString name = QStringLiteral("review_%1.png").arg(QLatin1String(figure));
        QVERIFY2(markdown.contains("](" + name + ")"), qPrintable(name));
        const QImage image(QString::fromStdString(dir.path(name)));
        QCOMPARE(image.size(), QSize(1800, 1040));
    }
    QVERIFY(markdown.contains("| metric | current | general | symmetric | asymmetric |"));
}

void TestReport::perChannelReportListsTheGroups()
{
    test::ScratchDir dir;
    GenerateSpec weights;
    weights.distribution = Distribution::StudentT;
    weights.shape = {8, 64};
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    const QString path = QString::fromStdString(dir.path("c.json"));
    const QString html = QString::fromStdString(dir.path("c.html"));
    const SnapshotPtr snapshot = analyse(weights, spec);
    QVERIFY(exportTensorReport(snapshot, path, {ReportFormat::Json}).isEmpty());
    QVERIFY(exportTensorReport(snapshot, html, {ReportFormat::Html}).isEmpty());
    const QJsonArray groups =
        QJsonDocument::fromJson(test::readFileBytes(path)).object()["groups"].toArray();
    QCOMPARE(groups.size(), 8);
    QCOMPARE(groups[3].toObject()["scale"].toDouble(), snapshot->current.params[3].scale);
    QCOMPARE(QString::fromUtf8(test::readFileBytes(html)).count("<svg"),
             5); // + every channel's range
}

void TestReport::calibrationReportListsEveryFrameworksChoice()
{
    test::ScratchDir dir;
    GenerateSpec weights;
    weights.distribution = Distribution::StudentT;
    weights.shape = {4096};
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Kl;
    spec.calibration.klVariant = KlVariant::PytorchQuantization;
    const SnapshotPtr snapshot = analyse(weights, spec);
    const QString path = QString::fromStdString(dir.path("k.json"));
    const QString html = QString::fromStdString(dir.path("k.html"));
    QVERIFY(exportTensorReport(snapshot, path, {ReportFormat::Json}).isEmpty());
    QVERIFY(exportTensorReport(snapshot, html, {ReportFormat::Html}).isEmpty());
    const QJsonObject report = QJsonDocument::fromJson(test::readFileBytes(path)).object();
    const QJsonArray rows = report["calibrations"].toArray();
    QCOMPARE(rows.size(), 6 + 6); // every method, then every framework variant
    int chosen = 0;
    for (const QJsonValue& row : rows) {
        const QJsonObject r = row.toObject();
        if (r["chosen"].toBool()) {
            ++chosen;
            QCOMPARE(r["calibration"].toString(), QStringLiteral("kl"));
            QCOMPARE(r["variant"].toString(), QStringLiteral("pytorch-quantization"));
            // The chosen row is the analysis itself.
            QCOMPARE(r["clip_max"].toDouble(), snapshot->current.params.front().clipMax);
            QCOMPARE(r["mse"].toDouble(), report["metrics"].toObject()["mse"].toDouble());
        }
    }
    QCOMPARE(chosen, 1);
    QCOMPARE(report["scheme"].toObject()["calibration_args"].toObject()["variant"].toString(),
             QStringLiteral("pytorch-quantization"));
    const QString page = QString::fromUtf8(test::readFileBytes(html));
    QVERIFY(page.contains("Calibration as each framework computes it"));
    QVERIFY(page.contains("<td><b>kl (chosen)</b></td><td><b>pytorch-quantization</b></td>"));
    QVERIFY(page.contains("<td>mxnet</td>"));

    // min–max has no framework variants: no such section.
    const SnapshotPtr minmax = analyse(weights, QuantSpec{});
    QVERIFY(exportTensorReport(minmax, path, {ReportFormat::Json}).isEmpty());
    QVERIFY(!QJsonDocument::fromJson(test::readFileBytes(path)).object().contains("calibrations"));
}

void TestReport::interruptedWriteKeepsThePreviousFile()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("keep.pdf"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-3"}, QuantSpec{}), path,
                               {ReportFormat::Pdf})
                .isEmpty());
    const QByteArray previous = test::readFileBytes(path);
    // Kill `report` over the same file at several moments: the file is always a whole report,
    // the previous one or the new one, never a part.
    for (const int afterMs : {50, 200, 330, 380, 420}) { // the whole run takes ~450 ms
        QProcess process;
        process.start(test::cliPath(),
                      {"report", "--generate", "normal", "--count", "2000000", "--out", path});
        QVERIFY(process.waitForStarted());
        QTest::qWait(afterMs);
        process.kill();
        process.waitForFinished(30000);
        const QByteArray now = test::readFileBytes(path);
        QVERIFY(now == previous || (now.startsWith("%PDF-") && now.trimmed().endsWith("%%EOF")));
    }
    QCOMPARE(QDir(QString::fromStdString(dir.path(""))).entryList(QDir::Files).size(), 1);
}

void TestReport::modelReportInEveryFormat()
{
    test::ScratchDir dir;
    std::vector<float> values(32 * 16);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = std::sin(static_cast<float>(i)) * (i == 9 ? 30.0f : 1.0f); // 12.4 at 9
    }
    const QByteArray header = QStringLiteral("{\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[32,16],"
                                             "\"data_offsets\":[0,%1]}}")
                                  .arg(values.size() * 4)
                                  .toUtf8();
    const std::string file =
        dir.write("m.safetensors", test::safetensorsBytes(header, test::floatBytes(values)));
    auto archive = openTensorArchive(FileSpec{file, {}, {}});
    const auto report = analyzeModel(**archive, QuantSpec{});
    QVERIFY(report);
    const QString base = QString::fromStdString(dir.path("model"));
    for (const char* extension : {"html", "pdf", "md", "csv", "json"}) {
        const QString path = base + "." + extension;
        ReportOptions options;
        options.format = *reportFormatForPath(path);
        QVERIFY2(exportModelReport(*report, path, options).isEmpty(), extension);
    }
    QCOMPARE(test::readFileBytes(base + ".json"),
             QByteArray::fromStdString(modelReportJson(*report) + "\n"));
    QCOMPARE(test::readFileBytes(base + ".csv"),
             QByteArray::fromStdString(modelReportCsv(*report)));
    const QString html = QString::fromUtf8(test::readFileBytes(base + ".html"));
    QCOMPARE(html.count("<svg"), 1); // the worst-tensors chart
    QVERIFY(html.contains("<td>fc.weight</td>"));
    QVERIFY(html.contains("|x|≥6"));
    QVERIFY(test::readFileBytes(base + ".md").contains("](model_worst.png)"));
    QVERIFY(!QImage(base + "_worst.png").isNull());
    QProcess text;
    text.start(QStandardPaths::findExecutable("pdftotext"), {base + ".pdf", "-"});
    QVERIFY(text.waitForFinished(30000));
    QVERIFY(text.readAllStandardOutput().contains("fc.weight"));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
