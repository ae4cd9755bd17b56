#include "analysis/fused_kernel.h"

#include "common/simd_dispatch.h"
#include "quant/element_codecs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <type_traits>

namespace qs::kernel {
namespace {

// Elements per block: simd::kLaneSumBlock<F> (32 terms per lane; see simd_dispatch.h for the
// error bound of the float32 lane sums), 256 on AVX2, 128 on the baseline. Blocks are then added
// in double. The buffers stay in L1.
constexpr std::size_t kMaxLanes = 8;
constexpr std::size_t kBlock = simd::kTermsPerLane * kMaxLanes; // the largest block
static_assert(simd::kTermsPerLane < 65536, "clipped counts share 16-bit halves of a lane");

// Block buffers have room for one padded tail vector past the block.
struct BlockBuffers
{
    alignas(64) std::array<std::int32_t, kBlock + kMaxLanes> code;
    alignas(64) std::array<float, kBlock + kMaxLanes> dequant;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> valueBin;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> codeBin;
    alignas(64) std::array<std::uint32_t, kBlock + kMaxLanes> errorBin;
};

// Stage 1: quantize, dequantize, error, sums, counts and histogram bins, one vector of F at a
// time, branch-free, for `count` inputs (a multiple of the lane count). Bins go to the block
// buffers from `offset`; codes and dequantized values straight to `codeDst` / `dequantDst` (the
// caller's outputs, or block buffers when it wants none). The element step is the codec's
// (quant/element_codecs.h), the same code the scalar walkthrough runs with F = float.
//
// Checked: inputs may be NaN/Inf or clip. Unchecked is the common case the caller has proven
// (all inputs finite, and the extremes quantize inside the grid, so nothing can clip): the
// masks, the clip counts and the clipping-error bins are then skipped.
template <typename Codec, typename F, bool Checked>
[[gnu::always_inline]] inline void
quantizeVectors(const Codec& codec, const KernelContext& ctx, const float* in, std::size_t count,
                std::uint64_t firstIndex, std::size_t offset, BlockBuffers& b,
                std::int32_t* codeDst, float* dequantDst, ChunkSums& sums)
{
    using namespace simd;
    using I = IntOf<F>;
    using U = UIntOf<F>;
    constexpr int kLanes = kLanesOf<F>;
    const std::uint32_t key = stochasticKey(ctx.seed, static_cast<std::uint32_t>(firstIndex >> 32));
    U laneIndex{};
    for (int lane = 0; lane < kLanes; ++lane) {
        laneIndex[lane] = static_cast<std::uint32_t>(lane);
    }
    const F zero = splat<F>(0.0f);
    const F largest = splat<F>(std::numeric_limits<float>::max());
    const F infinite = splat<F>(std::numeric_limits<float>::infinity());
    const U valueTrash = splat<U>(ctx.valueTrash);
    const U codeTrash = splat<U>(ctx.codeTrash);
    const U errorTrash = splat<U>(ctx.errorTrash);
    const U clippingFirst = splat<U>(ctx.clippingFirst);

    F sx2{}, se2{}, sae{}, sxd{}, sd2{}, sxe{};
    F maxE{};
    // Clipped inputs in one accumulator: below in the low 16 bits, above in the high 16 (a block
    // gives each lane at most kTermsPerLane of either). Likewise finite inputs and zero codes.
    U clipTally{};
    U finiteAndZero{};
    F clippedE2{};

    for (std::size_t i = 0; i < count; i += kLanes) {
        const std::size_t at = offset + i;
        const F x = load<F>(in + i);
        F u = splat<F>(0.5f);
        if constexpr (Codec::kUsesUniform) {
            u = stochasticUniform(key,
                                  splat<U>(static_cast<std::uint32_t>(firstIndex + i)) + laneIndex);
        }
        const ElementLanes<F> e = codec.apply(x, u);
        const F d = e.dequantized;
        store(codeDst + i, e.code);
        store(dequantDst + i, d);

        F xf = x;
        F df = d;
        I finite{};
        I below{};
        I above{};
        I lost{};
        if constexpr (Checked) {
            finite = abs(x) <= largest;
            below = e.below;
            above = e.above;
            if constexpr (Codec::kMayLoseValues) {
                // A finite R whose R′ is NaN or Inf (an overflow without saturation, an MX block
                // marked NaN) is clipped with an infinite error.
                lost = finite & !(abs(d) <= largest);
                below |= lost & (x < zero);
                above |= lost & !(x < zero);
                df = lost ? zero : d;
            }
            xf = finite ? x : zero;
            df = finite ? df : zero;
        }
        F ef = df - xf; // R′ − R, 0 for non-finite inputs
        if constexpr (Checked && Codec::kMayLoseValues) {
            ef = lost ? infinite : ef;
        }
        const F absE = abs(ef);
        sx2 += xf * xf;
        se2 += ef * ef;
        sae += absE;
        sxd += xf * df;
        sd2 += df * df;
        if constexpr (Checked && Codec::kMayLoseValues) {
            sxe += lost ? zero : xf * ef;
        } else {
            sxe += xf * ef;
        }
        maxE = absE > maxE ? absE : maxE;

        if constexpr (Checked) {
            clipTally += asUnsigned(finite & ((below & 1) | (above & 0x10000)));
            finiteAndZero += asUnsigned(finite & ((e.atZero & 0x10000) | 1));
            clippedE2 += (below | above) ? ef * ef : zero;
            store(b.valueBin.data() + at, finite ? ctx.valueBinner.bin(x) : valueTrash);
            store(b.codeBin.data() + at, finite ? e.codeBin : codeTrash);
            const U errorBin = (below | above) ? clippingFirst + ctx.clippingBinner.bin(ef)
                                               : ctx.roundingBinner.bin(ef);
            store(b.errorBin.data() + at, finite ? errorBin : errorTrash);
        } else {
            finiteAndZero += asUnsigned(e.atZero & 0x10000);
            store(b.valueBin.data() + at, ctx.valueBinner.bin(x));
            store(b.codeBin.data() + at, e.codeBin);
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
    sums.atZeroCode += sumLanesAsCount(finiteAndZero >> 16);
    if constexpr (Checked) {
        sums.below += sumLanesAsCount(clipTally & 0xffffu);
        sums.above += sumLanesAsCount(clipTally >> 16);
        sums.finite += sumLanesAsCount(finiteAndZero & 0xffffu);
        sums.sumE2Clipped += sumLanesAsDouble(clippedE2);
    } else {
        sums.finite += count;
    }
}

// One block: whole vectors straight from the input, then the last partial vector from a
// NaN-padded copy (padded lanes count as non-finite and their outputs are never read back).
// `codesOut` / `dequantOut` point at this block's outputs, or are null.
template <typename Codec, typename F, bool Checked>
[[gnu::always_inline]] inline void
quantizeBlock(const Codec& codec, const KernelContext& ctx, const float* in, std::size_t n,
              std::uint64_t firstIndex, BlockBuffers& b, std::int32_t* codesOut, float* dequantOut,
              ChunkSums& sums)
{
    constexpr std::size_t kLanes = simd::kLanesOf<F>;
    const std::size_t full = n / kLanes * kLanes;
    quantizeVectors<Codec, F, Checked>(codec, ctx, in, full, firstIndex, 0, b,
                                       codesOut != nullptr ? codesOut : b.code.data(),
                                       dequantOut != nullptr ? dequantOut : b.dequant.data(), sums);
    if (full < n) {
        alignas(32) float tail[kLanes];
        std::fill(std::begin(tail), std::end(tail), std::numeric_limits<float>::quiet_NaN());
        std::copy(in + full, in + n, tail);
        quantizeVectors<Codec, F, true>(codec, ctx, tail, kLanes, firstIndex + full, full, b,
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
[[gnu::always_inline]] inline void countBlock(const BlockBuffers& b, std::size_t n,
                                              WorkerCounts& counts)
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

template <typename Codec, typename F, bool Checked>
[[gnu::always_inline]] inline void processChunkAs(const Codec& codec, const KernelContext& ctx,
                                                  const ChunkJob& job, ChunkSums& sums,
                                                  WorkerCounts& counts)
{
    const float* in = job.in;
    const std::size_t n = job.n;
    std::int32_t* codesOut = job.codesOut;
    float* dequantOut = job.dequantOut;
    constexpr std::size_t kLaneBlock = simd::kLaneSumBlock<F>;
    BlockBuffers b;
    for (std::size_t start = 0; start < n; start += kLaneBlock) {
        const std::size_t m = std::min(kLaneBlock, n - start);
        quantizeBlock<Codec, F, Checked>(codec, ctx, in + start, m, job.firstIndex + start, b,
                                         codesOut != nullptr ? codesOut + start : nullptr,
                                         dequantOut != nullptr ? dequantOut + start : nullptr,
                                         sums);
        countBlock(b, m, counts);
    }
}

// The element kind, its rounding and the checks chosen once per chunk, outside the loops.
struct ChunkKernel
{
    template <typename F>
    [[gnu::always_inline]] static void run(const KernelContext& ctx, const ChunkJob& job,
                                           ChunkSums& sums, WorkerCounts& counts)
    {
        withElementCodec(*job.params, ctx.rounding, ctx.minifloat,
                         [&](const auto& codec) __attribute__((always_inline)) {
                             using Codec = std::decay_t<decltype(codec)>;
                             if (job.checked) {
                                 processChunkAs<Codec, F, true>(codec, ctx, job, sums, counts);
                             } else {
                                 processChunkAs<Codec, F, false>(codec, ctx, job, sums, counts);
                             }
                         });
    }
};

} // namespace

void processChunk(bool avx2, const KernelContext& ctx, const ChunkJob& job, ChunkSums& sums,
                  WorkerCounts& counts)
{
    simd::runOnIsa<ChunkKernel>(avx2, ctx, job, sums, counts);
}

void ChunkSums::add(const ChunkSums& s)
{
    sumX2 += s.sumX2;
    sumE2 += s.sumE2;
    sumAbsE += s.sumAbsE;
    sumXD += s.sumXD;
    sumD2 += s.sumD2;
    sumXE += s.sumXE;
    sumE2Clipped += s.sumE2Clipped;
    maxAbsE = std::max(maxAbsE, s.maxAbsE);
    finite += s.finite;
    below += s.below;
    above += s.above;
    atZeroCode += s.atZeroCode;
}

} // namespace qs::kernel
