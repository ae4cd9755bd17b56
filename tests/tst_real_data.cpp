// Real model tensors (third-party data beside the project) against the reference figures NumPy
// computed for them.

#include "analysis/analyze.h"
#include "io/tensor_source.h"
#include "support/test_paths.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

bool near(double value, double expected, double relative)
{
    return std::fabs(value - expected) <= relative * std::fabs(expected);
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

QTEST_GUILESS_MAIN(TestRealData)
#include "tst_real_data.moc"
