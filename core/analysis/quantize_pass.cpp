#include "analysis/quantize_pass.h"

#include "analysis/fused_kernel.h"
#include "analysis/range_usage.h"
#include "common/parallel_chunks.h"
#include "quant/element_codecs.h"
#include "quant/element_quantizer.h"
#include "quant/grid_geometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

using kernel::ChunkSums;
using kernel::KernelContext;
using kernel::WorkerCounts;

// The pass's view of the groups: the layout and each group's finite extremes.
struct Groups
{
    GroupLayout layout;
    std::vector<RealRange> extremes;
};

Groups groupsOf(std::size_t count, std::size_t paramCount, const PassOptions& options)
{
    Groups groups;
    if (options.layout) {
        groups.layout = *options.layout;
        groups.extremes.assign(options.groupExtremes.begin(), options.groupExtremes.end());
    } else {
        groups.layout.rowLength = count;
        groups.layout.groupSize = count;
    }
    if (groups.extremes.size() != paramCount) {
        groups.extremes.assign(paramCount, RealRange{options.dataMin, options.dataMax});
    }
    return groups;
}

PassHistograms emptyHistograms(std::span<const QuantParams> params, const Groups& groups,
                               const PassOptions& options)
{
    PassHistograms h;
    double lo = options.dataMin;
    double hi = options.dataMax;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    h.values = makeHistogram(lo, hi, options.valueBins);
    const QuantParams& first = params.front();
    h.codes = makeHistogram(first.qmin, static_cast<double>(first.qmax) + 1.0,
                            static_cast<std::size_t>(first.range().codeCount()));

    // Rounding moves a value by at most half a step (a whole step for floor and stochastic); a
    // small margin absorbs float32's own rounding of R/Scale. The largest step of any group (a
    // minifloat's top binade, a codebook's widest gap).
    const bool wholeStep =
        first.element.kind == ElementKind::Integer &&
        (options.rounding == Rounding::Floor || options.rounding == Rounding::Stochastic);
    double step = 0;
    for (const QuantParams& p : params) {
        const double largest = p.largestStep();
        step = std::isfinite(largest) ? std::max(step, largest) : step;
    }
    const double reach = step * (wholeStep ? 1.0 : 0.5) * (1.0 + 1e-3);
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);

    // Clipped below: e = R'(Qmin) − R > 0; clipped above: e = R'(Qmax) − R < 0. Over all groups.
    double clipLo = 0;
    double clipHi = 0;
    for (std::size_t g = 0; g < params.size(); ++g) {
        const double top = params[g].representableMax();
        const double bottom = params[g].representableMin();
        if (std::isfinite(top) && std::isfinite(bottom)) { // an MX block marked NaN has neither
            clipLo = std::min(clipLo, top - groups.extremes[g].hi);
            clipHi = std::max(clipHi, bottom - groups.extremes[g].lo);
        }
    }
    h.clippingError = clipHi > clipLo
                          ? makeHistogram(clipLo - reach, clipHi + reach, options.errorBins)
                          : makeHistogram(-reach, reach, options.errorBins);
    return h;
}

// Adds a worker's counts[first, first + into.bins()) into `into`.
void addCounts(Histogram& into, const std::vector<std::uint64_t>& counts, std::size_t first = 0)
{
    for (std::size_t i = 0; i < into.counts.size(); ++i) {
        into.counts[i] += counts[first + i];
    }
}

// Whether any finite value of a group may round outside [Qmin, Qmax]. Quantization is monotonic
// in R, so it is enough to look at the extremes; stochastic rounding may go either way, so both
// ways are tried (u = 0 rounds up any fraction, u just below 1 rounds down).
bool mayClip(const QuantParams& params, RealRange extremes, Rounding rounding)
{
    const std::array<float, 2> uniforms{0.0f, 0x1.fffffep-1f};
    for (const double extreme : {extremes.lo, extremes.hi}) {
        for (const float u : uniforms) {
            if (quantizeElement(params, rounding, static_cast<float>(extreme), u).clip !=
                ClipState::Inside) {
                return true;
            }
        }
    }
    return false;
}

// ΣR·R' / √(ΣR² ΣR'²). When the error is small, cos is within rounding of 1 and the direct ratio
// keeps no digits of 1 − cos; with R' = R + e, b = ΣR·e/ΣR², c = Σe²/ΣR² and s = √(1 + 2b + c):
//     1 − cos = (c − b²) / (s · (s + 1 + b))
// which loses nothing as c → 0 (c − b² ≥ 0 by Cauchy–Schwarz).
double cosineSimilarity(const ChunkSums& s)
{
    if (s.sumX2 <= 0 || s.sumD2 <= 0) {
        return s.sumX2 == s.sumD2 ? 1.0 : 0.0; // both all zero: identical
    }
    const double c = s.sumE2 / s.sumX2;
    constexpr double kSmallError = 1e-2;
    if (c >= kSmallError) {
        return std::clamp(s.sumXD / (std::sqrt(s.sumX2) * std::sqrt(s.sumD2)), -1.0, 1.0);
    }
    const double b = s.sumXE / s.sumX2;
    const double root = std::sqrt(1 + 2 * b + c);
    return 1.0 - std::max(0.0, c - b * b) / (root * (root + 1 + b));
}

double sqnrDb(double signal, double noise)
{
    return noise > 0 ? 10.0 * std::log10(signal / noise) : std::numeric_limits<double>::infinity();
}

Metrics finishMetrics(const ChunkSums& s, const PassHistograms& h,
                      std::span<const QuantParams> params, const Groups& groups,
                      const PassOptions& options)
{
    Metrics m;
    const auto n = static_cast<double>(s.finite);
    if (s.finite > 0) {
        m.mse = s.sumE2 / n;
        m.rmse = std::sqrt(m.mse);
        m.mae = s.sumAbsE / n;
        m.maxAbsError = s.maxAbsE;
        m.sqnrDb = sqnrDb(s.sumX2, s.sumE2);
        m.cosineSimilarity = cosineSimilarity(s);
        m.clippedFraction = static_cast<double>(s.below + s.above) / n;
        m.zeroCodeFraction = static_cast<double>(s.atZeroCode) / n;
        m.clippingMse = s.sumE2Clipped / n;
    }
    m.clippedBelow = s.below;
    m.clippedAbove = s.above;
    m.codesTotal = params.front().range().codeCount();
    m.codesUsed = std::ranges::count_if(h.codes.counts, [](std::uint64_t c) { return c > 0; });
    if (s.finite > 0) {
        const std::vector<float> levels = elementValues(params.front().element);
        double unused = 0;
        for (std::size_t g = 0; g < params.size(); ++g) {
            unused += rangeUsage(params[g], options.rounding, groups.extremes[g].lo,
                                 groups.extremes[g].hi, levels)
                          .unusedFraction;
        }
        m.unusedRangeFraction = unused / static_cast<double>(params.size());
    }
    return m;
}

// One chunk's pieces of groups: a group's sums, in element order.
struct GroupPiece
{
    std::size_t group;
    ChunkSums sums;
};

} // namespace

Result<PassResult> quantizePass(std::span<const float> values, const QuantParams& params,
                                const PassOptions& options)
{
    return quantizePass(values, std::span(&params, 1), options);
}

PassOptions passOptionsFor(const QuantSpec& spec, const TensorStats& stats)
{
    PassOptions options;
    options.rounding = spec.rounding;
    options.roundingSeed = spec.roundingSeed;
    options.dataMin = stats.min;
    options.dataMax = stats.max;
    options.allFinite = stats.finiteCount == stats.count;
    return options;
}

Result<PassResult> quantizePass(std::span<const float> values, std::span<const QuantParams> params,
                                const PassOptions& options)
{
    if (!options.codesOut.empty() && options.codesOut.size() != values.size()) {
        return fail(ErrorCode::InvalidArgument, "codes output has the wrong size");
    }
    if (!options.dequantOut.empty() && options.dequantOut.size() != values.size()) {
        return fail(ErrorCode::InvalidArgument, "dequantized output has the wrong size");
    }
    const Groups groups = groupsOf(values.size(), params.size(), options);
    const GroupLayout& layout = groups.layout;
    if (params.empty() || (options.layout && params.size() != layout.groupCount()) ||
        layout.rows * layout.rowLength != values.size()) {
        return fail(ErrorCode::InvalidArgument, "the parameters do not match the groups");
    }

    PassHistograms histograms = emptyHistograms(params, groups, options);
    const auto valueBins = static_cast<std::uint32_t>(histograms.values.bins());
    const auto codeBins = static_cast<std::uint32_t>(histograms.codes.bins());
    const auto roundingBins = static_cast<std::uint32_t>(histograms.roundingError.bins());
    const auto errorBins =
        roundingBins + static_cast<std::uint32_t>(histograms.clippingError.bins());
    // What every group shares; each piece of a group brings its own parameters.
    const KernelContext shared{options.rounding,
                               minifloatCodecFor(params.front().element),
                               HistogramBinner(histograms.values),
                               HistogramBinner(histograms.roundingError),
                               HistogramBinner(histograms.clippingError),
                               valueBins,
                               codeBins,
                               roundingBins,
                               errorBins,
                               options.roundingSeed};
    std::vector<char> checked(params.size());
    for (std::size_t g = 0; g < params.size(); ++g) {
        checked[g] = !options.allFinite || mayClip(params[g], groups.extremes[g], options.rounding);
    }

    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    const unsigned threads = resolveThreadCount(values.size(), options.threads);
    std::vector<std::vector<GroupPiece>> pieces(plan.chunks());
    const WorkerCounts zero{std::vector<std::uint64_t>(valueBins + 1),
                            std::vector<std::uint64_t>(codeBins + 1),
                            std::vector<std::uint64_t>(errorBins + 1)};
    std::vector<WorkerCounts> counts(threads, zero);
    const bool avx2 = simd::useAvx2(options.isa);

    const bool finished = forEachChunk(
        plan, threads,
        [&](unsigned worker, std::size_t chunk) {
            // The chunk's values, cut where one group ends and the next begins.
            for (std::size_t at = plan.begin(chunk); at < plan.end(chunk);) {
                const std::size_t g = layout.groupOf(at);
                const std::size_t end =
                    std::min(plan.end(chunk), layout.start(g) + layout.length(g));
                std::int32_t* codes =
                    options.codesOut.empty() ? nullptr : options.codesOut.data() + at;
                float* dequant =
                    options.dequantOut.empty() ? nullptr : options.dequantOut.data() + at;
                GroupPiece piece{g, {}};
                kernel::processChunk(
                    avx2, shared,
                    {&params[g], values.data() + at, end - at, at, codes, dequant, checked[g] != 0},
                    piece.sums, counts[worker]);
                pieces[chunk].push_back(piece);
                at = end;
            }
        },
        options.progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }

    ChunkSums total;
    std::vector<ChunkSums> perGroup(params.size());
    for (const auto& chunkPieces : pieces) { // chunk order: the same sums for any thread count
        for (const GroupPiece& piece : chunkPieces) {
            total.add(piece.sums);
            perGroup[piece.group].add(piece.sums);
        }
    }
    for (const WorkerCounts& c : counts) {
        addCounts(histograms.values, c.values);
        addCounts(histograms.codes, c.codes);
        addCounts(histograms.roundingError, c.errors);
        addCounts(histograms.clippingError, c.errors, roundingBins);
    }

    PassResult result;
    result.metrics = finishMetrics(total, histograms, params, groups, options);
    result.histograms = std::move(histograms);
    result.finiteCount = total.finite;
    result.atZeroCode = total.atZeroCode;
    result.signalEnergy = total.sumX2;
    result.errorEnergy = total.sumE2;
    result.groups.reserve(perGroup.size());
    for (const ChunkSums& s : perGroup) {
        const double n = static_cast<double>(std::max<std::uint64_t>(1, s.finite));
        result.groups.push_back(
            {s.finite, s.below + s.above, s.sumE2 / n, sqnrDb(s.sumX2, s.sumE2)});
    }
    return result;
}

} // namespace qs
