#include "analysis/quantize_pass.h"

#include "analysis/fused_kernel.h"
#include "analysis/range_usage.h"
#include "common/parallel_chunks.h"
#include "quant/element_quantizer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace qs {
namespace {

using kernel::ChunkSums;
using kernel::KernelContext;
using kernel::WorkerCounts;

PassHistograms emptyHistograms(const QuantParams& params, const PassOptions& options)
{
    PassHistograms h;
    double lo = options.dataMin;
    double hi = options.dataMax;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    h.values = makeHistogram(lo, hi, options.valueBins);
    h.codes = makeHistogram(params.qmin, static_cast<double>(params.qmax) + 1.0,
                            static_cast<std::size_t>(params.range().codeCount()));

    // Rounding moves a value by at most half a step (a whole step for floor and stochastic); a
    // small margin absorbs float32's own rounding of R/Scale.
    const bool wholeStep =
        options.rounding == Rounding::Floor || options.rounding == Rounding::Stochastic;
    const double reach =
        static_cast<double>(params.elementScale()) * (wholeStep ? 1.0 : 0.5) * (1.0 + 1e-3);
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);

    // Clipped below: e = R'(Qmin) − R > 0; clipped above: e = R'(Qmax) − R < 0.
    const double clipLo =
        std::min(0.0, static_cast<double>(params.representableMax()) - options.dataMax);
    const double clipHi =
        std::max(0.0, static_cast<double>(params.representableMin()) - options.dataMin);
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

void addSums(ChunkSums& total, const ChunkSums& s)
{
    total.sumX2 += s.sumX2;
    total.sumE2 += s.sumE2;
    total.sumAbsE += s.sumAbsE;
    total.sumXD += s.sumXD;
    total.sumD2 += s.sumD2;
    total.sumXE += s.sumXE;
    total.maxAbsE = std::max(total.maxAbsE, s.maxAbsE);
    total.below += s.below;
    total.above += s.above;
}

// Whether any finite input may round outside [Qmin, Qmax]. Quantization is monotonic in R, so
// it is enough to look at the extremes; stochastic rounding may go either way, so both ways are
// tried (u = 0 rounds up any fraction, u just below 1 rounds down).
bool mayClip(const QuantParams& params, const PassOptions& options)
{
    const std::array<float, 2> uniforms{0.0f, 0x1.fffffep-1f};
    for (const double extreme : {options.dataMin, options.dataMax}) {
        for (const float u : uniforms) {
            if (quantizeElement(params, options.rounding, static_cast<float>(extreme), u).clip !=
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

// Inputs whose code is the zero point: read off the code histogram.
std::uint64_t zeroCodeCount(const PassHistograms& h, const QuantParams& params)
{
    if (params.zeroPoint < params.qmin || params.zeroPoint > params.qmax) {
        return 0;
    }
    return h.codes.counts[static_cast<std::size_t>(params.zeroPoint - params.qmin)];
}

Metrics finishMetrics(const ChunkSums& s, const PassHistograms& h, std::uint64_t finite,
                      const QuantParams& params, const PassOptions& options)
{
    Metrics m;
    const auto n = static_cast<double>(finite);
    if (finite > 0) {
        m.mse = s.sumE2 / n;
        m.rmse = std::sqrt(m.mse);
        m.mae = s.sumAbsE / n;
        m.maxAbsError = s.maxAbsE;
        m.sqnrDb = s.sumE2 > 0 ? 10.0 * std::log10(s.sumX2 / s.sumE2)
                               : std::numeric_limits<double>::infinity();
        m.cosineSimilarity = cosineSimilarity(s);
        m.clippedFraction = static_cast<double>(s.below + s.above) / n;
        m.zeroCodeFraction = static_cast<double>(zeroCodeCount(h, params)) / n;
    }
    m.clippedBelow = s.below;
    m.clippedAbove = s.above;
    m.codesTotal = params.range().codeCount();
    m.codesUsed = std::ranges::count_if(h.codes.counts, [](std::uint64_t c) { return c > 0; });
    if (finite > 0) {
        m.unusedRangeFraction =
            rangeUsage(params, options.rounding, options.dataMin, options.dataMax).unusedFraction;
    }
    return m;
}

} // namespace

Result<PassResult> quantizePass(std::span<const float> values, const QuantParams& params,
                                const PassOptions& options)
{
    if (!options.codesOut.empty() && options.codesOut.size() != values.size()) {
        return fail(ErrorCode::InvalidArgument, "codes output has the wrong size");
    }
    if (!options.dequantOut.empty() && options.dequantOut.size() != values.size()) {
        return fail(ErrorCode::InvalidArgument, "dequantized output has the wrong size");
    }

    PassHistograms histograms = emptyHistograms(params, options);
    const auto valueBins = static_cast<std::uint32_t>(histograms.values.bins());
    const auto codeBins = static_cast<std::uint32_t>(histograms.codes.bins());
    const auto roundingBins = static_cast<std::uint32_t>(histograms.roundingError.bins());
    const auto errorBins =
        roundingBins + static_cast<std::uint32_t>(histograms.clippingError.bins());
    const KernelContext ctx{ElementQuantizer(params),
                            params.qmin,
                            params.zeroPoint,
                            HistogramBinner(histograms.values),
                            HistogramBinner(histograms.roundingError),
                            HistogramBinner(histograms.clippingError),
                            valueBins,
                            codeBins,
                            roundingBins,
                            errorBins,
                            options.roundingSeed};

    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    const unsigned threads = resolveThreadCount(values.size(), options.threads);
    std::vector<ChunkSums> sums(plan.chunks());
    const WorkerCounts zero{std::vector<std::uint64_t>(valueBins + 1),
                            std::vector<std::uint64_t>(codeBins + 1),
                            std::vector<std::uint64_t>(errorBins + 1)};
    std::vector<WorkerCounts> counts(threads, zero);
    const bool avx2 = simd::useAvx2(options.isa);
    const bool checked = !options.allFinite || mayClip(params, options);

    const bool finished = forEachChunk(
        plan, threads,
        [&](unsigned worker, std::size_t chunk) {
            const std::size_t begin = plan.begin(chunk);
            const std::size_t n = plan.end(chunk) - begin;
            std::int32_t* codes =
                options.codesOut.empty() ? nullptr : options.codesOut.data() + begin;
            float* dequant =
                options.dequantOut.empty() ? nullptr : options.dequantOut.data() + begin;
            const kernel::ChunkJob job{values.data() + begin, n, begin, codes, dequant, checked};
            kernel::processChunk(avx2, options.rounding, ctx, job, sums[chunk], counts[worker]);
        },
        options.progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }

    ChunkSums total;
    for (const ChunkSums& s : sums) {
        addSums(total, s);
    }
    for (const WorkerCounts& c : counts) {
        addCounts(histograms.values, c.values);
        addCounts(histograms.codes, c.codes);
        addCounts(histograms.roundingError, c.errors);
        addCounts(histograms.clippingError, c.errors, roundingBins);
    }

    // Every finite input lands in exactly one value bin.
    const std::uint64_t finite = histograms.values.total();
    const std::uint64_t atZeroCode = zeroCodeCount(histograms, params);
    PassResult result;
    result.metrics = finishMetrics(total, histograms, finite, params, options);
    result.histograms = std::move(histograms);
    result.finiteCount = finite;
    result.atZeroCode = atZeroCode;
    return result;
}

} // namespace qs
