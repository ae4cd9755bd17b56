// The geometry behind the plots: reachable codes, clip thresholds, the transfer staircase, and
// the counting passes (rebinning, values beyond a band).

#include "analysis/range_usage.h"
#include "analysis/transfer_curve.h"
#include "analysis/value_counts.h"
#include "quant/choose_params.h"
#include "quant/element_quantizer.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace qs;

namespace {

QuantParams params(Scheme scheme, RealRange range, int bits = 8)
{
    QuantSpec spec;
    spec.scheme = scheme;
    spec.bits = bits;
    return chooseParams(range, spec)->params;
}

} // namespace

class TestRangeUsage : public QObject
{
    Q_OBJECT

private slots:
    void generalSchemeOnTheTutorial();
    void symmetricOnPositiveData();
    void clipThresholdsAreWhereClippingStarts_data();
    void clipThresholdsAreWhereClippingStarts();
    void transferCurveStepsAtCodeChanges();
    void transferCurveSamplesWhenTooFine();
    void binValuesCountsTheRange();
    void countOutsideSkipsNaN();
};

void TestRangeUsage::generalSchemeOnTheTutorial()
{
    const QuantParams p = params(Scheme::General, {-1.0161771774291992, 1.2962356805801392});
    const RangeUsage usage =
        rangeUsage(p, Rounding::HalfEven, -1.0161771774291992, 1.2962356805801392);
    QCOMPARE(usage.lowestCode, -112);
    QCOMPARE(usage.highestCode, 127);
    QCOMPARE(usage.unusedFraction, 16.0 / 256.0);
    QVERIFY(!usage.unusedBelow.empty());
    QVERIFY(usage.unusedAbove.empty());
    // Codes −128 .. −113, each R'(k) ± Scale/2.
    const double half = p.elementScale() / 2.0;
    QCOMPARE(usage.unusedBelow.lo, double(p.dequantize(-128)) - half);
    QCOMPARE(usage.unusedBelow.hi, double(p.dequantize(-112)) - half);
}

void TestRangeUsage::symmetricOnPositiveData()
{
    const QuantParams p = params(Scheme::Symmetric, {0.25, 1.0});
    const RangeUsage usage = rangeUsage(p, Rounding::HalfEven, 0.25, 1.0);
    QCOMPARE(usage.highestCode, 127);
    QVERIFY(usage.unusedBelow.lo < -0.99 && usage.unusedBelow.hi > 0.24);
    QVERIFY(usage.unusedFraction > 0.6);
}

void TestRangeUsage::clipThresholdsAreWhereClippingStarts_data()
{
    QTest::addColumn<int>("rounding");
    QTest::newRow("half-even") << int(Rounding::HalfEven);
    QTest::newRow("half-away") << int(Rounding::HalfAwayFromZero);
    QTest::newRow("half-up") << int(Rounding::HalfUp);
    QTest::newRow("floor") << int(Rounding::Floor);
}

void TestRangeUsage::clipThresholdsAreWhereClippingStarts()
{
    QFETCH(int, rounding);
    const auto mode = static_cast<Rounding>(rounding);
    const QuantParams p = params(Scheme::Asymmetric, {-0.7, 2.3}, 4);
    const RealInterval t = clipThresholds(p, mode);
    // A little inside the thresholds nothing clips; a little outside it does.
    const double margin = 0.01 * p.scale;
    QCOMPARE(quantizeElement(p, mode, static_cast<float>(t.lo + margin)).clip, ClipState::Inside);
    QCOMPARE(quantizeElement(p, mode, static_cast<float>(t.lo - margin)).clip, ClipState::Below);
    QCOMPARE(quantizeElement(p, mode, static_cast<float>(t.hi - margin)).clip, ClipState::Inside);
    QCOMPARE(quantizeElement(p, mode, static_cast<float>(t.hi + margin)).clip, ClipState::Above);
}

void TestRangeUsage::transferCurveStepsAtCodeChanges()
{
    const QuantParams p = params(Scheme::Symmetric, {-1, 1}, 3); // codes −3 .. 3
    const TransferCurve curve = transferCurve(p, Rounding::HalfEven, -2, 2);
    QCOMPARE(curve.x.size(), curve.y.size());
    // Seven codes: a first point, six changes and a closing point.
    QCOMPARE(curve.x.size(), std::size_t{8});
    QCOMPARE(curve.y.front(), double(p.representableMin()));
    QCOMPARE(curve.y[curve.y.size() - 2], double(p.representableMax()));
    for (std::size_t i = 1; i + 1 < curve.x.size(); ++i) {
        QVERIFY(curve.x[i] > curve.x[i - 1]);
        QVERIFY(curve.y[i] > curve.y[i - 1]);
        // Each step starts exactly where the code changes: just below it is the previous code.
        const auto at = static_cast<float>(curve.x[i]);
        QVERIFY(quantizeElement(p, Rounding::HalfEven, std::nextafter(at, -INFINITY)).dequantized ==
                static_cast<float>(curve.y[i - 1]));
    }
}

void TestRangeUsage::transferCurveSamplesWhenTooFine()
{
    const QuantParams p = params(Scheme::Symmetric, {-1, 1}, 16);
    const TransferCurve curve = transferCurve(p, Rounding::HalfEven, -1, 1, 500);
    QCOMPARE(curve.x.size(), std::size_t{500});
}

void TestRangeUsage::binValuesCountsTheRange()
{
    std::vector<float> values;
    for (int i = 0; i < 1000; ++i) {
        values.push_back(static_cast<float>(i) / 100.0f); // 0.00 .. 9.99
    }
    values.push_back(std::numeric_limits<float>::quiet_NaN());
    const Histogram h = binValues(values, 2.0, 4.0, 20);
    QCOMPARE(h.bins(), std::size_t{20});
    QCOMPARE(h.total(), std::uint64_t{201}); // 2.00 .. 4.00 inclusive
}

void TestRangeUsage::countOutsideSkipsNaN()
{
    const std::vector<float> values{-5,
                                    -1,
                                    0,
                                    1,
                                    5,
                                    7,
                                    std::numeric_limits<float>::quiet_NaN(),
                                    std::numeric_limits<float>::infinity()};
    const BandCounts counts = countOutside(values, -2, 2);
    QCOMPARE(counts.below, std::uint64_t{1});
    QCOMPARE(counts.above, std::uint64_t{2});
}

QTEST_GUILESS_MAIN(TestRangeUsage)
#include "tst_range_usage.moc"
