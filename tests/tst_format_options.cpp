// The command line's number-format options: each refused, in one line naming it and the format,
// where it does not apply; accepted where it does and seen in the JSON; and the text output
// naming the format as the JSON does.

#include "support/cli_run.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qs;
using test::runCli;

namespace {

const QStringList kTensor{"--preset-data", "tutorial-3"};

QJsonObject formatOf(const QStringList& arguments)
{
    const test::CliRun run = runCli(QStringList{"analyze", "--json"} + kTensor + arguments);
    if (run.exitCode != 0) {
        qWarning("%s", qPrintable(run.err));
        return {};
    }
    return QJsonDocument::fromJson(run.out.toUtf8()).object()["format"].toObject();
}

} // namespace

class TestFormatOptions : public QObject
{
    Q_OBJECT

private slots:
    void refusedWhereTheyDoNotApply_data();
    void refusedWhereTheyDoNotApply();
    void acceptedWhereTheyApply();
    void textNamesTheFormat();
    void sweepsUnderAFormat();
};

void TestFormatOptions::refusedWhereTheyDoNotApply_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("format");
    const auto row = [](const char* name, QStringList arguments, const char* option,
                        const char* format) {
        QTest::newRow(name) << arguments << QString(option) << QString(format);
    };
    row("bits on fp8", {"--format", "fp8-e4m3", "--bits", "4"}, "--bits", "fp8-e4m3");
    row("scheme on mxfp4", {"--format", "mxfp4", "--scheme", "asymmetric"}, "--scheme", "mxfp4");
    row("preset on nf4", {"--format", "nf4", "--preset", "tensorrt-int8"}, "--preset", "nf4");
    row("granularity on mxfp4", {"--format", "mxfp4", "--granularity", "channel"}, "--granularity",
        "mxfp4");
    row("group size on nvfp4", {"--format", "nvfp4", "--group-size", "32"}, "--group-size",
        "nvfp4");
    row("no-scale on nf4", {"--format", "nf4", "--no-scale"}, "--no-scale", "nf4");
    row("overflow on fp6", {"--format", "fp6-e2m3", "--overflow", "nan"}, "--overflow", "fp6-e2m3");
    row("overflow on mxfp8", {"--format", "mxfp8-e4m3", "--overflow", "nan"}, "--overflow",
        "mxfp8-e4m3");
    row("mx-scale on nvfp4", {"--format", "nvfp4", "--mx-scale", "rceil"}, "--mx-scale", "nvfp4");
    row("element rounding on nf4", {"--format", "nf4", "--element-rounding", "away"},
        "--element-rounding", "nf4");
    row("flavour on mxfp4", {"--format", "mxfp4", "--nvfp4-flavour", "torchao"}, "--nvfp4-flavour",
        "mxfp4");
    row("block size on mxfp4", {"--format", "mxfp4", "--block-size", "128"}, "--block-size",
        "mxfp4");
    row("backend on fp8", {"--format", "fp8-e5m2", "--bnb-backend", "cuda"}, "--bnb-backend",
        "fp8-e5m2");
    // Core's reason (the window shows it too) names the method's kind rather than the option.
    row("KL on fp8", {"--format", "fp8-e4m3", "--calibration", "kl"}, "calibration", "fp8-e4m3");
    row("percentile on mxfp4", {"--format", "mxfp4", "--calibration", "percentile"}, "calibration",
        "mxfp4");
    // A plain cast has no scale to choose or to group.
    row("plain cast calibrated", {"--format", "fp8-e4m3", "--no-scale", "--calibration", "mse"},
        "--calibration", "fp8-e4m3");
    row("plain cast per channel",
        {"--format", "fp8-e4m3", "--no-scale", "--granularity", "channel"}, "--granularity",
        "fp8-e4m3");
    row("plain cast in groups", {"--format", "fp4-e2m1", "--no-scale", "--group-size", "32"},
        "--group-size", "fp4-e2m1");
    // The frameworks' calibration variants: only under their method, their own options only
    // with the variants that have them, and only on integer grids.
    row("kl variant without kl", {"--kl-variant", "mxnet"}, "--kl-variant", "--calibration kl");
    row("mse variant under percentile",
        {"--calibration", "percentile", "--mse-variant", "pytorch-quantization"}, "--mse-variant",
        "--calibration mse");
    row("percentile variant under kl",
        {"--calibration", "kl", "--percentile-variant", "onnxruntime"}, "--percentile-variant",
        "--calibration percentile");
    row("start bin for onnxruntime",
        {"--calibration", "kl", "--kl-variant", "onnxruntime", "--kl-start-bin", "64"},
        "--kl-start-bin", "onnxruntime");
    row("mxnet with an even bin count",
        {"--calibration", "kl", "--kl-variant", "mxnet", "--kl-bins", "800"}, "odd", "mxnet");
    row("framework percentile on fp8",
        {"--format", "fp8-e4m3", "--calibration", "percentile", "--percentile-variant",
         "onnxruntime"},
        "variants", "fp8-e4m3");
    row("framework mse on nvfp4",
        {"--format", "nvfp4", "--calibration", "mse", "--mse-variant", "pytorch-quantization"},
        "variants", "nvfp4");
    row("unknown variant", {"--calibration", "kl", "--kl-variant", "tensorflow"}, "--kl-variant",
        "tensorflow");
}

void TestFormatOptions::refusedWhereTheyDoNotApply()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, option);
    QFETCH(QString, format);
    const test::CliRun run = runCli(QStringList{"analyze", "--json"} + kTensor + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = run.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].contains(option) && lines[0].contains(format), qPrintable(lines[0]));
}

void TestFormatOptions::acceptedWhereTheyApply()
{
    QCOMPARE(formatOf({"--format", "fp8-e5m2", "--overflow", "nan"})["overflow"].toString(),
             QStringLiteral("nan"));
    QCOMPARE(formatOf({"--format", "mxfp6-e3m2", "--mx-scale", "rceil"})["mx_scale"].toString(),
             QStringLiteral("rceil"));
    // Element rounding: MX and the minifloats alike (the window offers it for both).
    QCOMPARE(formatOf({"--format", "mxfp4", "--element-rounding", "away"})["element_rounding"]
                 .toString(),
             QStringLiteral("away"));
    QCOMPARE(formatOf({"--format", "fp4-e2m1", "--element-rounding", "away"})["element_rounding"]
                 .toString(),
             QStringLiteral("away"));
    QCOMPARE(
        formatOf({"--format", "nvfp4", "--nvfp4-flavour", "modelopt"})["nvfp4_flavour"].toString(),
        QStringLiteral("modelopt"));
    const QJsonObject nf4 = formatOf({"--format", "nf4", "--block-size", "128"});
    QCOMPARE(nf4["block_size"].toInt(), 128);
    // A plain cast stores no scale: 8 bits per value, nothing else.
    const QJsonObject plain = formatOf({"--format", "fp8-e4m3", "--no-scale"});
    QCOMPARE(plain["no_scale"].toBool(), true);
    QCOMPARE(plain["scale_format"].toString(), QStringLiteral("none"));
    QCOMPARE(plain["bits_per_value"].toDouble(), 8.0);
    // Minifloats take a free scale's calibrations and granularities.
    QVERIFY(!formatOf({"--format", "fp8-e4m3", "--calibration", "mse"}).isEmpty());
    QVERIFY(!formatOf({"--format", "fp8-e4m3", "--granularity", "group", "--group-size", "2"})
                 .isEmpty());
}

void TestFormatOptions::textNamesTheFormat()
{
    // tutorial-3 is one MXFP4 block with amax 1.2962357: ⌊log2 amax⌋ = 0, shared exponent
    // 0 − emax (2 for E2M1) = −2, X = 0.25, E8M0 code 127 − 2 = 0x7D.
    const test::CliRun mx =
        runCli(QStringList{"analyze"} + kTensor + QStringList{"--format", "mxfp4"});
    QCOMPARE(mx.exitCode, 0);
    QVERIFY2(mx.out.contains("Format mxfp4: mx_scale floor, element_rounding even, block_size 32, "
                             "scale_format e8m0"),
             qPrintable(mx.out));
    QVERIFY(mx.out.contains("scale                   0.25 (code 0x7D)"));
    QVERIFY(!mx.out.contains("Scheme symmetric"));
    // The integer grid keeps its text.
    const test::CliRun integer = runCli(QStringList{"analyze"} + kTensor);
    QVERIFY(integer.out.contains("Scheme symmetric, 8-bit signed"));
    QVERIFY(!integer.out.contains("Format "));
}

void TestFormatOptions::sweepsUnderAFormat()
{
    // The growing outlier runs under the format and its JSON says which; the bit and clip sweeps
    // refuse it in one line naming the format.
    const QStringList nvfp4{"--format", "nvfp4"};
    const test::CliRun outlier =
        runCli(QStringList{"sweep", "--param", "outlier", "--json"} + kTensor + nvfp4);
    QCOMPARE(outlier.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(outlier.out.toUtf8()).object()["number_format"].toString(),
             QStringLiteral("nvfp4"));
    for (const char* parameter : {"bits", "clip"}) {
        const test::CliRun refused =
            runCli(QStringList{"sweep", "--param", parameter} + kTensor + nvfp4);
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(refused.err.trimmed().split('\n').size(), 1);
        QVERIFY2(refused.err.contains("nvfp4"), qPrintable(refused.err));
    }
}

QTEST_GUILESS_MAIN(TestFormatOptions)
#include "tst_format_options.moc"
