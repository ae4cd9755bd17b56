// The fused SIMD pass against the naive one-element-at-a-time reference, over awkward sizes and
// every scheme, rounding and bit width; determinism across threads; NaN/Inf; cancellation.

#include "analysis/analyze.h"
#include "generate/generator.h"
#include "quant/choose_params.h"
#include "support/naive_quantizer.h"
#include "tensor/tensor_stats.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace qs;

namespace {

std::vector<float> testValues(std::size_t n, std::uint32_t seed)
{
    GenerateSpec spec;
    spec.distribution = Distribution::Laplace; // heavy-ish tails: some clipping once calibrated
    spec.shape = {static_cast<std::int64_t>(n)};
    spec.seed = seed;
    auto values = generateTensor(spec)->values;
    // Exact zeros, exact ties of R/Scale and a negative zero exercise the rounding edge cases.
    for (std::size_t i = 0; i < n; i += 7) {
        values[i] = 0.0f;
    }
    if (n > 3) {
        values[3] = -0.0f;
    }
    return values;
}

bool sameBits(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

void compareMetrics(const Metrics& fast, const Metrics& naive)
{
    auto close = [](double a, double b) {
        return (std::isinf(a) && std::isinf(b)) ||
               std::fabs(a - b) <= 1e-5 * std::max(std::fabs(b), 1e-30) + 1e-12;
    };
    QVERIFY2(close(fast.mse, naive.mse),
             qPrintable(QStringLiteral("mse %1 vs %2").arg(fast.mse).arg(naive.mse)));
    QVERIFY(close(fast.rmse, naive.rmse));
    QVERIFY(close(fast.mae, naive.mae));
    QCOMPARE(fast.maxAbsError, naive.maxAbsError);
    QVERIFY2(std::fabs(fast.sqnrDb - naive.sqnrDb) < 1e-4 ||
                 (std::isinf(fast.sqnrDb) && std::isinf(naive.sqnrDb)),
             qPrintable(QStringLiteral("sqnr %1 vs %2").arg(fast.sqnrDb).arg(naive.sqnrDb)));
    // 1 − cos carries the information (it is ~1e-10 at 16 bits): compare it relatively, with the
    // float32 block sums' absolute floor for large errors.
    const double fastGap = 1 - fast.cosineSimilarity;
    const double naiveGap = 1 - naive.cosineSimilarity;
    QVERIFY2(std::fabs(fastGap - naiveGap) <= 1e-4 * std::fabs(naiveGap) + 2e-7,
             qPrintable(QStringLiteral("1 - cos %1 vs %2").arg(fastGap).arg(naiveGap)));
    QCOMPARE(fast.clippedBelow, naive.clippedBelow);
    QCOMPARE(fast.clippedAbove, naive.clippedAbove);
    QCOMPARE(fast.clippedFraction, naive.clippedFraction);
    QCOMPARE(fast.codesUsed, naive.codesUsed);
    QCOMPARE(fast.codesTotal, naive.codesTotal);
    QCOMPARE(fast.zeroCodeFraction, naive.zeroCodeFraction);
}

struct Case
{
    QuantParams params;
    PassOptions options;
};

// `rangeShare` < 1 calibrates on a narrower range than the data, so that both ends clip; 1 is
// minmax, where symmetric and asymmetric cannot clip and the kernel takes its unchecked path.
Case makeCase(std::span<const float> values, Scheme scheme, Rounding rounding, int bits,
              bool isSigned, double rangeShare = 0.6)
{
    const TensorStats stats = computeStats(values);
    QuantSpec spec;
    spec.scheme = scheme;
    spec.bits = bits;
    spec.isSigned = isSigned;
    spec.rounding = rounding;
    const auto choice = chooseParams({stats.min * rangeShare, stats.max * rangeShare}, spec);
    Case c{choice->params, {}};
    c.options.rounding = rounding;
    c.options.roundingSeed = 99;
    c.options.dataMin = stats.min;
    c.options.dataMax = stats.max;
    c.options.allFinite = stats.finiteCount == stats.count;
    return c;
}

} // namespace

class TestQuantizePass : public QObject
{
    Q_OBJECT

private slots:
    void fusedMatchesNaive_data();
    void fusedMatchesNaive();
    void largeTensorMatchesNaive();
    void sameResultsForAnyThreadCount();
    void nonFiniteValuesAreCountedApart();
    void stochasticRoundingIsUnbiased();
    void cancellationStopsThePass();
    void unusedRangeOfSymmetricOnPositiveData();
    void wrongOutputSizeIsRefused();
    void degenerateTensorsAnalyseCleanly_data();
    void degenerateTensorsAnalyseCleanly();
};

void TestQuantizePass::fusedMatchesNaive_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("rounding");
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("isSigned");
    QTest::addColumn<int>("isa");
    QTest::addColumn<double>("rangeShare");
    const int roundings[] = {int(Rounding::HalfEven), int(Rounding::HalfAwayFromZero),
                             int(Rounding::HalfUp), int(Rounding::Floor),
                             int(Rounding::Stochastic)};
    for (const int size : {1, 2, 5, 8, 9, 16, 33, 1000}) {
        for (const int scheme :
             {int(Scheme::General), int(Scheme::Symmetric), int(Scheme::Asymmetric)}) {
            for (const int rounding : roundings) {
                for (const int bits : {2, 4, 8, 16}) {
                    for (const bool isSigned : {true, false}) {
                        for (const int isa : {int(simd::Isa::Baseline), int(simd::Isa::Auto)}) {
                            for (const double share : {0.6, 1.0}) {
                                QTest::addRow("n%d s%d r%d b%d %s isa%d range%.1f", size, scheme,
                                              rounding, bits, isSigned ? "signed" : "unsigned", isa,
                                              share)
                                    << size << scheme << rounding << bits << isSigned << isa
                                    << share;
                            }
                        }
                    }
                }
            }
        }
    }
}

void TestQuantizePass::fusedMatchesNaive()
{
    QFETCH(int, size);
    QFETCH(int, scheme);
    QFETCH(int, rounding);
    QFETCH(int, bits);
    QFETCH(bool, isSigned);
    QFETCH(int, isa);
    QFETCH(double, rangeShare);
    const auto values =
        testValues(static_cast<std::size_t>(size), static_cast<std::uint32_t>(size + bits));
    Case c = makeCase(values, Scheme(scheme), Rounding(rounding), bits, isSigned, rangeShare);
    std::vector<std::int32_t> codes(values.size());
    std::vector<float> dequant(values.size());
    c.options.codesOut = codes;
    c.options.dequantOut = dequant;
    c.options.isa = simd::Isa(isa);
    const auto fast = quantizePass(values, c.params, c.options);
    QVERIFY(fast);
    const auto naive = test::naiveQuantize(values, c.params, c.options);
    QCOMPARE(codes, naive.codes);
    for (std::size_t i = 0; i < values.size(); ++i) {
        QVERIFY2(sameBits(dequant[i], naive.dequant[i]),
                 qPrintable(QStringLiteral("element %1: %2 vs %3")
                                .arg(i)
                                .arg(dequant[i])
                                .arg(naive.dequant[i])));
    }
    QCOMPARE(fast->histograms, naive.histograms);
    compareMetrics(fast->metrics, naive.metrics);
}

void TestQuantizePass::largeTensorMatchesNaive()
{
    const auto values = testValues(std::size_t{1} << 20, 5);
    for (const Scheme scheme : {Scheme::Symmetric, Scheme::Asymmetric}) {
        for (const double share : {0.6, 1.0}) {
            Case c = makeCase(values, scheme, Rounding::HalfEven, 8, true, share);
            std::vector<std::int32_t> codes(values.size());
            c.options.codesOut = codes;
            const auto fast = quantizePass(values, c.params, c.options);
            QVERIFY(fast);
            const auto naive = test::naiveQuantize(values, c.params, c.options);
            QCOMPARE(codes, naive.codes);
            QCOMPARE(fast->histograms, naive.histograms);
            compareMetrics(fast->metrics, naive.metrics);
        }
    }
}

void TestQuantizePass::sameResultsForAnyThreadCount()
{
    const auto values = testValues(2'500'000, 8);
    Case c = makeCase(values, Scheme::Asymmetric, Rounding::Stochastic, 6, true);
    c.options.threads = 1;
    const auto one = quantizePass(values, c.params, c.options);
    QVERIFY(one);
    for (const unsigned threads : {2u, 5u}) {
        c.options.threads = threads;
        const auto many = quantizePass(values, c.params, c.options);
        QVERIFY(many);
        QCOMPARE(many->metrics, one->metrics); // bit-identical, not merely close
        QCOMPARE(many->histograms, one->histograms);
    }
}

void TestQuantizePass::nonFiniteValuesAreCountedApart()
{
    std::vector<float> values = testValues(100, 2);
    values[10] = std::numeric_limits<float>::quiet_NaN();
    values[20] = std::numeric_limits<float>::infinity();
    values[30] = -std::numeric_limits<float>::infinity();
    const auto analysis = analyzeTensor({values, {}}, QuantSpec{});
    QVERIFY(analysis);
    QCOMPARE(analysis->stats.finiteCount, std::size_t{97});
    QCOMPARE(analysis->histograms.values.total(), std::uint64_t{97});
    QVERIFY(std::isfinite(analysis->metrics.mse));
    QVERIFY(std::ranges::any_of(analysis->warnings, [](const Warning& w) {
        return w.code == WarningCode::NonFiniteValues;
    }));

    std::vector<std::int32_t> codes(values.size());
    Case c = makeCase(values, Scheme::Symmetric, Rounding::HalfEven, 8, true);
    c.options.codesOut = codes;
    QVERIFY(quantizePass(values, c.params, c.options));
    QCOMPARE(codes[10], 0);             // NaN -> the zero point
    QCOMPARE(codes[20], c.params.qmax); // +Inf saturates
    QCOMPARE(codes[30], c.params.qmin);
}

void TestQuantizePass::stochasticRoundingIsUnbiased()
{
    // 0.3 with Scale 1 becomes 1 three times in ten on average, and 0 otherwise.
    const std::vector<float> values(200000, 0.3f);
    QuantParams p;
    p.scale = 1.0;
    PassOptions options;
    options.rounding = Rounding::Stochastic;
    options.roundingSeed = 1234;
    options.dataMin = options.dataMax = 0.3;
    const auto result = quantizePass(values, p, options);
    QVERIFY(result);
    const double ones =
        static_cast<double>(result->histograms.codes.counts[static_cast<std::size_t>(1 - p.qmin)]);
    QVERIFY2(std::fabs(ones / 200000.0 - 0.3) < 0.005, qPrintable(QString::number(ones)));
}

void TestQuantizePass::cancellationStopsThePass()
{
    const auto values = testValues(std::size_t{1} << 21, 1);
    Case c = makeCase(values, Scheme::Symmetric, Rounding::HalfEven, 8, true);
    int calls = 0;
    c.options.threads = 1;
    c.options.progress = [&](double) {
        return ++calls < 3;
    };
    const auto result = quantizePass(values, c.params, c.options);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 3);
}

void TestQuantizePass::unusedRangeOfSymmetricOnPositiveData()
{
    // Symmetric int8 on [0.3, 1]: codes −127..37 are out of reach (the tutorial's red area).
    std::vector<float> values;
    for (int i = 0; i <= 70; ++i) {
        values.push_back(0.3f + 0.01f * static_cast<float>(i));
    }
    values.back() = 1.0f;
    const auto analysis = analyzeTensor({values, {}}, QuantSpec{});
    QVERIFY(analysis);
    const Metrics& m = analysis->metrics;
    // q(0.3) = round(0.3 · 127) = 38, q(1) = 127: 90 of 255 codes reachable.
    QCOMPARE(m.codesTotal, std::int64_t{255});
    QCOMPARE(m.unusedRangeFraction, 1.0 - 90.0 / 255.0);
}

void TestQuantizePass::wrongOutputSizeIsRefused()
{
    const std::vector<float> values(10, 1.0f);
    std::vector<std::int32_t> codes(9);
    PassOptions options;
    options.codesOut = codes;
    const auto result = quantizePass(values, QuantParams{}, options);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
}

void TestQuantizePass::degenerateTensorsAnalyseCleanly_data()
{
    QTest::addColumn<int>("scheme");
    QTest::addColumn<float>("value");
    for (const int scheme :
         {int(Scheme::General), int(Scheme::Symmetric), int(Scheme::Asymmetric)}) {
        QTest::addRow("scheme %d, all zero", scheme) << scheme << 0.0f;
        QTest::addRow("scheme %d, constant 5", scheme) << scheme << 5.0f;
        QTest::addRow("scheme %d, constant -1e-30", scheme) << scheme << -1e-30f;
    }
}

void TestQuantizePass::degenerateTensorsAnalyseCleanly()
{
    QFETCH(int, scheme);
    QFETCH(float, value);
    const std::vector<float> values(1000, value);
    QuantSpec spec;
    spec.scheme = Scheme(scheme);
    const auto analysis = analyzeTensor({values, {}}, spec);
    QVERIFY(analysis);
    const QuantParams& p = analysis->params.front();
    QVERIFY(std::isfinite(p.scale) && p.scale > 0);
    QVERIFY(std::isfinite(analysis->metrics.mse));
    QVERIFY(!std::isnan(analysis->metrics.sqnrDb)); // +inf when lossless, never NaN
    QVERIFY(!std::isnan(analysis->metrics.cosineSimilarity));
    QCOMPARE(analysis->histograms.values.total(), std::uint64_t{1000});
    if (value == 0.0f) {
        QCOMPARE(analysis->metrics.mse, 0.0);
    }
    const bool floored = std::ranges::any_of(
        analysis->warnings, [](const Warning& w) { return w.code == WarningCode::ScaleFloored; });
    // max|R| of any non-zero constant, even 1e-30, is a fine symmetric scale (1e-30/127 is a
    // normal float32); every other case here has a zero range.
    QCOMPARE(floored, !(scheme == int(Scheme::Symmetric) && value != 0.0f));
}

QTEST_GUILESS_MAIN(TestQuantizePass)
#include "tst_quantize_pass.moc"
