#include "analysis/quantize_pass.h"

#include "common/parallel_chunks.h"
#include "quant/element_quantizer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace qs {
namespace {

// Per-chunk partial results, merged in chunk order so sums are identical for any thread count.
struct ChunkSums
{
    double sumX2 = 0; // ΣR²
    double sumE2 = 0; // Σe²
    double sumAbsE = 0;
    // Summed directly, not derived from R' = R + e: heavy clipping would make the derivation
    // cancel catastrophically.
    double sumXD = 0; // ΣR·R'
    double sumD2 = 0; // ΣR'²
    double sumXE = 0; // ΣR·e, for an accurate 1 − cosine when the error is small
    float maxAbsE = 0;
    // Finite inputs are counted by the value histogram and zero-code inputs by the code
    // histogram; only what no histogram holds is counted here.
    std::uint64_t below = 0;
    std::uint64_t above = 0;
};

// Per-worker histogram counts (integer sums are order-free, so each worker owns one set). Each
// array ends in a trash slot that absorbs NaN/Inf inputs, so counting needs no branch.
struct WorkerCounts
{
    std::vector<std::uint64_t> values; // valueBins + 1
    std::vector<std::uint64_t> codes;  // codeCount + 1
    std::vector<std::uint64_t> errors; // rounding bins, then clipping bins, + 1
};

struct KernelContext
{
    ElementQuantizer eq;
    std::int32_t qmin;
    std::int32_t zeroPoint;
    HistogramBinner valueBinner;
    HistogramBinner roundingBinner;
    HistogramBinner clippingBinner;
    std::uint32_t valueTrash;   // index of the trash slot in WorkerCounts::values
    std::uint32_t codeTrash;
    std::uint32_t clippingFirst; // where the clipping-error bins start in WorkerCounts::errors
    std::uint32_t errorTrash;
    std::uint64_t seed;
};

// Elements per block. Within a block the sums run in float32 lanes (32 terms per lane, relative
// error below 2e-6 even in the worst case); blocks are then added in double. Buffers stay in L1.
constexpr std::size_t kBlock = 256;
static_assert(kBlock / 4 < 65536, "clipped counts share 16-bit halves of a lane");

// Block buffers have room for one padded tail vector past kBlock.
constexpr std::size_t kMaxLanes = 8;
struct BlockBuffers
{
    alignas(64) std::array<std::int32_t, kBlock + kMaxLanes> code;
    alignas(64) std::array<float, kBlock + kMaxLanes> dequant;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> valueBin;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> codeBin;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> errorBin;
};

// Stage 1: quantize, dequantize, error, sums, counts and histogram bins, one vector of F at a
// time, branch-free, for `count` (a multiple of the lane count) inputs written to the block
// buffers from `offset`. The scalar walkthrough runs the same ElementQuantizer code with float.
//
// Checked: inputs may be NaN/Inf or clip. Unchecked is the common case the caller has proven
// (all inputs finite, and the extremes round inside [Qmin, Qmax], so nothing can clip): the
// masks, the clip counts and the clipping-error bins are then skipped.
// Codes and dequantized values go straight to `codeDst` / `dequantDst` (the caller's outputs,
// or the block buffers when it wants none).
template <Rounding Mode, typename F, bool Checked>
[[gnu::always_inline]] inline void quantizeVectors(const KernelContext& ctx, const float* in,
                                                   std::size_t count, std::uint64_t firstIndex,
                                                   std::size_t offset, BlockBuffers& b,
                                                   std::int32_t* codeDst, float* dequantDst,
                                                   ChunkSums& sums)
{
    using namespace simd;
    using I = IntOf<F>;
    using U = UIntOf<F>;
    constexpr int kLanes = kLanesOf<F>;
    const ElementQuantizer& eq = ctx.eq;
    const std::uint32_t key = stochasticKey(ctx.seed, static_cast<std::uint32_t>(firstIndex >> 32));
    U laneIndex{};
    for (int lane = 0; lane < kLanes; ++lane) {
        laneIndex[lane] = static_cast<std::uint32_t>(lane);
    }
    const F zero = splat<F>(0.0f);
    const F largest = splat<F>(std::numeric_limits<float>::max());
    const I qmin = splat<I>(ctx.qmin);
    const U valueTrash = splat<U>(ctx.valueTrash);
    const U codeTrash = splat<U>(ctx.codeTrash);
    const U errorTrash = splat<U>(ctx.errorTrash);
    const U clippingFirst = splat<U>(ctx.clippingFirst);

    F sx2{}, se2{}, sae{}, sxd{}, sd2{}, sxe{};
    F maxE{};
    // Clipped inputs in one accumulator: below in the low 16 bits, above in the high 16 (a block
    // gives each lane at most kBlock / 4 of either).
    U clipTally{};

    for (std::size_t i = 0; i < count; i += kLanes) {
        const std::size_t at = offset + i;
        const F x = load<F>(in + i);
        F u = splat<F>(0.5f);
        if constexpr (Mode == Rounding::Stochastic) {
            u = stochasticUniform(key, splat<U>(static_cast<std::uint32_t>(firstIndex + i)) + laneIndex);
        }
        const F r = roundBounded<Mode>(eq.bounded(x), u);
        const F q = eq.clip(r);
        const F d = eq.dequantize(q);
        const I code = toInt(q);
        store(codeDst + i, code);
        store(dequantDst + i, d);

        F xf = x;
        F df = d;
        I finite{};
        if constexpr (Checked) {
            finite = abs(x) <= largest;
            xf = finite ? x : zero;
            df = finite ? d : zero;
        }
        const F ef = df - xf; // R' − R, 0 for non-finite inputs
        const F absE = abs(ef);
        sx2 += xf * xf;
        se2 += ef * ef;
        sae += absE;
        sxd += xf * df;
        sd2 += df * df;
        sxe += xf * ef;
        maxE = absE > maxE ? absE : maxE;

        if constexpr (Checked) {
            const I below = r < splat<F>(eq.qmin);
            const I above = r > splat<F>(eq.qmax);
            clipTally += asUnsigned(finite & ((below & 1) | (above & 0x10000)));
            store(b.valueBin.data() + at, finite ? ctx.valueBinner.bin(x) : valueTrash);
            store(b.codeBin.data() + at, finite ? asUnsigned(code - qmin) : codeTrash);
            const U errorBin = (below | above) ? clippingFirst + ctx.clippingBinner.bin(ef)
                                                   : ctx.roundingBinner.bin(ef);
            store(b.errorBin.data() + at, finite ? errorBin : errorTrash);
        } else {
            store(b.valueBin.data() + at, ctx.valueBinner.bin(x));
            store(b.codeBin.data() + at, asUnsigned(code - qmin));
            store(b.errorBin.data() + at, ctx.roundingBinner.bin(ef));
        }
    }

    sums.sumX2 += sumLanesAsDouble(sx2);
    sums.sumE2 += sumLanesAsDouble(se2);
    sums.sumAbsE += sumLanesAsDouble(sae);
    sums.sumXD += sumLanesAsDouble(sxd);
    sums.sumD2 += sumLanesAsDouble(sd2);
    sums.sumXE += sumLanesAsDouble(sxe);
    sums.maxAbsE = std::max(sums.maxAbsE, maxLanes(maxE));
    if constexpr (Checked) {
        sums.below += sumLanesAsCount(clipTally & 0xffffu);
        sums.above += sumLanesAsCount(clipTally >> 16);
    }
}

// One block: whole vectors straight from the input, then the last partial vector from a
// NaN-padded copy (padded lanes count as non-finite and their outputs are never read back).
// `codesOut` / `dequantOut` point at this block's outputs, or are null.
template <Rounding Mode, typename F, bool Checked>
[[gnu::always_inline]] inline void quantizeBlock(const KernelContext& ctx, const float* in,
                                                 std::size_t n, std::uint64_t firstIndex,
                                                 BlockBuffers& b, std::int32_t* codesOut,
                                                 float* dequantOut, ChunkSums& sums)
{
    constexpr std::size_t kLanes = simd::kLanesOf<F>;
    const std::size_t full = n / kLanes * kLanes;
    quantizeVectors<Mode, F, Checked>(ctx, in, full, firstIndex, 0, b,
                                      codesOut != nullptr ? codesOut : b.code.data(),
                                      dequantOut != nullptr ? dequantOut : b.dequant.data(), sums);
    if (full < n) {
        alignas(32) float tail[kLanes];
        std::fill(std::begin(tail), std::end(tail), std::numeric_limits<float>::quiet_NaN());
        std::copy(in + full, in + n, tail);
        quantizeVectors<Mode, F, true>(ctx, tail, kLanes, firstIndex + full, full, b,
                                       b.code.data() + full, b.dequant.data() + full, sums);
        if (codesOut != nullptr) {
            std::copy(b.code.data() + full, b.code.data() + n, codesOut + full);
        }
        if (dequantOut != nullptr) {
            std::copy(b.dequant.data() + full, b.dequant.data() + n, dequantOut + full);
        }
    }
}

// Stage 2: the histogram increments, three per element and no branch.
[[gnu::always_inline]] inline void countBlock(const BlockBuffers& b, std::size_t n, WorkerCounts& counts)
{
    std::uint64_t* __restrict values = counts.values.data();
    std::uint64_t* __restrict codes = counts.codes.data();
    std::uint64_t* __restrict errors = counts.errors.data();
    for (std::size_t i = 0; i < n; ++i) {
        ++values[b.valueBin[i]];
        ++codes[b.codeBin[i]];
        ++errors[b.errorBin[i]];
    }
}

template <Rounding Mode, typename F, bool Checked>
[[gnu::always_inline]] inline void processChunkAs(const KernelContext& ctx, const float* in,
                                                  std::size_t n, std::uint64_t firstIndex,
                                                  std::int32_t* codesOut, float* dequantOut,
                                                  ChunkSums& sums, WorkerCounts& counts)
{
    BlockBuffers b;
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t m = std::min(kBlock, n - start);
        quantizeBlock<Mode, F, Checked>(ctx, in + start, m, firstIndex + start, b,
                                        codesOut != nullptr ? codesOut + start : nullptr,
                                        dequantOut != nullptr ? dequantOut + start : nullptr, sums);
        countBlock(b, m, counts);
    }
}

struct ChunkJob
{
    const float* in;
    std::size_t n;
    std::uint64_t firstIndex;
    std::int32_t* codesOut; // null: not wanted
    float* dequantOut;      // null: not wanted
    bool checked;           // see quantizeVectors
};

template <typename F>
[[gnu::always_inline]] inline void processChunkWith(Rounding mode, const KernelContext& ctx,
                                                    const ChunkJob& job, ChunkSums& sums,
                                                    WorkerCounts& counts)
{
    auto run = [&]<Rounding Mode>() __attribute__((always_inline)) {
        if (job.checked) {
            processChunkAs<Mode, F, true>(ctx, job.in, job.n, job.firstIndex, job.codesOut,
                                          job.dequantOut, sums, counts);
        } else {
            processChunkAs<Mode, F, false>(ctx, job.in, job.n, job.firstIndex, job.codesOut,
                                           job.dequantOut, sums, counts);
        }
    };
    switch (mode) {
    case Rounding::HalfEven: run.template operator()<Rounding::HalfEven>(); break;
    case Rounding::HalfAwayFromZero: run.template operator()<Rounding::HalfAwayFromZero>(); break;
    case Rounding::HalfUp: run.template operator()<Rounding::HalfUp>(); break;
    case Rounding::Floor: run.template operator()<Rounding::Floor>(); break;
    case Rounding::Stochastic: run.template operator()<Rounding::Stochastic>(); break;
    }
}

// The kernel compiled twice from one source: 8 lanes for AVX2 machines, 4 lanes for the x86-64
// baseline every machine has. The default build stays portable (no -march) and quantizePass
// picks the variant at run time.
#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2")]]
#endif
void processChunkAvx2(Rounding mode, const KernelContext& ctx, const ChunkJob& job,
                      ChunkSums& sums, WorkerCounts& counts)
{
    processChunkWith<simd::Float8>(mode, ctx, job, sums, counts);
}

void processChunkBaseline(Rounding mode, const KernelContext& ctx, const ChunkJob& job,
                          ChunkSums& sums, WorkerCounts& counts)
{
    processChunkWith<simd::Float4>(mode, ctx, job, sums, counts);
}

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
    const bool wholeStep = options.rounding == Rounding::Floor || options.rounding == Rounding::Stochastic;
    const double reach = static_cast<double>(params.elementScale()) * (wholeStep ? 1.0 : 0.5) * (1.0 + 1e-3);
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);

    // Clipped below: e = R'(Qmin) − R > 0; clipped above: e = R'(Qmax) − R < 0.
    const double clipLo = std::min(0.0, static_cast<double>(params.representableMax()) - options.dataMax);
    const double clipHi = std::max(0.0, static_cast<double>(params.representableMin()) - options.dataMin);
    h.clippingError = clipHi > clipLo ? makeHistogram(clipLo - reach, clipHi + reach, options.errorBins)
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

std::int32_t codeOf(const QuantParams& params, Rounding rounding, double value)
{
    return quantizeElement(params, rounding, static_cast<float>(value)).code;
}

// Whether any finite input may round outside [Qmin, Qmax]. Quantization is monotonic in R, so
// it is enough to look at the extremes; stochastic rounding may go either way, so both ways are
// tried (u = 0 rounds up any fraction, u just below 1 rounds down).
bool mayClip(const QuantParams& params, const PassOptions& options)
{
    const std::array<float, 2> uniforms{0.0f, 0x1.fffffep-1f};
    for (const double extreme : {options.dataMin, options.dataMax}) {
        for (const float u : uniforms) {
            if (quantizeElement(params, options.rounding, static_cast<float>(extreme), u).clip != ClipState::Inside) {
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
        // Midpoint rounding of the extremes: stochastic rounding has no single code for a value.
        const Rounding extremes = options.rounding == Rounding::Stochastic ? Rounding::HalfEven : options.rounding;
        const std::int64_t reachable = std::int64_t{codeOf(params, extremes, options.dataMax)} -
                                       codeOf(params, extremes, options.dataMin) + 1;
        m.unusedRangeFraction = 1.0 - static_cast<double>(reachable) / static_cast<double>(m.codesTotal);
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
    const auto errorBins = roundingBins + static_cast<std::uint32_t>(histograms.clippingError.bins());
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
            std::int32_t* codes = options.codesOut.empty() ? nullptr : options.codesOut.data() + begin;
            float* dequant = options.dequantOut.empty() ? nullptr : options.dequantOut.data() + begin;
            const ChunkJob job{values.data() + begin, n, begin, codes, dequant, checked};
            if (avx2) {
                processChunkAvx2(options.rounding, ctx, job, sums[chunk], counts[worker]);
            } else {
                processChunkBaseline(options.rounding, ctx, job, sums[chunk], counts[worker]);
            }
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
