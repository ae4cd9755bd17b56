#include "analysis/quantize_pass.h"

#include "analysis/error_sums.h"
#include "analysis/fused_kernel.h"
#include "analysis/range_usage.h"
#include "common/parallel_chunks.h"
#include "quant/element_codecs.h"
#include "quant/element_quantizer.h"
#include "quant/grid_geometry.h"
#include "quant/quantization_error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

using kernel::ChunkSums;
using kernel::GroupPartial;
using kernel::KernelContext;
using kernel::WorkerCounts;

// The group's element grid at unit scale: what every group of a format shares.
QuantParams unitScaled(QuantParams params)
{
    params.scale = 1;
    params.outerScale = 1;
    return params;
}

// The largest |element scale × outer scale| of the groups (non-finite ones skipped).
double largestGroupScale(std::span<const QuantParams> params)
{
    double scaling = 0;
    for (const QuantParams& p : params) {
        const double s = std::fabs(static_cast<double>(p.elementScale()) * p.outerScale);
        scaling = std::isfinite(s) ? std::max(scaling, s) : scaling;
    }
    return scaling;
}

// The pass's view of the groups: the layout and each group's finite extremes. The caller's
// extremes are used in place (a block format has a million of them); only a pass without them
// fills its own, the data's range for every group.
struct Groups
{
    GroupLayout layout;
    std::span<const RealRange> given;
    std::vector<RealRange> own;

    std::span<const RealRange> extremes() const
    {
        return own.empty() ? given : std::span<const RealRange>(own);
    }
};

Groups groupsOf(std::size_t count, std::size_t paramCount, const PassOptions& options)
{
    Groups groups;
    if (options.layout) {
        groups.layout = *options.layout;
        groups.given = options.groupExtremes;
    } else {
        groups.layout.rowLength = count;
        groups.layout.groupSize = count;
    }
    if (groups.given.size() != paramCount) {
        groups.own.assign(paramCount, RealRange{options.dataMin, options.dataMax});
    }
    return groups;
}

PassHistograms emptyHistograms(std::span<const QuantParams> params, const Groups& groups,
                               const PassOptions& options)
{
    PassHistograms h = valueAndCodeHistograms(params.front(), options);
    const QuantParams& first = params.front();

    // Rounding moves a value by at most half a step (a whole step for floor and stochastic); a
    // small margin absorbs float32's own rounding of R/Scale. The largest step of any group (a
    // minifloat's top binade, a codebook's widest gap).
    const bool wholeStep =
        first.element.kind == ElementKind::Integer &&
        (options.rounding == Rounding::Floor || options.rounding == Rounding::Stochastic);
    double step = 0;
    if (first.element.kind == ElementKind::Integer) {
        for (const QuantParams& p : params) {
            step = std::max(step, p.largestStep());
        }
    } else {
        // The element's own largest step, times the largest scale of the groups.
        step = unitScaled(first).largestStep() * largestGroupScale(params);
    }
    const double reach = step * (wholeStep ? 1.0 : 0.5) * (1.0 + 1e-3);
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);

    // Clipped below: e = R'(Qmin) − R > 0; clipped above: e = R'(Qmax) − R < 0. Over all groups.
    double clipLo = 0;
    double clipHi = 0;
    const double unitTop = unitScaled(first).representableMax();
    for (std::size_t g = 0; g < params.size(); ++g) {
        const QuantParams& p = params[g];
        // A format's grid is symmetric: ±(its largest level) times the group's scales.
        const double top =
            p.element.kind == ElementKind::Integer
                ? static_cast<double>(p.representableMax())
                : unitTop * std::fabs(static_cast<double>(p.elementScale()) * p.outerScale);
        const double bottom = p.element.kind == ElementKind::Integer
                                  ? static_cast<double>(p.representableMin())
                                  : -top;
        if (std::isfinite(top) && std::isfinite(bottom)) { // an MX block marked NaN has neither
            clipLo = std::min(clipLo, top - groups.extremes()[g].hi);
            clipHi = std::max(clipHi, bottom - groups.extremes()[g].lo);
        }
    }
    h.clippingError = clipHi > clipLo
                          ? makeHistogram(clipLo - reach, clipHi + reach, options.errorBins)
                          : makeHistogram(-reach, reach, options.errorBins);
    return h;
}

// Adds a worker's counts of bins [first, first + into.bins()) into `into`, every one of the
// `copies` counters of each.
void addCounts(Histogram& into, const std::vector<std::uint64_t>& counts, std::size_t first = 0,
               std::size_t copies = 1)
{
    for (std::size_t i = 0; i < into.counts.size(); ++i) {
        for (std::size_t copy = 0; copy < copies; ++copy) {
            into.counts[i] += counts[(first + i) * copies + copy];
        }
    }
}

// What the pass needs to know of every group before it runs and after: whether its values may
// clip (mayClip), and the formats' mean unused share of their grids (the element levels outside
// the levels of each group's extremes). The formats' many small blocks run through one codec,
// built once, and each group's extremes through it once.
constexpr std::size_t kProbeGroupsPerChunk = 4096;

struct GroupProbe
{
    std::vector<char> checked;
    double unusedFraction = 0; // formats only; the integer grid's comes from rangeUsage
};

GroupProbe probeGroups(std::span<const QuantParams> params, std::span<const RealRange> extremes,
                       const PassOptions& options, const MinifloatCodec& minifloat)
{
    GroupProbe probe;
    probe.checked.assign(params.size(), 1);
    if (params.front().element.kind == ElementKind::Integer) {
        if (options.allFinite) {
            for (std::size_t g = 0; g < params.size(); ++g) {
                probe.checked[g] = mayClip(params[g], extremes[g], options.rounding) ? 1 : 0;
            }
        }
        return probe;
    }
    const std::vector<float> levels = elementValues(params.front().element);
    // Chunks of groups on the threads, each chunk's unused share in its own slot.
    const ChunkPlan plan{params.size(), kProbeGroupsPerChunk};
    std::vector<double> unusedOfChunk(plan.chunks());
    forEachChunk(
        plan, resolveThreadCount(params.size() * 16, options.threads),
        [&](unsigned, std::size_t chunk) {
            double unused = 0;
            withElementCodec(params.front(), options.rounding, minifloat, [&](const auto& first) {
                for (std::size_t g = plan.begin(chunk); g < plan.end(chunk); ++g) {
                    const auto codec = first.rebind(params[g]);
                    const ElementLanes<float> low =
                        codec.apply(static_cast<float>(extremes[g].lo), 0.5f);
                    const ElementLanes<float> high =
                        codec.apply(static_cast<float>(extremes[g].hi), 0.5f);
                    const bool clips = low.below || low.above || high.below || high.above ||
                                       !std::isfinite(low.dequantized) ||
                                       !std::isfinite(high.dequantized);
                    probe.checked[g] = (clips || !options.allFinite) ? 1 : 0;
                    if (!std::isfinite(low.element) || !std::isfinite(high.element)) {
                        unused += 1.0; // an MX block marked NaN: no level is reached
                        continue;
                    }
                    const auto reached =
                        std::upper_bound(levels.begin(), levels.end(), high.element) -
                        std::lower_bound(levels.begin(), levels.end(), low.element);
                    unused += 1.0 - static_cast<double>(std::max<std::ptrdiff_t>(0, reached)) /
                                        static_cast<double>(levels.size());
                }
            });
            unusedOfChunk[chunk] = unused;
        });
    double unused = 0;
    for (const double part : unusedOfChunk) { // chunk order: the same for any thread count
        unused += part;
    }
    probe.unusedFraction = unused / static_cast<double>(params.size());
    return probe;
}

double cosineSimilarity(const ChunkSums& s)
{
    return cosineSimilarity(AgreementSums{s.sumX2, s.sumE2, s.sumXD, s.sumD2, s.sumXE});
}

// The exponents of the kernel's sum units (fused_kernel.h): R, R′ and e are summed times
// 2^−exponent, exactly, so that squares of tiny or huge magnitudes stay in float32's range.
struct SumExponents
{
    int value = 0;
    int dequant = 0;
    int error = 0;
};

constexpr int kUnscaledExponents = 40;

int exponentOf(double magnitude)
{
    if (!(magnitude > 0) || !std::isfinite(magnitude)) {
        return 0;
    }
    return std::clamp(std::ilogb(magnitude), -126, 127);
}

// From the data's extremes and the largest |R′| any group can give.
SumExponents sumExponents(const PassOptions& options, std::span<const QuantParams> params)
{
    double reach = 0;
    if (params.front().element.kind == ElementKind::Integer) {
        for (const QuantParams& p : params) {
            const double top = std::max(std::fabs(static_cast<double>(p.representableMin())),
                                        std::fabs(static_cast<double>(p.representableMax())));
            reach = std::isfinite(top) ? std::max(reach, top) : reach;
        }
    } else {
        // One element grid for all blocks: its largest level times the largest block scale.
        reach = unitScaled(params.front()).representableMax() * largestGroupScale(params);
    }
    const double data = std::max(std::fabs(options.dataMin), std::fabs(options.dataMax));
    SumExponents e;
    e.value = exponentOf(data);
    // |R′| stays near |R| unless the grid is much smaller than the data (a plain FP8 cast of
    // 3e38 gives 448); a unit within a few binades of the truth keeps the sums far from both
    // ends of float32's range.
    e.dequant = exponentOf(reach > 0 ? std::min(reach, data) : data);
    e.error = std::max(e.value, e.dequant);
    return e;
}

double unitOf(int exponent)
{
    return std::ldexp(1.0, exponent);
}

// The units of a group's ΣR² and Σe², computed once per pass (a format has a group per 16 or
// 32 values).
struct GroupUnits
{
    double x2;
    double e2;

    explicit GroupUnits(const SumExponents& e) : x2(unitOf(2 * e.value)), e2(unitOf(2 * e.error)) {}
};

GroupError groupError(const GroupPartial& p, const GroupUnits& units)
{
    const double n = static_cast<double>(std::max<std::uint64_t>(1, p.finite));
    const double x2 = p.sumX2 * units.x2;
    const double e2 = p.sumE2 * units.e2;
    return {p.finite, p.clipped, e2 / n, sqnrDb(x2, e2)};
}

// The sums in the data's own units again.
void unscaleSums(ChunkSums& s, const SumExponents& e)
{
    s.sumX2 *= unitOf(2 * e.value);
    s.sumE2 *= unitOf(2 * e.error);
    s.sumXD *= unitOf(e.value + e.dequant);
    s.sumD2 *= unitOf(2 * e.dequant);
    s.sumXE *= unitOf(e.value + e.error);
    s.sumE2Clipped *= unitOf(2 * e.error);
    s.sumAbsE *= unitOf(e.error);
    s.maxAbsE = static_cast<float>(s.maxAbsE * unitOf(e.error));
}

Metrics finishMetrics(const ChunkSums& s, const PassHistograms& h,
                      std::span<const QuantParams> params, const Groups& groups,
                      const PassOptions& options, const GroupProbe& probe)
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
    if (s.finite > 0 && params.front().element.kind != ElementKind::Integer) {
        m.unusedRangeFraction = probe.unusedFraction;
    } else if (s.finite > 0) {
        double unused = 0;
        for (std::size_t g = 0; g < params.size(); ++g) {
            unused += rangeUsage(params[g], options.rounding, groups.extremes()[g].lo,
                                 groups.extremes()[g].hi)
                          .unusedFraction;
        }
        m.unusedRangeFraction = unused / static_cast<double>(params.size());
    }
    return m;
}

// A chunk's piece of a group that other chunks share.
struct EdgePiece
{
    std::size_t group;
    GroupPartial partial;
};

// What a worker reuses from chunk to chunk.
struct WorkerScratch
{
    std::vector<kernel::GroupPiece> pieces;
    std::vector<std::pair<std::size_t, bool>> groups; // of each piece, and whether it is whole
    std::vector<GroupPartial> partials;
};

} // namespace

Result<PassResult> quantizePass(std::span<const float> values, const QuantParams& params,
                                const PassOptions& options)
{
    return quantizePass(values, std::span(&params, 1), options);
}

PassHistograms valueAndCodeHistograms(const QuantParams& first, const PassOptions& options)
{
    PassHistograms h;
    double lo = options.dataMin;
    double hi = options.dataMax;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    h.values = makeHistogram(lo, hi, options.valueBins);
    h.codes = makeHistogram(first.qmin, static_cast<double>(first.qmax) + 1.0,
                            static_cast<std::size_t>(first.range().codeCount()));
    return h;
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
    const SumExponents units = sumExponents(options, params);
    // The sums need no scaling for data of ordinary magnitude: squares of 2^±40 are far from
    // float32's ends.
    const SumExponents scaling =
        std::abs(units.value) <= kUnscaledExponents && std::abs(units.dequant) <= kUnscaledExponents
            ? SumExponents{}
            : units;
    const GroupUnits groupUnits(scaling);
    constexpr std::size_t kSmallPieces = 256;
    const bool smallPieces = layout.groupSize < kSmallPieces;
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
                               options.roundingSeed,
                               simd::powerOfTwo(-scaling.value),
                               simd::powerOfTwo(-scaling.dequant),
                               simd::powerOfTwo(-scaling.error),
                               codeBins <= kernel::kCopiedCodesUpTo ? 2 : 0,
                               scaling.value != 0 || scaling.dequant != 0 || scaling.error != 0};
    const GroupProbe probe = probeGroups(params, groups.extremes(), options, shared.minifloat);
    const std::vector<char>& checked = probe.checked;

    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    const unsigned threads = resolveThreadCount(values.size(), options.threads);
    const std::size_t codeCopies = codeBins <= kernel::kCopiedCodesUpTo ? kernel::kCountCopies : 1;
    const WorkerCounts zero{std::vector<std::uint64_t>(valueBins + 1),
                            std::vector<std::uint64_t>((codeBins + 1) * codeCopies),
                            std::vector<std::uint64_t>(errorBins + 1)};
    std::vector<WorkerCounts> counts(threads, zero);
    std::vector<ChunkSums> chunkTotals(plan.chunks());
    // A group that lies inside one chunk gets its error written in place; the pieces of groups
    // that chunks share are kept per chunk and added in chunk order, so every sum is the same
    // for any thread count.
    std::vector<GroupError> groupErrors(params.size());
    std::vector<std::vector<EdgePiece>> edges(plan.chunks());
    std::vector<WorkerScratch> scratch(threads);
    const bool avx2 = simd::useAvx2(options.isa);

    const bool finished = forEachChunk(
        plan, threads,
        [&](unsigned worker, std::size_t chunk) {
            const std::size_t begin = plan.begin(chunk);
            const std::size_t end = plan.end(chunk);
            WorkerScratch& work = scratch[worker];
            work.pieces.clear();
            work.groups.clear();
            // The chunk's values, cut where one group ends and the next begins.
            GroupCursor cursor = GroupCursor::at(layout, begin);
            for (std::size_t at = begin; at < end; cursor.advance(layout)) {
                const std::size_t g = cursor.group;
                const std::size_t groupEnd = std::min(end, cursor.start + cursor.length);
                work.pieces.push_back({&params[g], at - begin, groupEnd - at, checked[g] != 0});
                work.groups.push_back(
                    {g, cursor.start >= begin && cursor.start + cursor.length <= end});
                at = groupEnd;
            }
            work.partials.resize(work.pieces.size());
            const kernel::GroupRun run{
                values.data() + begin,
                begin,
                work.pieces,
                options.codesOut.empty() ? nullptr : options.codesOut.data() + begin,
                options.dequantOut.empty() ? nullptr : options.dequantOut.data() + begin,
                smallPieces};
            kernel::processRun(avx2, shared, run, chunkTotals[chunk], work.partials,
                               counts[worker]);
            for (std::size_t i = 0; i < work.groups.size(); ++i) {
                const auto [g, whole] = work.groups[i];
                if (whole) {
                    groupErrors[g] = groupError(work.partials[i], groupUnits);
                } else {
                    edges[chunk].push_back({g, work.partials[i]});
                }
            }
        },
        options.progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }

    ChunkSums total;
    std::vector<EdgePiece> spanning; // groups that chunks share, their pieces in chunk order
    for (std::size_t chunk = 0; chunk < plan.chunks(); ++chunk) {
        total.add(chunkTotals[chunk]);
        for (const EdgePiece& edge : edges[chunk]) {
            if (!spanning.empty() && spanning.back().group == edge.group) {
                spanning.back().partial.add(edge.partial);
            } else {
                spanning.push_back(edge);
            }
        }
    }
    for (const EdgePiece& edge : spanning) {
        groupErrors[edge.group] = groupError(edge.partial, groupUnits);
    }
    unscaleSums(total, scaling);
    for (const WorkerCounts& c : counts) {
        addCounts(histograms.values, c.values);
        addCounts(histograms.codes, c.codes, 0, codeCopies);
        addCounts(histograms.roundingError, c.errors);
        addCounts(histograms.clippingError, c.errors, roundingBins);
    }

    PassResult result;
    result.metrics = finishMetrics(total, histograms, params, groups, options, probe);
    result.histograms = std::move(histograms);
    result.finiteCount = total.finite;
    result.atZeroCode = total.atZeroCode;
    result.signalEnergy = total.sumX2;
    result.errorEnergy = total.sumE2;
    result.groups = std::move(groupErrors);
    return result;
}

} // namespace qs
