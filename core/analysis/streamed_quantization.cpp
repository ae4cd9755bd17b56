#include "analysis/streamed_quantization.h"

#include "analysis/channel_runs.h"
#include "analysis/percentile_counts.h"
#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"
#include "quant/choose_params.h"
#include "quant/quantization_error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {
namespace {

// Slices small enough that the several loops of a read find them in L2.
constexpr std::size_t kSliceSize = std::size_t{1} << 15;
// Up to this many values the percentile is found by selection over a copy of them.
constexpr std::size_t kSelectionUpTo = std::size_t{1} << 16;
// Values a bracket may collect (over all workers) before the percentile falls back to counting.
constexpr std::size_t kBracketCap = std::size_t{1} << 20;
constexpr float kInfinity = std::numeric_limits<float>::infinity();

struct RunRange
{
    float lo = kInfinity;
    float hi = -kInfinity;
};

// The finite extremes of a run of values (lo > hi when none is finite).
struct RangeKernel
{
    template <typename F> [[gnu::always_inline]] static RunRange run(std::span<const float> values)
    {
        using namespace simd;
        constexpr std::size_t kLanes = kLanesOf<F>;
        const F largest = splat<F>(std::numeric_limits<float>::max());
        const F up = splat<F>(kInfinity);
        const F down = splat<F>(-kInfinity);
        F lo = up;
        F hi = down;
        std::size_t i = 0;
        for (; i + kLanes <= values.size(); i += kLanes) {
            const F x = load<F>(values.data() + i);
            const auto finite = abs(x) <= largest;
            const F forLo = finite ? x : up;
            const F forHi = finite ? x : down;
            lo = forLo < lo ? forLo : lo;
            hi = forHi > hi ? forHi : hi;
        }
        RunRange range{minLanes(lo), maxLanes(hi)};
        for (; i < values.size(); ++i) {
            const float x = values[i];
            if (std::isfinite(x)) {
                range.lo = std::min(range.lo, x);
                range.hi = std::max(range.hi, x);
            }
        }
        return range;
    }
};

// The central moments and outlier counts of computeOutlierStats, in double.
struct Moments
{
    double sum2 = 0; // Σ(x − μ)²
    double sum4 = 0; // Σ(x − μ)⁴
    std::uint64_t beyond = 0;
    std::uint64_t large = 0;
};

using Double4 = double __attribute__((vector_size(32)));
using Long4 = std::int64_t __attribute__((vector_size(32)));

struct MomentsKernel
{
    // Four values at a time whatever F (float32 in, double sums): the variants differ in the
    // instructions the target allows, not in the arithmetic.
    template <typename F>
    [[gnu::always_inline]] static Moments run(std::span<const float> values, double mean,
                                              double sixSigma)
    {
        using namespace simd;
        const Float4 largest = splat<Float4>(std::numeric_limits<float>::max());
        const Float4 magnitude = splat<Float4>(static_cast<float>(kLlmInt8Magnitude));
        const Double4 mu{mean, mean, mean, mean};
        const Double4 six{sixSigma, sixSigma, sixSigma, sixSigma};
        const Double4 zero{};
        Double4 s2{};
        Double4 s4{};
        Long4 beyond{};
        Long4 large{};
        std::size_t i = 0;
        for (; i + 4 <= values.size(); i += 4) {
            const Float4 x = load<Float4>(values.data() + i);
            const Float4 ax = abs(x);
            const Int4 finite = ax <= largest;
            const Long4 finiteWide = __builtin_convertvector(finite, Long4);
            const Double4 d = finiteWide ? __builtin_convertvector(x, Double4) - mu : zero;
            const Double4 d2 = d * d;
            s2 += d2;
            s4 += d2 * d2;
            const Double4 ad = d < zero ? -d : d;
            beyond -= finiteWide & (ad > six);
            large -= __builtin_convertvector(finite & (ax >= magnitude), Long4);
        }
        Moments m;
        m.sum2 = (s2[0] + s2[1]) + (s2[2] + s2[3]);
        m.sum4 = (s4[0] + s4[1]) + (s4[2] + s4[3]);
        m.beyond = static_cast<std::uint64_t>(beyond[0] + beyond[1] + beyond[2] + beyond[3]);
        m.large = static_cast<std::uint64_t>(large[0] + large[1] + large[2] + large[3]);
        for (; i < values.size(); ++i) {
            const float x = values[i];
            if (!std::isfinite(x)) {
                continue;
            }
            const double d = static_cast<double>(x) - mean;
            m.sum2 += d * d;
            m.sum4 += d * d * d * d;
            m.beyond += std::abs(d) > sixSigma ? 1 : 0;
            m.large += std::abs(x) >= static_cast<float>(kLlmInt8Magnitude) ? 1 : 0;
        }
        return m;
    }
};

struct SchemeSums
{
    double signal = 0;
    double error = 0;
    std::uint64_t finite = 0;
    std::uint64_t atZero = 0;

    void add(const ErrorSums& s)
    {
        signal += s.sumX2;
        error += s.sumE2;
        finite += s.count;
        atZero += s.atZero;
    }
    void add(const SchemeSums& s)
    {
        signal += s.signal;
        error += s.error;
        finite += s.finite;
        atZero += s.atZero;
    }
};

// What each slice leaves for the in-order merge (so sums do not depend on the thread count).
struct SliceSlot
{
    TensorStats stats;
    Moments moments;
    std::vector<SchemeSums> schemes;
};

// Each worker's share of the order-free results: counts and extremes.
struct WorkerState
{
    std::vector<std::uint32_t> samples; // of |x|, for the percentile's bracket
    percentile::BracketCounts bracket;
    std::vector<std::vector<RunRange>> extremes; // per layout, per channel
    std::vector<float> transposed;               // a slice channel-major (last-axis channels)
};

// The distinct channel layouts of the specs, and which layout each spec uses.
struct Layouts
{
    std::vector<ChannelRuns> runs;
    std::vector<std::size_t> ofSpec;
    bool lastAxis = false; // some layout has channels along the last axis: slices of whole rows
};

Result<Layouts> layoutsOf(std::span<const QuantSpec> specs, const Shape& shape)
{
    Layouts layouts;
    for (const QuantSpec& spec : specs) {
        const auto runs = channelRunsOf(spec, shape);
        if (!runs || !canStream(spec, shape)) {
            return fail(ErrorCode::InvalidArgument, "this scheme needs the whole tensor");
        }
        const auto found = std::find(layouts.runs.begin(), layouts.runs.end(), *runs);
        layouts.ofSpec.push_back(static_cast<std::size_t>(found - layouts.runs.begin()));
        if (found == layouts.runs.end()) {
            layouts.runs.push_back(*runs);
        }
        layouts.lastAxis = layouts.lastAxis || (runs->lastAxis && runs->channels > 1);
    }
    return layouts;
}

std::vector<SliceRange> slicesFor(std::size_t count, const Layouts& layouts)
{
    if (!layouts.lastAxis) {
        return evenSlices(count, kSliceSize);
    }
    std::size_t rowLength = 1;
    for (const ChannelRuns& runs : layouts.runs) {
        rowLength = runs.lastAxis ? runs.channels : rowLength;
    }
    const std::size_t rows = std::max<std::size_t>(1, kSliceSize / rowLength);
    return evenSlices(count, rows * rowLength);
}

// Calls fn(channel, values) for each stretch of one channel (first axis) in a slice.
template <typename Fn>
void forEachRun(std::span<const float> values, std::size_t begin, std::size_t inner, Fn&& fn)
{
    for (std::size_t i = 0; i < values.size();) {
        const std::size_t channel = (begin + i) / inner;
        const std::size_t end = std::min(values.size(), (channel + 1) * inner - begin);
        fn(channel, values.subspan(i, end - i));
        i = end;
    }
}

// A slice of whole rows, channel-major: each channel's values in one run of `rows`.
std::span<const float> transpose(std::span<const float> values, std::size_t channels,
                                 std::vector<float>& buffer)
{
    const std::size_t rows = values.size() / channels;
    buffer.resize(values.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t ch = 0; ch < channels; ++ch) {
            buffer[ch * rows + r] = values[r * channels + ch];
        }
    }
    return buffer;
}

void widenExtremes(std::span<const float> values, std::size_t begin, std::size_t count,
                   const ChannelRuns& runs, bool avx2, std::vector<RunRange>& extremes)
{
    if (!runs.lastAxis) {
        forEachRun(values, begin, runs.inner(count),
                   [&](std::size_t channel, std::span<const float> run) {
                       const RunRange r = simd::runOnIsa<RangeKernel>(avx2, run);
                       extremes[channel].lo = std::min(extremes[channel].lo, r.lo);
                       extremes[channel].hi = std::max(extremes[channel].hi, r.hi);
                   });
        return;
    }
    for (std::size_t at = 0; at < values.size(); at += runs.channels) {
        for (std::size_t ch = 0; ch < runs.channels; ++ch) {
            const float x = values[at + ch];
            const bool finite = std::isfinite(x);
            extremes[ch].lo = finite && x < extremes[ch].lo ? x : extremes[ch].lo;
            extremes[ch].hi = finite && x > extremes[ch].hi ? x : extremes[ch].hi;
        }
    }
}

// Each spec's parameters per group, as analyzeTensor's min–max calibration chooses them; a
// channel without a finite value is calibrated on [0, 0], as the whole-tensor path does.
Result<std::vector<QuantParams>> paramsOf(const QuantSpec& spec, const ChannelRuns& runs,
                                          const TensorStats& stats,
                                          const std::vector<RunRange>& extremes)
{
    std::vector<QuantParams> params;
    const auto choose = [&](RealRange range) -> Result<void> {
        auto choice = chooseParams(range, spec);
        if (!choice) {
            return std::unexpected(choice.error());
        }
        params.push_back(choice->params);
        return {};
    };
    if (runs.channels <= 1) {
        if (auto chosen = choose({stats.min, stats.max}); !chosen) {
            return std::unexpected(chosen.error());
        }
        return params;
    }
    for (const RunRange& r : extremes) {
        const RealRange range = r.lo <= r.hi ? RealRange{r.lo, r.hi} : RealRange{0, 0};
        if (auto chosen = choose(range); !chosen) {
            return std::unexpected(chosen.error());
        }
    }
    return params;
}

QuantSummary summaryOf(const SchemeSums& sums)
{
    QuantSummary summary;
    summary.sqnrDb = sums.error > 0 ? 10.0 * std::log10(sums.signal / sums.error)
                                    : std::numeric_limits<double>::infinity();
    summary.zeroCodeFraction =
        sums.finite > 0 ? static_cast<double>(sums.atZero) / static_cast<double>(sums.finite) : 0.0;
    return summary;
}

TensorStats mergedStats(const std::vector<SliceSlot>& slots)
{
    TensorStats stats;
    for (const SliceSlot& slot : slots) { // slice order: the same sums for any thread count
        stats = stats.count == 0 ? slot.stats : combineStats(stats, slot.stats);
    }
    if (stats.finiteCount == 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        stats.min = stats.max = stats.mean = stats.std = stats.absMax = nan;
    }
    return stats;
}

// The exact percentile by the two counting reads (analysis/percentile_counts.h), when the
// sampled bracket did not hold the ranks.
double countedPercentile(const ValueSource& source, std::span<const SliceRange> slices,
                         std::uint64_t finite, unsigned threads)
{
    std::vector<percentile::Counts> top(threads, percentile::Counts(percentile::kBins, 0));
    forEachSlice(source, slices, threads, [&](unsigned w, std::size_t, std::span<const float> v) {
        percentile::countTopBits(v, top[w]);
    });
    const percentile::Ranks ranks =
        percentile::planRanks(percentile::mergeTables(top, 1), finite, kModelReportPercentile);
    std::vector<percentile::Counts> low(threads, percentile::Counts(2 * percentile::kBins, 0));
    forEachSlice(source, slices, threads, [&](unsigned w, std::size_t, std::span<const float> v) {
        percentile::countLowBits(v, ranks, low[w]);
    });
    return percentile::finish(ranks, percentile::mergeTables(low, 2));
}

} // namespace

bool canStream(const QuantSpec& spec, const Shape& shape)
{
    // The other number formats, and scales rounded to their storage, take analyzeTensor.
    return spec.isIntegerGrid() && spec.format.scaleStorage == ScaleStorage::Native &&
           spec.calibration.method == CalibrationMethod::MinMax &&
           spec.rounding != Rounding::Stochastic &&
           (spec.convention == Convention::Tutorial || spec.convention == Convention::PyTorch) &&
           channelRunsOf(spec, shape).has_value();
}

Result<StreamedNumbers> measureStreamed(const ValueSource& source, const Shape& shape,
                                        std::span<const QuantSpec> specs, unsigned threads)
{
    if (specs.empty()) {
        return fail(ErrorCode::InvalidArgument, "no scheme to measure");
    }
    auto layouts = layoutsOf(specs, shape);
    if (!layouts) {
        return std::unexpected(layouts.error());
    }
    const std::size_t count = source.size();
    const bool bySelection = count <= kSelectionUpTo;
    const bool avx2 = simd::useAvx2();
    threads = resolveThreadCount(count, threads);
    const auto slices = slicesFor(count, *layouts);
    std::vector<SliceSlot> slots(slices.size());
    std::vector<WorkerState> workers(threads);
    const std::size_t stride = percentile::sampleStride(count);
    for (WorkerState& worker : workers) {
        for (const ChannelRuns& runs : layouts->runs) {
            worker.extremes.emplace_back(runs.channels > 1 ? runs.channels : 0);
        }
    }

    // Read 1: stats, extremes, the percentile's sample.
    forEachSlice(
        source, slices, threads, [&](unsigned w, std::size_t s, std::span<const float> values) {
            WorkerState& worker = workers[w];
            slots[s].stats = computeStats(values, {1, {}, simd::Isa::Auto});
            if (!bySelection) {
                percentile::sampleMagnitudes(values, slices[s].begin, stride, worker.samples);
            }
            for (std::size_t l = 0; l < layouts->runs.size(); ++l) {
                if (layouts->runs[l].channels > 1) {
                    widenExtremes(values, slices[s].begin, count, layouts->runs[l], avx2,
                                  worker.extremes[l]);
                }
            }
        });
    StreamedNumbers numbers;
    numbers.stats = mergedStats(slots);
    const TensorStats& stats = numbers.stats;
    numbers.outliers.absMax = stats.finiteCount > 0 ? stats.absMax : 0;
    numbers.outliers.excessKurtosis = std::numeric_limits<double>::quiet_NaN();
    if (stats.finiteCount == 0) {
        for (std::size_t k = 0; k < specs.size(); ++k) {
            numbers.schemes.push_back(
                failWith(ErrorCode::NoFiniteValues,
                         QS_TRANSLATABLE("Error", "the tensor has no finite values"), {}));
        }
        return numbers;
    }

    // Between the reads: each spec's parameters and the percentile's bins.
    std::vector<std::vector<RunRange>> extremes;
    for (std::size_t l = 0; l < layouts->runs.size(); ++l) {
        std::vector<RunRange> merged = workers.front().extremes[l];
        for (std::size_t w = 1; w < workers.size(); ++w) {
            for (std::size_t ch = 0; ch < merged.size(); ++ch) {
                merged[ch].lo = std::min(merged[ch].lo, workers[w].extremes[l][ch].lo);
                merged[ch].hi = std::max(merged[ch].hi, workers[w].extremes[l][ch].hi);
            }
        }
        extremes.push_back(std::move(merged));
    }
    std::vector<Result<std::vector<QuantParams>>> params;
    // Per spec and group: every value finite and inside the grid, so the lean kernel may leave
    // out its masks.
    std::vector<std::vector<char>> inside(specs.size());
    const bool allFinite = stats.finiteCount == stats.count;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const std::size_t l = layouts->ofSpec[k];
        params.push_back(paramsOf(specs[k], layouts->runs[l], stats, extremes[l]));
        if (!params[k]) {
            continue;
        }
        for (std::size_t g = 0; g < params[k]->size(); ++g) {
            const RealRange range = layouts->runs[l].channels <= 1
                                        ? RealRange{stats.min, stats.max}
                                        : RealRange{extremes[l][g].lo, extremes[l][g].hi};
            inside[k].push_back(allFinite && range.lo <= range.hi &&
                                !mayClip((*params[k])[g], range, specs[k].rounding));
        }
    }
    std::optional<percentile::Bracket> bracket;
    if (!bySelection) {
        std::vector<std::uint32_t> samples;
        for (WorkerState& worker : workers) {
            samples.insert(samples.end(), worker.samples.begin(), worker.samples.end());
            worker.samples = {};
        }
        bracket = percentile::bracketFor(std::move(samples), kModelReportPercentile);
    }
    const std::size_t bracketCap =
        std::max<std::size_t>(kBracketCap, stats.finiteCount / 32) / threads;

    // Read 2: every scheme's error, the moments, the percentile's low bits.
    const double sixSigma = kSigmaOutlier * stats.std;
    forEachSlice(
        source, slices, threads, [&](unsigned w, std::size_t s, std::span<const float> values) {
            WorkerState& worker = workers[w];
            SliceSlot& slot = slots[s];
            slot.moments = simd::runOnIsa<MomentsKernel>(avx2, values, stats.mean, sixSigma);
            if (bracket) {
                percentile::countInBracket(values, *bracket, bracketCap, worker.bracket);
            }
            slot.schemes.assign(specs.size(), {});
            std::optional<std::span<const float>> channelMajor;
            for (std::size_t k = 0; k < specs.size(); ++k) {
                if (!params[k]) {
                    continue;
                }
                const ChannelRuns& runs = layouts->runs[layouts->ofSpec[k]];
                const std::vector<QuantParams>& p = *params[k];
                const Rounding rounding = specs[k].rounding;
                SchemeSums& sums = slot.schemes[k];
                const auto errorOf = [&](std::span<const float> run, std::size_t g) {
                    sums.add(inside[k][g] != 0 ? insideQuantizationError(run, p[g], rounding)
                                               : quantizationError(run, p[g], rounding, 0, 0, 1));
                };
                if (runs.channels <= 1) {
                    errorOf(values, 0);
                } else if (!runs.lastAxis) {
                    forEachRun(values, slices[s].begin, runs.inner(count),
                               [&](std::size_t channel, std::span<const float> run) {
                                   errorOf(run, channel);
                               });
                } else {
                    if (!channelMajor) {
                        channelMajor = transpose(values, runs.channels, worker.transposed);
                    }
                    const std::size_t rows = values.size() / runs.channels;
                    for (std::size_t ch = 0; ch < runs.channels; ++ch) {
                        errorOf(channelMajor->subspan(ch * rows, rows), ch);
                    }
                }
            }
        });

    std::vector<SchemeSums> totals(specs.size());
    Moments moments;
    for (const SliceSlot& slot : slots) { // slice order: the same sums for any thread count
        moments.sum2 += slot.moments.sum2;
        moments.sum4 += slot.moments.sum4;
        moments.beyond += slot.moments.beyond;
        moments.large += slot.moments.large;
        for (std::size_t k = 0; k < specs.size(); ++k) {
            totals[k].add(slot.schemes[k]);
        }
    }
    OutlierStats& outliers = numbers.outliers;
    outliers.beyondSixSigma = moments.beyond;
    outliers.magnitudeAtLeastSix = moments.large;
    if (moments.sum2 > 0) {
        outliers.excessKurtosis =
            static_cast<double>(stats.finiteCount) * moments.sum4 / (moments.sum2 * moments.sum2) -
            3.0;
    }
    if (bySelection) {
        std::vector<float> scratch;
        outliers.absPercentile =
            percentile::bySelection(source.read({0, count}, scratch), kModelReportPercentile);
    } else {
        std::optional<double> found;
        if (bracket) {
            std::vector<percentile::BracketCounts> counts;
            for (WorkerState& worker : workers) {
                counts.push_back(std::move(worker.bracket));
            }
            found = percentile::finishBracket(counts, stats.finiteCount, kModelReportPercentile);
        }
        outliers.absPercentile =
            found ? *found : countedPercentile(source, slices, stats.finiteCount, threads);
    }
    for (std::size_t k = 0; k < specs.size(); ++k) {
        if (!params[k]) {
            numbers.schemes.push_back(std::unexpected(params[k].error()));
        } else {
            numbers.schemes.push_back(summaryOf(totals[k]));
        }
    }
    return numbers;
}

} // namespace qs
