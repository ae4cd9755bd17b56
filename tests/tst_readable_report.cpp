// The pages people read (HTML, Markdown, PDF) print numbers as the window does — float32 values
// in the tutorial's shortest digits, shares as percentages, SQNR with two decimals — while JSON
// and CSV keep every digit; a calibration without arguments shows none; plots scale to the HTML
// page in fonts a browser has; no PDF table row is split across two pages; and Export Report
// writes the format of the extension typed in its file dialog.

#include "analysis/shootout.h"
#include "analysis_runner.h"
#include "export/html_svg.h"
#include "export/plot_export.h"
#include "export/report_export.h"
#include "export/report_export_dialog.h"
#include "export/typed_extension.h"
#include "support/temp_files.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <charconv>

using namespace qs;
using namespace qs::ui;

namespace {

// The tutorial's Scale of its first example, as NumPy prints the float64 it computes.
const QString kTutorialScale = QStringLiteral("0.00906828525019627");

SnapshotPtr analyse(const TensorSource& source, const QuantSpec& spec)
{
    AnalysisRequest request;
    request.source = source;
    request.spec = spec;
    return AnalysisRunner::compute(request, [](double) { return true; }).snapshot;
}

// The tutorial's first example: the general process, int8, on its three values.
SnapshotPtr tutorialGeneral()
{
    QuantSpec general;
    general.scheme = Scheme::General;
    return analyse(PresetSpec{"tutorial-3"}, general);
}

QString readText(const QString& path)
{
    return QString::fromUtf8(test::readFileBytes(path));
}

QString written(const SnapshotPtr& snapshot, const test::ScratchDir& dir, const QString& name,
                ReportOptions options = {})
{
    const QString path = QString::fromStdString(dir.path(name));
    options.format = *reportFormatForPath(path);
    const QString error = exportTensorReport(snapshot, path, options);
    return error.isEmpty() ? path : QString();
}

// Digits that carry information: no sign, point, exponent, leading or trailing zeros.
int significantDigits(QString number)
{
    number.remove(QRegularExpression(R"([eE].*$)"));
    number.remove(QLatin1Char('-'));
    number.remove(QLatin1Char('.'));
    while (number.startsWith(QLatin1Char('0'))) {
        number.remove(0, 1);
    }
    while (number.endsWith(QLatin1Char('0'))) {
        number.chop(1);
    }
    return static_cast<int>(number.size());
}

// The shortest digits that read back as the same float32 (the C++ library's, not QuantScope's).
QString shortestFloat32(double value)
{
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, static_cast<float>(value)).ptr;
    return QString::fromLatin1(text, end - text);
}

// Every number in `text` with more digits than its value has as a float32.
QStringList overlongNumbers(const QString& text)
{
    static const QRegularExpression number(R"((?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)");
    QStringList out;
    for (auto it = number.globalMatch(text); it.hasNext();) {
        const QString token = it.next().captured(0);
        if (significantDigits(token) > significantDigits(shortestFloat32(token.toDouble()))) {
            out << token;
        }
    }
    return out;
}

// What a reader of the HTML sees: no plots, style or tags.
QString visibleText(QString html)
{
    html.remove(
        QRegularExpression(R"(<svg.*?</svg>)", QRegularExpression::DotMatchesEverythingOption));
    html.remove(QRegularExpression(R"(<style>.*?</style>)",
                                   QRegularExpression::DotMatchesEverythingOption));
    return html.replace(QRegularExpression(R"(<[^>]*>)"), QStringLiteral(" "));
}

QString pdfText(const QString& path)
{
    QProcess text;
    text.start(QStandardPaths::findExecutable("pdftotext"), {"-layout", path, "-"});
    text.waitForFinished(30000);
    return QString::fromUtf8(text.readAllStandardOutput());
}

// A model report of `count` tensors whose long names wrap onto several lines of the table.
ModelReport wrappingModelReport(int count)
{
    ModelReport report;
    report.file = "wrapping.safetensors";
    report.format = ArchiveFormat::Safetensors;
    for (int i = 0; i < count; ++i) {
        TensorReportRow row;
        const QString n = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
        row.name = QStringLiteral("start%1 encoder layer attention projection weight of the "
                                  "model that has a name long enough to wrap onto three or "
                                  "four lines of its column last%1")
                       .arg(n)
                       .toStdString();
        row.shape = {64, 64};
        row.dtype = "F32";
        row.count = 4096;
        row.sqnrDb = 30.0 + i * 0.01;
        row.maxAbsOverStd = 4.0;
        report.tensors.push_back(std::move(row));
    }
    return report;
}

} // namespace

class TestReadableReport : public QObject
{
    Q_OBJECT

private slots:
    void htmlPrintsTheWindowsDigits();
    void markdownPrintsTheWindowsDigits();
    void pdfPrintsTheWindowsDigits();
    void smallSharesKeepTwoDigits();
    void jsonAndCsvKeepEveryDigit();
    void calibrationArgumentsOnlyWhereThereAreSome();
    void plotsScaleToThePageInBrowserFonts();
    void pdfKeepsEveryTableRowOnOnePage();
    void pdfShootoutBreaksNoWordNorNumber();
    void typedExtensionPicksTheReportFormat_data();
    void typedExtensionPicksTheReportFormat();
    void plotExportFollowsTheSameRule();
};

void TestReadableReport::htmlPrintsTheWindowsDigits()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = tutorialGeneral();
    const QString html = readText(written(snapshot, dir, "r.html"));
    // The tutorial's input = [ 0.21535037  1.2962357  -1.0161772 ], not the doubles behind it.
    QVERIFY(html.contains("<tr><th>min / max</th><td>-1.0161772 / 1.2962357</td></tr>"));
    QVERIFY(html.contains("<tr><td>1.2962357</td>"));
    QVERIFY(!html.contains("1.2962356805801392"));
    // Its dequant_result and diff (0.21763885 − 0.21535037).
    QVERIFY(html.contains("<td>0.21763885</td><td>0.0022884756</td></tr>"));
    QVERIFY(html.contains("<tr><th>Scale</th><td>" + kTutorialScale + "</td></tr>"));
    // 143 saturates to 127: one value of three clipped, none on the zero code.
    QVERIFY(html.contains("<tr><td>clipped share</td><td>33.33%</td>"));
    QVERIFY(html.contains("<tr><td>zero-code share</td><td>0.00%</td>"));
    const QString sqnr = QString::number(snapshot->current.metrics.sqnrDb, 'f', 2);
    QVERIFY2(html.contains("<tr><td>SQNR (dB)</td><td>" + sqnr + "</td>"), qPrintable(sqnr));
    QString text = visibleText(html);
    text.remove(kTutorialScale);
    const QStringList overlong = overlongNumbers(text);
    QVERIFY2(overlong.isEmpty(), qPrintable(overlong.join(' ')));
}

void TestReadableReport::markdownPrintsTheWindowsDigits()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = tutorialGeneral();
    const QString markdown = readText(written(snapshot, dir, "r.md"));
    QVERIFY(markdown.contains("| min / max | -1.0161772 / 1.2962357 |\n"));
    QVERIFY(markdown.contains("| clipped share | 33.33% |"));
    QVERIFY(markdown.contains("| SQNR (dB) | " +
                              QString::number(snapshot->current.metrics.sqnrDb, 'f', 2) + " |"));
    QVERIFY(markdown.contains("| 1.2962357 | "));
    // The general process has no zero point: its walkthrough says R/Scale, as the window does.
    QVERIFY(markdown.contains("| R | R/Scale | Round |"));
    QVERIFY(!markdown.contains("R/Scale + Z"));
    QString text = markdown;
    text.remove(QRegularExpression(R"(\]\([^)]*\))")); // the figures' file names
    text.remove(kTutorialScale);
    const QStringList overlong = overlongNumbers(text);
    QVERIFY2(overlong.isEmpty(), qPrintable(overlong.join(' ')));
}

void TestReadableReport::pdfPrintsTheWindowsDigits()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = tutorialGeneral();
    QString words = pdfText(written(snapshot, dir, "r.pdf"));
    QVERIFY2(words.contains("33.33%"), qPrintable(words.left(600)));
    QVERIFY(words.contains("1.2962357"));
    QVERIFY(!words.contains("1.2962356805801392"));
    QVERIFY(words.contains(kTutorialScale));
    words.remove(kTutorialScale);
    const QStringList overlong = overlongNumbers(words);
    QVERIFY2(overlong.isEmpty(), qPrintable(overlong.join(' ')));
}

void TestReadableReport::smallSharesKeepTwoDigits()
{
    // The 99.99th percentile of |R| over 200 000 values leaves a few dozen clipped: a share
    // that two decimals of a percent would show as 0.00% or 0.01%.
    GenerateSpec normal;
    normal.shape = {200000};
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Percentile;
    spec.calibration.percentile = 99.99;
    const SnapshotPtr snapshot = analyse(normal, spec);
    const double share = snapshot->current.metrics.clippedFraction;
    QVERIFY2(share > 0 && share < 1e-3, qPrintable(QString::number(share)));
    test::ScratchDir dir;
    const QString html = readText(written(snapshot, dir, "r.html"));
    // Two significant digits after the zeros.
    static const QRegularExpression cell(R"(<tr><td>clipped share</td><td>(0\.0+[1-9]\d)%</td>)");
    const QRegularExpressionMatch match = cell.match(html);
    QVERIFY2(match.hasMatch(), qPrintable(html.mid(html.indexOf("clipped share"), 80)));
    const double shown = match.captured(1).toDouble();
    QCOMPARE_LE(std::abs(shown - 100 * share), 0.051 * 100 * share);
}

void TestReadableReport::jsonAndCsvKeepEveryDigit()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = tutorialGeneral();
    const QString json = readText(written(snapshot, dir, "r.json"));
    // The float32 1.2962357 as the double JSON holds it, and shares as fractions.
    QVERIFY(json.contains("\"input\": 1.2962356805801392"));
    QVERIFY(json.contains("\"clipped_fraction\": 0.3333333333333333"));
    const QString csv = readText(written(snapshot, dir, "r.csv"));
    QVERIFY(csv.contains("\nclipped_fraction,0.3333333333333333,"));
    QVERIFY(csv.contains("\nsqnr_db," + QString::number(snapshot->current.metrics.sqnrDb, 'g', 17) +
                         ","));
}

void TestReadableReport::calibrationArgumentsOnlyWhereThereAreSome()
{
    test::ScratchDir dir;
    QuantSpec aciq;
    aciq.calibration.method = CalibrationMethod::AciqLaplace;
    const SnapshotPtr laplace = analyse(PresetSpec{"tutorial-outlier"}, aciq);
    const QString html = readText(written(laplace, dir, "a.html"));
    QVERIFY(html.contains("<tr><th>calibration</th><td>aciq-laplace</td></tr>"));
    QVERIFY(!html.contains("{}"));
    QVERIFY(readText(written(laplace, dir, "a.md")).contains("| calibration | aciq-laplace |\n"));

    QuantSpec percentile;
    percentile.calibration.method = CalibrationMethod::Percentile;
    percentile.calibration.percentile = 99.5;
    const QString md =
        readText(written(analyse(PresetSpec{"tutorial-outlier"}, percentile), dir, "p.md"));
    QVERIFY2(md.contains("| calibration | percentile (percentile 99.5, variant exact) |\n"),
             qPrintable(md.left(700)));
}

void TestReadableReport::plotsScaleToThePageInBrowserFonts()
{
    test::ScratchDir dir;
    const QString html = readText(written(tutorialGeneral(), dir, "r.html"));
    static const QRegularExpression root(R"(<svg\b[^>]*>)");
    int roots = 0;
    for (auto it = root.globalMatch(html); it.hasNext(); ++roots) {
        const QString tag = it.next().captured(0);
        QVERIFY2(tag.contains("width=\"100%\""), qPrintable(tag));
        QVERIFY2(tag.contains(QRegularExpression(R"(viewBox="0 0 900 520")")), qPrintable(tag));
        QVERIFY2(!tag.contains("height=") && !tag.contains("mm\""), qPrintable(tag));
    }
    QCOMPARE(roots, 4);
    QVERIFY(!html.contains("\"Sans Serif\""));
    static const QRegularExpression family(R"re(font-family="([^"]*)")re");
    int families = 0;
    for (auto it = family.globalMatch(html); it.hasNext(); ++families) {
        const QString value = it.next().captured(1);
        QVERIFY2(value.contains("'DejaVu Sans'") && value.endsWith(", sans-serif"),
                 qPrintable(value));
    }
    QVERIFY(families > 0);
    QCOMPARE(browserFontFamilies("Noto Sans"),
             QStringLiteral("'Noto Sans', 'DejaVu Sans', 'Liberation Sans', 'Arial', sans-serif"));
}

void TestReadableReport::pdfKeepsEveryTableRowOnOnePage()
{
    test::ScratchDir dir;
    const int count = 90;
    const QString path = QString::fromStdString(dir.path("m.pdf"));
    QVERIFY(exportModelReport(wrappingModelReport(count), path, {ReportFormat::Pdf}).isEmpty());
    const QStringList pages = pdfText(path).split(QLatin1Char('\f'));
    QVERIFY2(pages.size() > 4, qPrintable(QString::number(pages.size())));
    int wrapped = 0;
    for (int i = 0; i < count; ++i) {
        const QString n = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
        QList<int> first;
        QList<int> last;
        for (int p = 0; p < pages.size(); ++p) {
            if (pages[p].contains("start" + n)) {
                first << p;
            }
            if (pages[p].contains("last" + n)) {
                last << p;
            }
        }
        QCOMPARE(first.size(), 1);
        QVERIFY2(first == last, qPrintable(QStringLiteral("row %1 split between pages %2 and %3")
                                               .arg(n)
                                               .arg(first.value(0) + 1)
                                               .arg(last.value(0) + 1)));
        // The name does wrap: its first and last words are on different lines.
        const QString& page = pages[first.front()];
        wrapped += page.indexOf('\n', page.indexOf("start" + n)) < page.indexOf("last" + n);
    }
    QCOMPARE(wrapped, count);
}

// The formats' table in a PDF: every number on one line ("1.\n2633845e-05" was printed) and
// the headings broken only between words ("bits per valu e", "SQN R dB", "saturat ed").
void TestReadableReport::pdfShootoutBreaksNoWordNorNumber()
{
    test::ScratchDir dir;
    ReportOptions options;
    options.shootoutCandidates = *bitsClassCandidates(4);
    const QString path =
        written(analyse(PresetSpec{"heavy-tailed-weights"}, QuantSpec{}), dir, "s.pdf", options);
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    const qsizetype table = text.indexOf("Formats at equal bits");
    QVERIFY(table >= 0);
    const QString section = text.mid(table);
    for (const char* word : {"value", "SQNR", "MSE", "saturated", "format"}) {
        QVERIFY2(section.contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(word))), word);
    }
    // A number cut by a line break leaves a line ending in "digit." or starting with "e-".
    const QRegularExpression cut(R"((\d\.\s*$)|(^\s*\d*e[-+]\d))",
                                 QRegularExpression::MultilineOption);
    QVERIFY2(!section.contains(cut), qPrintable(section.left(1500)));
    QVERIFY(section.contains(QRegularExpression(R"(\d\.\d+e-0\d)"))); // the MSEs, whole
}

void TestReadableReport::typedExtensionPicksTheReportFormat_data()
{
    // The dialog's filters: 0 HTML, 1 PDF A4, 2 PDF US Letter, 3 Markdown, 4 CSV, 5 JSON.
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("filter");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("page");
    QTest::newRow("pdf typed under HTML")
        << "r.pdf" << 0 << "r.pdf" << int(ReportFormat::Pdf) << int(QPageSize::A4);
    QTest::newRow("no extension, HTML")
        << "r" << 0 << "r.html" << int(ReportFormat::Html) << int(QPageSize::A4);
    QTest::newRow("no extension, Letter")
        << "r" << 2 << "r.pdf" << int(ReportFormat::Pdf) << int(QPageSize::Letter);
    QTest::newRow("pdf typed under Letter")
        << "r.pdf" << 2 << "r.pdf" << int(ReportFormat::Pdf) << int(QPageSize::Letter);
    QTest::newRow("html typed under Letter")
        << "r.html" << 2 << "r.html" << int(ReportFormat::Html) << int(QPageSize::A4);
    QTest::newRow("upper-case htm under A4")
        << "R.HTM" << 1 << "R.HTM" << int(ReportFormat::Html) << int(QPageSize::A4);
    QTest::newRow("md typed under JSON")
        << "notes.md" << 5 << "notes.md" << int(ReportFormat::Markdown) << int(QPageSize::A4);
    QTest::newRow("json typed under CSV")
        << "t.json" << 4 << "t.json" << int(ReportFormat::Json) << int(QPageSize::A4);
    QTest::newRow("unknown extension, Markdown")
        << "r.txt" << 3 << "r.txt.md" << int(ReportFormat::Markdown) << int(QPageSize::A4);
    QTest::newRow("a dot in a folder name")
        << "run.v2/r" << 4 << "run.v2/r.csv" << int(ReportFormat::Csv) << int(QPageSize::A4);
}

void TestReadableReport::typedExtensionPicksTheReportFormat()
{
    QFETCH(QString, typed);
    QFETCH(int, filter);
    QFETCH(QString, path);
    QFETCH(int, format);
    QFETCH(int, page);
    const ReportTarget target = reportTarget(typed, static_cast<std::size_t>(filter));
    QCOMPARE(target.path, path);
    QCOMPARE(int(target.format), format);
    QCOMPARE(int(target.page), page);
}

void TestReadableReport::plotExportFollowsTheSameRule()
{
    const auto svg =
        followTypedExtension(QStringLiteral("p.svg"), &plotFormatForPath, PlotFormat::Png, ".png");
    QCOMPARE(svg.path, QStringLiteral("p.svg"));
    QCOMPARE(svg.format, PlotFormat::Svg);
    QVERIFY(svg.typed);
    const auto bare =
        followTypedExtension(QStringLiteral("p"), &plotFormatForPath, PlotFormat::Pdf, ".pdf");
    QCOMPARE(bare.path, QStringLiteral("p.pdf"));
    QCOMPARE(bare.format, PlotFormat::Pdf);
    QVERIFY(!bare.typed);
}

QTEST_MAIN(TestReadableReport)
#include "tst_readable_report.moc"
