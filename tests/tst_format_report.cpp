// The tensor report of a number format other than the integer grid — its equations with the
// tutorial-3 tensor's own scales worked out by hand, its parameters — and the formats' shoot-out
// section, in the document, the HTML, the Markdown, the PDF and from the CLI. The integer grid's
// report stays as it was.

#include "analysis_runner.h"
#include "export/report_export.h"
#include "i18n/language.h"
#include "io/tensor_source.h"
#include "report/report_words.h"
#include "support/cli_run.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

Q_DECLARE_METATYPE(qs::QuantSpec)

using namespace qs;
using namespace qs::ui;

namespace {

// tutorial-3 is np.random.seed(8215); np.random.randn(3).astype('float32'):
// [0.21535037, 1.2962357, -1.0161772], so max|R| = 1.2962357 (float32) and one block of each
// format holds the whole tensor.
SnapshotPtr analyse(const TensorSource& source, const QuantSpec& spec)
{
    AnalysisRequest request;
    request.source = source;
    request.spec = spec;
    return AnalysisRunner::compute(request, [](double) { return true; }).snapshot;
}

QuantSpec formatSpec(NumberFormat format)
{
    QuantSpec spec;
    spec.format.format = format;
    return spec;
}

QJsonObject reportJson(const SnapshotPtr& snapshot, ReportOptions options = {})
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.json"));
    options.format = ReportFormat::Json;
    if (!exportTensorReport(snapshot, path, options).isEmpty()) {
        return {};
    }
    return QJsonDocument::fromJson(test::readFileBytes(path)).object();
}

QStringList formulasOf(const QJsonObject& report)
{
    QStringList out;
    for (const QJsonValue& line : report["formulas"].toArray()) {
        out << line.toString();
    }
    return out;
}

QString readText(const QString& path)
{
    return QString::fromUtf8(test::readFileBytes(path));
}

ReportOptions withShootout(ReportFormat format)
{
    ReportOptions options;
    options.format = format;
    options.shootoutCandidates = *bitsClassCandidates(4);
    return options;
}

} // namespace

class TestFormatReport : public QObject
{
    Q_OBJECT

private slots:
    void formulasOfEachFormat_data();
    void formulasOfEachFormat();
    void integerGridReportIsUnchanged();
    void formatParametersReplaceTheIntegerRows();
    void shootoutOnlyWhenAsked();
    void shootoutRowsAreCompareJsonRows();
    void htmlAndMarkdownHoldTheSection();
    void pdfWithTheShootout();
    void cliReportAddsTheShootout();
    void newWordsAreTranslatable();
    void chineseReportUsesTheCatalogue();
};

void TestFormatReport::formulasOfEachFormat_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::addColumn<QStringList>("expected");

    // 1.2962357 / 448 = 0.00289338322 → float32 0.0028933831490576 (spacing 2^−32 there): the
    // shortest digits that read back as it are 0.0028933831.
    QTest::newRow("fp8-e4m3 per tensor")
        << formatSpec(NumberFormat::Fp8E4m3)
        << QStringList{"Scale = max|R| / 448 = 1.2962357 / 448 = 0.0028933831",
                       "Q = Round_E4M3(R / Scale)",
                       "Round_E4M3: the nearest E4M3 value, ties to even; past ±448 it "
                       "saturates to ±448",
                       "R′ = Q · Scale"};
    QuantSpec cast = formatSpec(NumberFormat::Fp8E4m3);
    cast.format.noScale = true;
    cast.format.overflow = Overflow::NonFinite;
    QTest::newRow("fp8-e4m3 plain cast, overflow nan")
        << cast
        << QStringList{"Scale = 1 (a plain cast)", "Q = Round_E4M3(R / Scale)",
                       "Round_E4M3: the nearest E4M3 value, ties to even; past ±448 it becomes "
                       "NaN",
                       "R′ = Q · Scale"};
    // ⌊log2 1.296⌋ = 0, minus E2M1's emax 2: X = 2^−2.
    QTest::newRow("mxfp4 floor") << formatSpec(NumberFormat::Mxfp4)
                                 << QStringList{
                                        "X = 2^p, p = ⌊log2 max|R|⌋ − 2 per block of 32 (E8M0)",
                                        "p = ⌊log2 1.2962357⌋ − 2 = −2, X = 0.25",
                                        "Q = Round_E2M1(Clip(R / X, −6, 6)), ties to even",
                                        "R′ = Q · X"};
    // 1.296 / 6 = 0.216, log2 = −2.21, rounded up: −2.
    QuantSpec rceil = formatSpec(NumberFormat::Mxfp4);
    rceil.format.mxScale = MxScaleRule::Rceil;
    rceil.format.elementRounding = ElementRounding::Away;
    QTest::newRow("mxfp4 rceil, ties away")
        << rceil
        << QStringList{"X = 2^p, p = ⌈log2(max|R| / 6)⌉ per block of 32 (E8M0)",
                       "p = ⌈log2(1.2962357 / 6)⌉ = −2, X = 0.25",
                       "Q = Round_E2M1(Clip(R / X, −6, 6)), ties away from zero", "R′ = Q · X"};
    // emax 0: X = 2^⌊log2 1.296⌋ = 1.
    QTest::newRow("mxint8") << formatSpec(NumberFormat::Mxint8)
                            << QStringList{"X = 2^p, p = ⌊log2 max|R|⌋ per block of 32 (E8M0)",
                                           "p = ⌊log2 1.2962357⌋ = 0, X = 1",
                                           "Q = Clip(Round(R / X · 64), −127, 127), ties to even",
                                           "R′ = Q · X / 64"};
    // S = 1 / (2688 / 1.2962357) = 4.8223053e−4; the block's max is the tensor's, so
    // max|R_b| · S_enc / 6 = 448 exactly.
    QTest::newRow("nvfp4 transformer-engine")
        << formatSpec(NumberFormat::Nvfp4)
        << QStringList{"S = 1 / S_enc, S_enc = 448 · 6 / max|R| over the tensor (float32)",
                       "S = 0.00048223053 (max|R| = 1.2962357)",
                       "Scale_b = Round_E4M3(min(max|R_b| · (S_enc / 6), 448)) per block b of 16",
                       "Scale_b = 448",
                       "Q = Round_E2M1(Clip(R · (1 / (Scale_b · S)), −6, 6)), ties to even",
                       "R′ = Q · Scale_b · S",
                       "An all-zero block gets Scale_b = 0"};
    QuantSpec modelopt = formatSpec(NumberFormat::Nvfp4);
    modelopt.format.nvfp4Flavour = Nvfp4Flavour::Modelopt;
    QTest::newRow("nvfp4 modelopt")
        << modelopt
        << QStringList{"S = max|R| / (6 · 448) over the tensor (float32)",
                       "S = 0.00048223053 (max|R| = 1.2962357)",
                       "Scale_b = Round_E4M3(max|R_b| / (6 · S)) per block b of 16",
                       "Scale_b = 448",
                       "Q = Round_E2M1(Clip(R / (Scale_b · S), −6, 6)), ties to even",
                       "R′ = Q · Scale_b · S",
                       "An all-zero block gets Scale_b = 1"};
    QuantSpec torchao = formatSpec(NumberFormat::Nvfp4);
    torchao.format.nvfp4Flavour = Nvfp4Flavour::Torchao;
    QTest::newRow("nvfp4 torchao")
        << torchao
        << QStringList{"S = max|R| / (448 · 6) over the tensor (float32)",
                       "S = 0.00048223053 (max|R| = 1.2962357)",
                       "Scale_b = Round_E4M3(Clip(max|R_b| / 6 / S, 2^−6, 448)) per block b of 16",
                       "Scale_b = 448",
                       "Q = Round_E2M1(Clip(R / (S · Scale_b), −6, 6)), ties to even",
                       "R′ = Q · Scale_b · S",
                       "An all-zero block gets Scale_b = 2^−6"};
    // FORMATS.md §4's table in float32 digits.
    QTest::newRow("nf4")
        << formatSpec(NumberFormat::Nf4)
        << QStringList{
               "absmax = max|R| per block of 64 values of the flattened tensor (float32)",
               "absmax = 1.2962357",
               "Q = the NF4 level nearest R · (1 / absmax); at a midpoint the lower",
               "R′ = level(Q) · absmax",
               "NF4 levels: −1, −0.6961928, −0.52507305, −0.3949175, −0.28444138, −0.18477343, "
               "−0.091050036, 0, 0.0795803, 0.1609302, 0.2461123, 0.33791524, 0.44070983, "
               "0.562617, 0.72295684, 1",
               "An all-zero block gets the code of 0.0 (7, the CPU backend)"};
}

void TestFormatReport::formulasOfEachFormat()
{
    QFETCH(QuantSpec, spec);
    QFETCH(QStringList, expected);
    const QJsonObject report = reportJson(analyse(PresetSpec{"tutorial-3"}, spec));
    QVERIFY(!report.isEmpty());
    QCOMPARE(formulasOf(report), expected);
}

void TestFormatReport::integerGridReportIsUnchanged()
{
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-3"}, QuantSpec{});
    const QJsonObject report = reportJson(snapshot);
    QCOMPARE(formulasOf(report), (QStringList{"Scale = max|R| / Qmax",
                                              "Q = Clip(Round(R / Scale + Z), Qmin, Qmax), Z = 0",
                                              "R′ = (Q − Z) · Scale"}));
    QVERIFY(!report.contains("shootout"));
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.md"));
    QVERIFY(exportTensorReport(snapshot, path, {ReportFormat::Markdown}).isEmpty());
    const QString markdown = readText(path);
    // The tutorial's symmetric int8 example: Scale = 1.2962356805801392 / 127 in double.
    QVERIFY(markdown.contains("| scheme | symmetric, 8-bit signed, rounding half-even |\n"
                              "| calibration | minmax |\n"
                              "| granularity | tensor (1 group) |\n"
                              "| Qmin .. Qmax | -127 .. 127 |\n"
                              "| Scale | 0.01020658016204834 |\n"
                              "| Z (zero point) | 0 |\n"));
    for (const char* absent : {"number format", "bits per value", "Formats at equal bits"}) {
        QVERIFY2(!markdown.contains(absent), absent);
    }
}

void TestFormatReport::formatParametersReplaceTheIntegerRows()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.md"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-3"}, formatSpec(NumberFormat::Nvfp4)),
                               path, {ReportFormat::Markdown})
                .isEmpty());
    const QString markdown = readText(path);
    // 3 values in one block: 4 bits each + (8 for the E4M3 scale + 32 for S) / 3 = 17.333.
    QVERIFY2(markdown.contains("| number format | nvfp4 |\n"
                               "| format options | NVFP4 flavour: transformer-engine |\n"
                               "| calibration | minmax |\n"
                               "| granularity | group (1 group) |\n"
                               "| block size | 16 |\n"
                               "| scale format | e4m3+float32 |\n"
                               "| bits per value | 17.333 |\n"
                               "| S (tensor scale) | 0.00048223053 |\n"),
             qPrintable(markdown.left(900)));
    for (const char* absent : {"Qmin .. Qmax", "Z (zero point)", "| scheme |"}) {
        QVERIFY2(!markdown.contains(absent), absent);
    }

    const QString fp8 = QString::fromStdString(dir.path("fp8.html"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-3"}, formatSpec(NumberFormat::Fp8E4m3)),
                               fp8, {ReportFormat::Html})
                .isEmpty());
    const QString html = readText(fp8);
    QVERIFY(html.contains("<tr><th>format options</th><td>overflow: saturate; element rounding: "
                          "even</td></tr>"));
    // 8 bits + a float32 scale over 3 values.
    QVERIFY(html.contains("<tr><th>bits per value</th><td>18.667</td></tr>"));
    QVERIFY(html.contains("<tr><th>Scale</th><td>0.0028933831</td></tr>"));
}

void TestFormatReport::shootoutOnlyWhenAsked()
{
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(!reportJson(snapshot).contains("shootout"));
    const QJsonObject report = reportJson(snapshot, withShootout(ReportFormat::Json));
    QVERIFY(report["shootout"].isObject());
    // The 4-bit class on a tensor of one axis: per channel is left out, with a warning.
    QCOMPARE(report["shootout"]["rows"].toArray().size(),
             static_cast<qsizetype>(bitsClassCandidates(4)->size() - 1));
    QCOMPARE(report["shootout"]["warnings"].toArray().size(), 1);
}

void TestFormatReport::shootoutRowsAreCompareJsonRows()
{
    const QJsonObject report = reportJson(analyse(PresetSpec{"tutorial-outlier"}, QuantSpec{}),
                                          withShootout(ReportFormat::Json));
    const test::CliRun compare = test::runCli(
        {"compare", "--preset-data", "tutorial-outlier", "--bits-class", "4", "--json"});
    QCOMPARE(compare.exitCode, 0);
    const QJsonArray expected =
        QJsonDocument::fromJson(compare.out.toUtf8()).object()["rows"].toArray();
    const QJsonArray rows = report["shootout"]["rows"].toArray();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(rows.size(), expected.size());
    for (qsizetype r = 0; r < rows.size(); ++r) {
        QJsonObject row = expected[r].toObject();
        row.remove("analyze"); // the CLI's own spelling of the options
        QCOMPARE(rows[r].toObject(), row);
    }
}

void TestFormatReport::htmlAndMarkdownHoldTheSection()
{
    test::ScratchDir dir;
    const SnapshotPtr snapshot = analyse(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    const auto shootout = runShootout(snapshot->data->loaded.tensor.view(), *bitsClassCandidates(4),
                                      snapshot->data->stats);
    QVERIFY(shootout.has_value());
    const ShootoutRow& best = shootout->rows.front();

    const QString html = QString::fromStdString(dir.path("r.html"));
    QVERIFY(exportTensorReport(snapshot, html, withShootout(ReportFormat::Html)).isEmpty());
    const QString page = readText(html);
    QVERIFY(page.contains("<h2>Formats at equal bits</h2>"));
    QCOMPARE(page.count("<svg"), 5); // the four plots and the shoot-out's
    QVERIFY(page.contains("SQNR against bits per value"));
    // The best row first, SQNR to 2 decimals, its zero-code share in percent.
    const QString firstRow =
        QStringLiteral("<td class=\"nowrap\">%1</td><td class=\"nowrap\">%2</td>")
            .arg(QString::number(best.bitsPerValue, 'f', 3)
                     .chopped(QString::number(best.bitsPerValue, 'f', 3).endsWith('0') ? 1 : 0),
                 QString::number(best.metrics.sqnrDb, 'f', 2));
    QVERIFY2(page.contains(firstRow), qPrintable(firstRow));
    const qsizetype table = page.indexOf("<h2>Formats at equal bits</h2>");
    QVERIFY(page.indexOf(QString::fromStdString(best.name), table) <
            page.indexOf(QString::fromStdString(shootout->rows.back().name), table));
    QVERIFY(page.contains(QString::number(100 * best.metrics.zeroCodeFraction, 'f', 2) + "%"));
    QVERIFY(page.contains("★"));

    const QString md = QString::fromStdString(dir.path("review.md"));
    QVERIFY(exportTensorReport(snapshot, md, withShootout(ReportFormat::Markdown)).isEmpty());
    const QString markdown = readText(md);
    QVERIFY(markdown.contains("\n## Formats at equal bits\n"));
    QVERIFY(markdown.contains("| format | bits per value | SQNR dB | MSE | max \\|error\\| | "
                              "zero-code share | saturated |"));
    QVERIFY(markdown.contains("](review_shootout.png)"));
    QCOMPARE(QImage(QString::fromStdString(dir.path("review_shootout.png"))).size(),
             QSize(1800, 1040));
    // The section sits after the error table and before the walkthrough.
    QVERIFY(markdown.indexOf("## Error and the three schemes") <
            markdown.indexOf("## Formats at equal bits"));
    QVERIFY(markdown.indexOf("## Formats at equal bits") < markdown.indexOf("## Walkthrough"));
}

void TestFormatReport::pdfWithTheShootout()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.pdf"));
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-3"}, formatSpec(NumberFormat::Mxfp4)),
                               path, withShootout(ReportFormat::Pdf))
                .isEmpty());
    const QByteArray bytes = test::readFileBytes(path);
    QVERIFY(bytes.startsWith("%PDF-"));
    const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
    QVERIFY2(!pdftotext.isEmpty(), "poppler-utils (scripts/setup.sh)");
    QProcess text;
    text.start(pdftotext, {path, "-"});
    QVERIFY(text.waitForFinished(30000));
    const QString words = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY(words.contains("Formats at equal bits"));
    QVERIFY(words.contains("bnb-fp4"));
    QVERIFY(words.contains("p = ⌊log2 1.2962357⌋ − 2 = −2, X = 0.25"));
}

void TestFormatReport::cliReportAddsTheShootout()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("x.html"));
    const test::CliRun run =
        test::runCli({"report", "--preset-data", "tutorial-3", "--bits-class", "4", "--out", path});
    QCOMPARE(run.exitCode, 0);
    const QString page = readText(path);
    QVERIFY(page.contains("<h2>Formats at equal bits</h2>"));
    QCOMPARE(page.count("<svg"), 5);
    for (const char* format : {"nf4", "mxfp4", "nvfp4", "int4-g64-asym-fp16"}) {
        QVERIFY2(page.contains(QStringLiteral("<td>%1").arg(QLatin1String(format))) ||
                     page.contains(QStringLiteral("<td><b>%1").arg(QLatin1String(format))),
                 format);
    }
    const QString listed = QString::fromStdString(dir.path("y.json"));
    QCOMPARE(test::runCli({"report", "--preset-data", "tutorial-3", "--formats", "nf4,mxfp4",
                           "--out", listed})
                 .exitCode,
             0);
    const QJsonObject report = QJsonDocument::fromJson(test::readFileBytes(listed)).object();
    QCOMPARE(report["shootout"]["rows"].toArray().size(), 2);
    // The same refusals as compare's.
    QVERIFY(test::runCli({"report", "--preset-data", "tutorial-3", "--bits-class", "4", "--formats",
                          "nf4", "--out", listed})
                .exitCode != 0);
    QVERIFY(
        test::runCli({"report", "--preset-data", "tutorial-3", "--formats", "nf5", "--out", listed})
            .exitCode != 0);
}

void TestFormatReport::newWordsAreTranslatable()
{
    ReportWords words;
    forEachWord(words, [](std::string& word) { word = "#"; });
    for (const std::string* word :
         {&words.numberFormat, &words.formatOptions, &words.blockSize, &words.scaleFormat,
          &words.bitsPerValue, &words.tensorScale, &words.plainCast, &words.overflow,
          &words.mxScaleRule, &words.elementRounding, &words.nvfp4Flavour, &words.bnbBackend,
          &words.shootout, &words.shootoutNote, &words.format, &words.saturated}) {
        QCOMPARE(*word, std::string("#"));
    }
}

void TestFormatReport::chineseReportUsesTheCatalogue()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("zh.html"));
    const test::CliRun run =
        test::runCli({"report", "--preset-data", "tutorial-3", "--number-format", "nf4",
                      "--bits-class", "4", "--lang", "zh_CN", "--out", path});
    QCOMPARE(run.exitCode, 0);
    const QString page = readText(path);
    QVERIFY(!page.contains("lang=\"en\""));
    QVERIFY(page.contains("<h2>公式</h2>"));
    QVERIFY(setLanguage(QStringLiteral("zh_CN")));
    for (const char* word : {"Formats at equal bits", "number format", "bits per value"}) {
        const QString translated = QCoreApplication::translate("Report", word);
        if (translated == QLatin1String(word)) {
            qWarning("not in the zh_CN catalogue yet: %s", word);
        }
        QVERIFY2(page.contains(translated.toHtmlEscaped()), word);
    }
    QVERIFY(setLanguage(QStringLiteral("en")));
}

QTEST_MAIN(TestFormatReport)
#include "tst_format_report.moc"
