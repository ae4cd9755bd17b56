// The fused SIMD pass against the naive one-element-at-a-time reference, over awkward sizes and
// every scheme, rounding and bit width; determinism across threads; NaN/Inf; cancellation.

#include "analysis/analyze.h"
#include "generate/generator.h"
#include "quant/choose_params.h"
#include "quant/group_layout.h"
#include "quant/presets.h"
#include "quant/quantization_error.h"
#include "support/naive_quantizer.h"
#include "tensor/tensor_stats.h"

#include <QtTest>

#include <bit>
#include <cfloat>
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

// Each group's finite [min, max] and its first value of largest magnitude (llama Q4_0's signed
// m), computed here rather than by core's group statistics, so that analyzeTensor's are checked.
struct GroupRange
{
    RealRange range;
    float signedPeak = 0;
};

std::vector<GroupRange> groupRanges(std::span<const float> values, const GroupLayout& layout)
{
    std::vector<GroupRange> ranges;
    for (std::size_t g = 0; g < layout.groupCount(); ++g) {
        GroupRange r{{values[layout.start(g)], values[layout.start(g)]}, values[layout.start(g)]};
        for (std::size_t i = layout.start(g); i < layout.start(g) + layout.length(g); ++i) {
            r.range.lo = std::min(r.range.lo, double(values[i]));
            r.range.hi = std::max(r.range.hi, double(values[i]));
            r.signedPeak =
                std::fabs(values[i]) > std::fabs(r.signedPeak) ? values[i] : r.signedPeak;
        }
        ranges.push_back(r);
    }
    return ranges;
}

// The parameters of every group by spec.convention's arithmetic, on `share` of each range.
std::vector<QuantParams> conventionParams(std::span<const float> values, const GroupLayout& layout,
                                          const QuantSpec& spec, double share)
{
    std::vector<QuantParams> params;
    for (const GroupRange& r : groupRanges(values, layout)) {
        const auto peak = static_cast<float>(r.signedPeak * share);
        params.push_back(
            chooseParams({r.range.lo * share, r.range.hi * share}, spec, peak)->params);
    }
    return params;
}

// Moves every fifth value (that is no group's extreme) to a nearby float32 x with
// x·inverseScale = k + 1/2 exactly: a tie of PyTorch's and llama Q8_0's rounding, and for llama
// Q4_0 (x·(1/d) + 8.5, then floor) an exact integer. The magnitude only shrinks, so no group's
// range or peak changes.
void injectTies(std::vector<float>& values, const GroupLayout& layout,
                const std::vector<QuantParams>& params)
{
    const std::vector<GroupRange> ranges = groupRanges(values, layout);
    for (std::size_t i = 2; i < values.size(); i += 5) {
        const std::size_t g = layout.groupOf(i);
        const float inverse = params[g].inverseScale;
        const double amax = std::max(-ranges[g].range.lo, ranges[g].range.hi);
        const double k = std::floor(std::fabs(double(values[i]) * inverse)) - 1;
        if (!(std::fabs(values[i]) < 0.9 * amax) || k < 0 || inverse == 0) {
            continue;
        }
        const auto target = static_cast<float>(std::copysign(k + 0.5, double(values[i]) * inverse));
        float x = target / inverse;
        for (int step = 0; step < 4 && x * inverse != target; ++step) {
            x = std::nextafter(x, (x * inverse < target) == (inverse > 0) ? FLT_MAX : -FLT_MAX);
        }
        if (x * inverse == target) {
            values[i] = x;
        }
    }
}

} // namespace

class TestQuantizePass : public QObject
{
    Q_OBJECT

private slots:
    void insideErrorMatchesNaive_data();
    void insideErrorMatchesNaive();
    void fusedMatchesNaive_data();
    void fusedMatchesNaive();
    void conventionsMatchNaive_data();
    void conventionsMatchNaive();
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

void TestQuantizePass::insideErrorMatchesNaive_data()
{
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("convention");
    QTest::addColumn<int>("count");
    const int tutorial = int(Convention::Tutorial);
    const int pytorch = int(Convention::PyTorch);
    for (const int count : {1, 7, 8, 9, 255, 256, 257, 1000, 70000}) {
        const QByteArray n = QByteArray::number(count);
        QTest::newRow("symmetric tutorial " + n) << int(Scheme::Symmetric) << tutorial << count;
        QTest::newRow("asymmetric tutorial " + n) << int(Scheme::Asymmetric) << tutorial << count;
        QTest::newRow("asymmetric pytorch " + n) << int(Scheme::Asymmetric) << pytorch << count;
    }
}

void TestQuantizePass::insideErrorMatchesNaive()
{
    // The lean error pass without masks, for values inside the grid: the sums of the checked
    // pass bit for bit, and the naive quantizer's up to summation order.
    QFETCH(int, scheme);
    QFETCH(int, convention);
    QFETCH(int, count);
    QuantSpec spec;
    spec.scheme = static_cast<Scheme>(scheme);
    spec.convention = static_cast<Convention>(convention);
    GenerateSpec generate;
    generate.shape = {count};
    generate.seed = 17;
    const std::vector<float> values = generateTensor(generate)->values;
    const TensorStats stats = computeStats(values);
    const RealRange range{stats.min, stats.max};
    const QuantParams params = chooseParams(range, spec)->params;
    QVERIFY(!mayClip(params, range, spec.rounding));
    const ErrorSums inside = insideQuantizationError(values, params, spec.rounding);
    const ErrorSums checked = quantizationError(values, params, spec.rounding, 0, 0, 1);
    QVERIFY(inside.sumX2 == checked.sumX2);
    QVERIFY(inside.sumE2 == checked.sumE2);
    QCOMPARE(inside.count, checked.count);
    QCOMPARE(inside.atZero, checked.atZero);
    QCOMPARE(inside.clipped, std::uint64_t{0});

    PassOptions options;
    options.rounding = spec.rounding;
    options.dataMin = stats.min;
    options.dataMax = stats.max;
    const test::NaiveResult naive = test::naiveQuantize(values, params, options);
    double signal = 0;
    double error = 0;
    std::uint64_t atZero = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        signal += double(values[i]) * values[i];
        const double e = double(naive.dequant[i]) - values[i];
        error += e * e;
        atZero += naive.codes[i] == params.zeroPoint ? 1 : 0;
    }
    QCOMPARE(inside.count, std::uint64_t(count));
    QCOMPARE(inside.atZero, atZero);
    QVERIFY(std::abs(inside.sumX2 - signal) <= 1e-6 * signal);
    QVERIFY(std::abs(inside.sumE2 - error) <= 1e-6 * error + 1e-30);
}

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

void TestQuantizePass::conventionsMatchNaive_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("isa");
    QTest::addColumn<double>("rangeShare");
    const char* presets[] = {"pytorch-per-tensor-affine-quint8",
                             "pytorch-per-tensor-symmetric-qint8",
                             "pytorch-per-channel-symmetric-qint8", "llama-q8_0", "llama-q4_0"};
    std::vector<std::int64_t> sizes{1, 2, 5, 8, 9, 16, 17, 31, 33, 64, 100, 1000, 4097};
    for (const char* preset : presets) {
        const bool channels = std::string_view(preset).find("per-channel") != std::string::npos;
        std::vector<Shape> shapes{{5, 33}, {7, 100}};
        for (const std::int64_t n : sizes) {
            shapes.push_back(channels ? Shape{3, n} : Shape{n});
        }
        for (const Shape& shape : shapes) {
            for (const int isa : {int(simd::Isa::Baseline), int(simd::Isa::Auto)}) {
                for (const double share : {1.0, 0.6}) {
                    QTest::addRow("%s %s isa%d range%.1f", preset, shapeToString(shape).c_str(),
                                  isa, share)
                        << QString::fromLatin1(preset) << shape << isa << share;
                }
            }
        }
    }
}

// PyTorch's R·(1/Scale) then + Z and llama's R·(1/d) (+ 8.5 then floor for Q4_0), each group's
// parameters from chooseParams with the preset's convention, against the naive step.
void TestQuantizePass::conventionsMatchNaive()
{
    QFETCH(QString, preset);
    QFETCH(Shape, shape);
    QFETCH(int, isa);
    QFETCH(double, rangeShare);
    const QuantSpec spec = *schemePreset(preset.toStdString());
    const auto count = static_cast<std::size_t>(shape[0] * (shape.size() > 1 ? shape[1] : 1));
    std::vector<float> values = testValues(count, static_cast<std::uint32_t>(count + 3));
    const GroupLayout layout = *makeGroupLayout(shape, count, spec);
    injectTies(values, layout, conventionParams(values, layout, spec, rangeShare));
    const std::vector<QuantParams> params = conventionParams(values, layout, spec, rangeShare);
    std::vector<RealRange> extremes;
    for (const GroupRange& r : groupRanges(values, layout)) {
        extremes.push_back(r.range);
    }
    std::vector<std::int32_t> codes(count);
    std::vector<float> dequant(count);
    PassOptions options = passOptionsFor(spec, computeStats(values));
    options.layout = layout;
    options.groupExtremes = extremes;
    options.codesOut = codes;
    options.dequantOut = dequant;
    options.isa = simd::Isa(isa);
    const auto fast = quantizePass(values, params, options);
    QVERIFY(fast);
    const auto naive = test::naiveQuantize(values, params, options);
    QCOMPARE(codes, naive.codes);
    for (std::size_t i = 0; i < count; ++i) {
        QVERIFY2(sameBits(dequant[i], naive.dequant[i]),
                 qPrintable(QStringLiteral("element %1: %2 vs %3")
                                .arg(i)
                                .arg(dequant[i])
                                .arg(naive.dequant[i])));
    }
    QCOMPARE(fast->histograms, naive.histograms);
    compareMetrics(fast->metrics, naive.metrics);
    if (rangeShare == 1.0) { // min–max: analyzeTensor must choose the same groups and grids
        std::vector<std::int32_t> analysed(count);
        AnalysisOptions analysisOptions;
        analysisOptions.codesOut = analysed;
        const auto analysis = analyzeTensor({values, shape}, spec, analysisOptions);
        QVERIFY(analysis);
        QVERIFY(analysis->params == params);
        QCOMPARE(analysed, naive.codes);
    }
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
