// Real model tensors (third-party data beside the project) against the reference figures NumPy
// and PyTorch 1.13 computed for them (only those figures are stored, in framework_expected.json).

#include "analysis/analyze.h"
#include "io/tensor_source.h"
#include "mitigate/hadamard.h"
#include "mitigate/smoothing.h"
#include "quant/presets.h"
#include "quant/quantization_error.h"
#include "support/fixtures.h"
#include "support/test_paths.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace qs;

namespace {

bool near(double value, double expected, double relative)
{
    return std::fabs(value - expected) <= relative * std::fabs(expected);
}

Tensor sileroEncoder3()
{
    auto loaded = loadTensorFile(
        {test::realData("silero_vad_v5/encoder.3.reparam_conv.weight.npy").toStdString(), {}, {}});
    if (!loaded) {
        qFatal("%s", loaded.error().describe().c_str());
    }
    return std::move(loaded->tensor);
}

QJsonObject pytorchOnSilero(const char* fixture)
{
    return test::frameworkExpected()["real_silero_encoder3"].toObject()[fixture].toObject();
}

} // namespace

class TestRealData : public QObject
{
    Q_OBJECT

private slots:
    void sileroEncoder3MatchesReference();
    void sileroEncoder3PerTensorCollapsesToZero();
    void bivariateNormalFloat64();
    void membraneRawFloat32();
    void pytorchPresetsMatchPyTorchOnRealWeights_data();
    void pytorchPresetsMatchPyTorchOnRealWeights();
    void mseCalibrationOnRealWeights();
    void perChannelRescuesRealWeights();
    void rotationEvensSilerosInputChannels();
};

void TestRealData::sileroEncoder3MatchesReference()
{
    const auto loaded = loadTensorFile(
        {test::realData("silero_vad_v5/encoder.3.reparam_conv.weight.npy").toStdString(), {}, {}});
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    QCOMPARE(loaded->tensor.shape, (Shape{128, 64, 3}));
    const auto analysis = analyzeTensor(loaded->tensor.view(), QuantSpec{});
    QVERIFY(analysis);
    // data/README.md: min -1.45772, max 7.59153, mean -0.00427564, std 0.0872684, SQNR 16.81 dB.
    QVERIFY(near(analysis->stats.min, -1.45772, 1e-5));
    QVERIFY(near(analysis->stats.max, 7.59153, 1e-5));
    QVERIFY(near(analysis->stats.mean, -0.00427564, 1e-5));
    QVERIFY(near(analysis->stats.std, 0.0872684, 1e-5));
    QVERIFY2(std::fabs(analysis->metrics.sqnrDb - 16.81) < 0.005,
             qPrintable(QString::number(analysis->metrics.sqnrDb)));
}

void TestRealData::sileroEncoder3PerTensorCollapsesToZero()
{
    // "per-tensor int8 sends about three quarters of its weights to code 0".
    const auto loaded = loadTensorFile(
        {test::realData("silero_vad_v5/encoder.3.reparam_conv.weight.npy").toStdString(), {}, {}});
    QVERIFY(loaded);
    const auto analysis = analyzeTensor(loaded->tensor.view(), QuantSpec{});
    QVERIFY(analysis);
    QVERIFY(analysis->metrics.zeroCodeFraction > 0.70 && analysis->metrics.zeroCodeFraction < 0.80);
    QVERIFY(std::ranges::any_of(
        analysis->warnings, [](const Warning& w) { return w.code == WarningCode::CodeCollapse; }));
}

void TestRealData::bivariateNormalFloat64()
{
    const auto loaded =
        loadTensorFile({test::realData("matplotlib/bivariate_normal.npy").toStdString(), {}, {}});
    QVERIFY(loaded);
    QCOMPARE(loaded->tensor.sourceDtype, Dtype::Float64);
    QCOMPARE(loaded->tensor.shape, (Shape{15, 15}));
    const auto analysis = analyzeTensor(loaded->tensor.view(), QuantSpec{});
    QVERIFY(analysis);
    QCOMPARE(analysis->stats.finiteCount, std::size_t{225});
    QVERIFY(analysis->metrics.sqnrDb > 35); // smooth data, no outliers: int8 does well
}

void TestRealData::membraneRawFloat32()
{
    RawSpec raw;
    raw.dtype = Dtype::Float32;
    const auto loaded =
        loadTensorFile({test::realData("matplotlib/membrane.dat").toStdString(), {}, raw});
    QVERIFY(loaded);
    QCOMPARE(loaded->tensor.values.size(), std::size_t{12000});
    const auto analysis = analyzeTensor(loaded->tensor.view(), QuantSpec{});
    QVERIFY(analysis);
    QCOMPARE(analysis->stats.finiteCount, std::size_t{12000});
    // All values negative but a few: symmetric leaves nearly half of the codes out of reach.
    QVERIFY(analysis->metrics.unusedRangeFraction > 0.4);
}

void TestRealData::pytorchPresetsMatchPyTorchOnRealWeights_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("per-tensor affine quint8") << "pytorch-per-tensor-affine-quint8"
                                              << "minmax_affine_quint8";
    QTest::newRow("per-channel symmetric qint8") << "pytorch-per-channel-symmetric-qint8"
                                                 << "perchannel_symmetric_qint8";
}

void TestRealData::pytorchPresetsMatchPyTorchOnRealWeights()
{
    QFETCH(QString, preset);
    QFETCH(QString, fixture);
    const Tensor weights = sileroEncoder3();
    const QJsonObject expected = pytorchOnSilero(fixture.toLatin1().constData());
    QVERIFY(!expected.isEmpty());
    std::vector<std::int32_t> codes(weights.values.size());
    AnalysisOptions options;
    options.codesOut = codes;
    const auto analysis =
        analyzeTensor(weights.view(), *schemePreset(preset.toStdString()), options);
    QVERIFY(analysis);
    const std::vector<double> scales = test::doubles(expected["scale"]);
    const QJsonArray zeroPoints = expected["zero_point"].toArray();
    QCOMPARE(analysis->params.size(), scales.size());
    for (std::size_t g = 0; g < scales.size(); ++g) {
        QCOMPARE(analysis->params[g].scale, scales[g]);
        QCOMPARE(analysis->params[g].zeroPoint, zeroPoints[static_cast<qsizetype>(g)].toInt());
    }
    std::int64_t sum = 0;
    std::int64_t squares = 0;
    for (const std::int32_t q : codes) {
        sum += q;
        squares += std::int64_t{q} * q;
    }
    QCOMPARE(sum, expected["code_sum"].toInteger());
    QCOMPARE(squares, expected["code_square_sum"].toInteger());
}

void TestRealData::mseCalibrationOnRealWeights()
{
    // A conv weight with one channel far out: the MSE range must come within 0.2 % of a
    // brute-force scan and not lose to PyTorch's HistogramObserver on the same qint8 grid.
    const Tensor weights = sileroEncoder3();
    QuantSpec spec = *schemePreset("pytorch-per-tensor-symmetric-qint8");
    spec.calibration.method = CalibrationMethod::Mse;
    const auto analysis = analyzeTensor(weights.view(), spec);
    QVERIFY(analysis);
    const double ours = analysis->metrics.mse;
    double best = std::numeric_limits<double>::infinity();
    const double amax = std::max(-analysis->stats.min, analysis->stats.max);
    for (int k = 1; k <= 2000; ++k) {
        const double t = amax * k / 2000.0;
        best = std::min(best, quantizationError(weights.values, chooseParams({-t, t}, spec)->params,
                                                spec.rounding)
                                  .mse());
    }
    QVERIFY2(ours <= best * 1.002,
             qPrintable(QStringLiteral("%1 vs brute force %2").arg(ours).arg(best)));

    const QJsonObject histogram = pytorchOnSilero("histogram_symmetric_qint8");
    QuantParams theirs = analysis->params.front();
    theirs.scale = histogram["scale"].toArray()[0].toDouble();
    theirs.inverseScale = 1.0f / static_cast<float>(theirs.scale);
    const double pytorch = quantizationError(weights.values, theirs, spec.rounding).mse();
    QVERIFY2(ours <= pytorch,
             qPrintable(QStringLiteral("%1 vs HistogramObserver %2").arg(ours).arg(pytorch)));
    // The far channel holds many of the large values, so clipping them buys little here: the
    // search must still not lose to min-max, one of its candidates.
    spec.calibration.method = CalibrationMethod::MinMax;
    QVERIFY(ours <= analyzeTensor(weights.view(), spec)->metrics.mse);
}

void TestRealData::perChannelRescuesRealWeights()
{
    const Tensor weights = sileroEncoder3();
    QuantSpec spec;
    const double perTensor = analyzeTensor(weights.view(), spec)->metrics.sqnrDb;
    spec.granularity = Granularity::Channel;
    const auto perChannel = analyzeTensor(weights.view(), spec);
    QVERIFY(perChannel);
    QCOMPARE(perChannel->groups.size(), std::size_t{128});
    // data/README.md: "one scale per output channel (axis 0) brings SQNR to about 33.6 dB".
    QVERIFY2(std::fabs(perChannel->metrics.sqnrDb - 33.6) < 0.05,
             qPrintable(QString::number(perChannel->metrics.sqnrDb)));
    QVERIFY(perChannel->metrics.sqnrDb > perTensor + 15);
    QVERIFY(perChannel->metrics.zeroCodeFraction < 0.2);
}

// Silero's encoder.3 [128, 64, 3], a conv weight viewed as [out, in·kh·kw] = [128, 192], has a
// few input channels far wider than the rest. Rotated (192 = 3 blocks of 64), the widest input
// channel comes much closer to the median one, and every output row keeps its length (Q is
// orthogonal).
void TestRealData::rotationEvensSilerosInputChannels()
{
    Tensor w = sileroEncoder3();
    constexpr std::size_t in = 64 * 3;
    QCOMPARE(w.values.size(), std::size_t{128} * in);
    const auto spread = [](std::vector<double> maxima) {
        const double widest = *std::max_element(maxima.begin(), maxima.end());
        std::nth_element(maxima.begin(), maxima.begin() + maxima.size() / 2, maxima.end());
        return widest / maxima[maxima.size() / 2];
    };
    const double before = spread(columnAbsMax(w.values, in));
    std::vector<double> rowLength(128, 0.0);
    for (std::size_t r = 0; r < 128; ++r) {
        for (std::size_t j = 0; j < in; ++j) {
            rowLength[r] += double(w.values[r * in + j]) * w.values[r * in + j];
        }
    }
    const HadamardPlan plan = hadamardPlan(in, 1);
    QVERIFY(plan.blockDiagonal());
    QCOMPARE(plan.block, std::size_t{64});
    rotateRows(w.values, plan);
    const double after = spread(columnAbsMax(w.values, in));
    QVERIFY2(after < before / 2, qPrintable(QString("%1 → %2").arg(before).arg(after)));
    for (std::size_t r = 0; r < 128; ++r) {
        double length = 0;
        for (std::size_t j = 0; j < in; ++j) {
            length += double(w.values[r * in + j]) * w.values[r * in + j];
        }
        QVERIFY(std::fabs(length - rowLength[r]) <= 1e-5 * rowLength[r]);
    }
}

QTEST_GUILESS_MAIN(TestRealData)
#include "tst_real_data.moc"
