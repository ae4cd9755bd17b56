// The frameworks' calibration variants against tests/data/calibration_variants_expected.json:
// what a NumPy (and PyTorch) restatement of each framework's published source chose
// (tests/data/make_calibration_variant_fixtures.py) on generated heavy-tailed tensors and on the
// real weights beside the project. A case passes when QuantScope's choice is one the framework's
// own arithmetic cannot tell from its choice (the fixture's "acceptable" list: usually the
// choice alone; a near-tie within the framework's float32 rounding lists its rivals).

#include "calibrate/calibrate.h"
#include "calibrate/framework_histograms.h"
#include "calibrate/histogram_calibrators.h"
#include "calibrate/kl_variants.h"
#include "io/tensor_source.h"
#include "quant/group_stats.h"
#include "support/fixtures.h"
#include "support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

QJsonArray fixtureCases()
{
    QFile file(test::testData("calibration_variants_expected.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read calibration_variants_expected.json");
    }
    return QJsonDocument::fromJson(file.readAll()).object()["cases"].toArray();
}

bool realDataPresent()
{
    return QDir(test::realData(QString())).exists();
}

std::vector<float> tensorOf(const QJsonObject& source)
{
    if (source["source"].toString() == QLatin1String("generated")) {
        return test::npyFixture(source["file"].toString()).values;
    }
    auto loaded = loadTensorFile({test::realData(source["file"].toString()).toStdString(),
                                  source["member"].toString().toStdString(),
                                  {}});
    if (!loaded) {
        qFatal("%s", loaded.error().describe().c_str());
    }
    return std::move(loaded->tensor.values);
}

QString describe(const QJsonObject& c)
{
    const QJsonObject t = c["tensor"].toObject();
    QString name = t["member"].toString();
    if (name.isEmpty()) {
        name = t["file"].toString();
    }
    QString args = QStringLiteral("%1 bits%2")
                       .arg(c["bits"].toInt())
                       .arg(c["unsigned"].toBool() ? QStringLiteral(" unsigned") : QString());
    for (const char* key : {"bins", "start_bin", "levels", "percentile"}) {
        if (c.contains(QLatin1String(key))) {
            args += QStringLiteral(" %1=%2").arg(QLatin1String(key)).arg(c[key].toDouble());
        }
    }
    if (c["method"].toString() == QLatin1String("percentile") &&
        c["variant"].toString() == QLatin1String("onnxruntime")) {
        args +=
            c["symmetric"].toBool() ? QStringLiteral(" symmetric") : QStringLiteral(" two ends");
    }
    return QStringLiteral("%1 %2 %3: %4")
        .arg(c["method"].toString(), c["variant"].toString(), name, args);
}

// The variant's choice: {amax} or {lo, hi}.
std::vector<double> choose(const QJsonObject& c, std::span<const float> x)
{
    const QString method = c["method"].toString();
    const QString variant = c["variant"].toString();
    const int bits = c["bits"].toInt();
    const bool isUnsigned = c["unsigned"].toBool();
    const int bins = c["bins"].toInt();
    const int levels = c["levels"].toInt();
    const double percentile = c["percentile"].toDouble();
    const auto pair = [](RealRange r) {
        return std::vector<double>{r.lo, r.hi};
    };
    if (method == QLatin1String("kl")) {
        if (variant == QLatin1String("pytorch-quantization")) {
            return {pytorchQuantizationKlAmax(x, bins, c["start_bin"].toInt(), levels)};
        }
        if (variant == QLatin1String("onnxruntime")) {
            return pair(onnxRuntimeEntropyRange(x, bins, levels));
        }
        return {mxnetEntropyThreshold(x, bins, levels)};
    }
    if (method == QLatin1String("percentile")) {
        if (variant == QLatin1String("pytorch-quantization")) {
            return {pytorchQuantizationPercentileAmax(x, percentile)};
        }
        return pair(onnxRuntimePercentileRange(x, percentile, c["symmetric"].toBool()));
    }
    return {pytorchQuantizationMseAmax(x, bits, isUnsigned)};
}

std::vector<double> asChoice(const QJsonValue& v)
{
    return v.isArray() ? test::doubles(v) : std::vector<double>{v.toDouble()};
}

} // namespace

class TestCalibrationVariants : public QObject
{
    Q_OBJECT

private slots:
    void reproducesTheFrameworks_data();
    void reproducesTheFrameworks();
    void everyVariantAndCaseIsCovered();
    void torchLinspaceRoundsAsAtensVectorKernel();
    void numpyHistogramBinsByItsEdges();
    void specDefaultsFollowTheVariant();
    void calibrateGroupsMapsThresholdsToRanges();
};

void TestCalibrationVariants::reproducesTheFrameworks_data()
{
    QTest::addColumn<QJsonObject>("fixture");
    const bool real = realDataPresent();
    for (const QJsonValue& v : fixtureCases()) {
        const QJsonObject c = v.toObject();
        if (c["tensor"].toObject()["source"].toString() == QLatin1String("real") && !real) {
            continue; // the real weights are beside the project, not in it
        }
        QTest::newRow(describe(c).toUtf8().constData()) << c;
    }
}

void TestCalibrationVariants::reproducesTheFrameworks()
{
    QFETCH(QJsonObject, fixture);
    const std::vector<float> x = tensorOf(fixture["tensor"].toObject());
    QVERIFY(!x.empty());
    const std::vector<double> got = choose(fixture, x);
    bool accepted = false;
    for (const QJsonValue& candidate : fixture["acceptable"].toArray()) {
        accepted = accepted || asChoice(candidate) == got;
    }
    const std::vector<double> expected =
        asChoice(fixture.contains("range") ? fixture["range"] : fixture["amax"]);
    if (!accepted) {
        qWarning("chose %.9g%s, the framework %.9g%s", got.front(),
                 got.size() > 1 ? qPrintable(QStringLiteral(" .. %1").arg(got.back(), 0, 'g', 9))
                                : "",
                 expected.front(),
                 expected.size() > 1
                     ? qPrintable(QStringLiteral(" .. %1").arg(expected.back(), 0, 'g', 9))
                     : "");
    }
    QVERIFY(accepted);
}

void TestCalibrationVariants::everyVariantAndCaseIsCovered()
{
    // Each framework variant has generated cases, so a missing one cannot pass silently.
    QSet<QString> seen;
    for (const QJsonValue& v : fixtureCases()) {
        const QJsonObject c = v.toObject();
        if (c["tensor"].toObject()["source"].toString() == QLatin1String("generated")) {
            seen.insert(c["method"].toString() + QLatin1Char(' ') + c["variant"].toString());
        }
    }
    const QSet<QString> expected{QStringLiteral("kl pytorch-quantization"),
                                 QStringLiteral("kl onnxruntime"),
                                 QStringLiteral("kl mxnet"),
                                 QStringLiteral("percentile pytorch-quantization"),
                                 QStringLiteral("percentile onnxruntime"),
                                 QStringLiteral("mse pytorch-quantization")};
    QCOMPARE(seen, expected);
}

void TestCalibrationVariants::torchLinspaceRoundsAsAtensVectorKernel()
{
    // A maximum for which the vector kernel's edges differ from start + step·i in the last bit.
    const float max = 75.00799560546875f;
    const std::vector<float> edges = torchLinspace(0, max, 2049);
    QCOMPARE(edges.size(), std::size_t{2049});
    QCOMPARE(edges.front(), 0.0f);
    QCOMPARE(edges.back(), max);
    const float step = max / 2048;
    int differ = 0;
    for (int i = 0; i < 1024; ++i) {
        differ += edges[static_cast<std::size_t>(i)] != step * static_cast<float>(i) ? 1 : 0;
        // Every edge is within one float32 step of the exact k·max/2048.
        const double exact = static_cast<double>(max) * i / 2048;
        QVERIFY(std::fabs(edges[static_cast<std::size_t>(i)] - exact) <=
                std::nextafter(static_cast<float>(exact), 1e9f) - static_cast<float>(exact));
    }
    QVERIFY(differ > 0);
    // The vector bases are exact products.
    QCOMPARE(edges[8], step * 8);
    QCOMPARE(edges[1016], step * 1016);
}

void TestCalibrationVariants::numpyHistogramBinsByItsEdges()
{
    // A value equal to an edge belongs to the bin that starts there; the last edge closes the
    // last bin; values outside are not counted.
    const std::vector<float> x{-1.0f, -0.5f, 0.0f, 0.25f, 0.5f, 1.0f, 1.5f};
    const FrameworkHistogram h = numpyHistogram(x, 4, -1.0f, 1.0f);
    QCOMPARE(h.edges, (std::vector<float>{-1.0f, -0.5f, 0.0f, 0.5f, 1.0f}));
    QCOMPARE(h.counts, (std::vector<std::int64_t>{1, 1, 2, 2}));
    // An empty range widens by one half each way.
    const FrameworkHistogram flat = numpyHistogram(std::vector<float>{2.0f, 2.0f}, 2, 2.0f, 2.0f);
    QCOMPARE(flat.edges, (std::vector<float>{1.5f, 2.0f, 2.5f}));
    QCOMPARE(flat.counts, (std::vector<std::int64_t>{0, 2}));
}

void TestCalibrationVariants::specDefaultsFollowTheVariant()
{
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Kl;
    QCOMPARE(klBins(spec), 2048);
    QCOMPARE(klStartBin(spec), 128);
    QCOMPARE(klLevels(spec), 128);
    spec.isSigned = false;
    QCOMPARE(klLevels(spec), 128); // TensorRT's published algorithm: 2^(bits − 1)
    spec.calibration.klVariant = KlVariant::PytorchQuantization;
    QCOMPARE(klLevels(spec), 256); // pytorch-quantization: 2^(bits − 1 + unsigned)
    spec.calibration.klVariant = KlVariant::OnnxRuntime;
    QCOMPARE(klBins(spec), 128);
    QCOMPARE(klLevels(spec), 128);
    QVERIFY(!klHasStartBin(spec.calibration.klVariant));
    spec.calibration.klVariant = KlVariant::MxNet;
    QCOMPARE(klBins(spec), 8001);
    QCOMPARE(klLevels(spec), 255);
    spec.calibration.klBins = 801;
    spec.calibration.klLevels = 63;
    QCOMPARE(klBins(spec), 801);
    QCOMPARE(klLevels(spec), 63);
}

void TestCalibrationVariants::calibrateGroupsMapsThresholdsToRanges()
{
    const std::vector<float> x =
        test::npyFixture(QStringLiteral("calib_variant_asymmetric.npy")).values;
    const GroupLayout layout{Granularity::Tensor, 1, x.size(), x.size(), 0};
    const std::vector<GroupStats> stats = computeGroupStats(x, layout, {true, 0});
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Kl;
    spec.calibration.klVariant = KlVariant::MxNet;
    const double t = mxnetEntropyThreshold(x, 8001, 255);
    auto symmetric = calibrateGroups(x, layout, stats, spec);
    QVERIFY(symmetric.has_value());
    QCOMPARE(symmetric->front().range.lo, -t);
    QCOMPARE(symmetric->front().range.hi, t);
    spec.scheme = Scheme::Asymmetric;
    auto asymmetric = calibrateGroups(x, layout, stats, spec);
    QVERIFY(asymmetric.has_value());
    QCOMPARE(asymmetric->front().range.lo, std::max<double>(stats[0].min, -t));
    QCOMPARE(asymmetric->front().range.hi, std::min<double>(stats[0].max, t));
    // ONNX Runtime's percentile keeps its own two ends for a two-ended grid.
    spec.calibration.method = CalibrationMethod::Percentile;
    spec.calibration.percentile = 99.9;
    spec.calibration.percentileVariant = PercentileVariant::OnnxRuntime;
    auto ort = calibrateGroups(x, layout, stats, spec);
    QVERIFY(ort.has_value());
    const RealRange expected = onnxRuntimePercentileRange(x, 99.9, false);
    QCOMPARE(ort->front().range.lo, expected.lo);
    QCOMPARE(ort->front().range.hi, expected.hi);
    // An impossible window count is refused, naming the variant.
    spec.calibration.method = CalibrationMethod::Kl;
    spec.calibration.klVariant = KlVariant::MxNet;
    spec.calibration.klBins = 800;
    auto even = calibrateGroups(x, layout, stats, spec);
    QVERIFY(!even.has_value());
    QVERIFY(even.error().message.find("odd number of bins") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestCalibrationVariants)
#include "tst_calibration_variants.moc"
