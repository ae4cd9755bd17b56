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

// Float32 lane sums for the chunk's totals, flushed into double (ChunkSums) before any lane holds
// more than kTermsPerLane terms (the bound in simd_dispatch.h); they run across the pieces of
// small groups, so a block format pays one flush per few blocks, not per block.
template <typename F> struct LaneSums
{
    using U = simd::UIntOf<F>;
    F sx2{}, se2{}, sae{}, sxd{}, sd2{}, sxe{}, maxE{}, clippedE2{};
    // Clipped inputs in one accumulator: below in the low 16 bits, above in the high 16 (each
    // lane holds at most kTermsPerLane of either). Likewise finite inputs and zero codes.
    U clipTally{};
    U finiteAndZero{};
    std::uint64_t uncheckedFinite = 0; // finite inputs of unchecked vectors (counted by the caller)
    std::size_t vectors = 0;           // terms per lane since the last flush

    void flushInto(ChunkSums& sums)
    {
        using namespace simd;
        sums.sumX2 += sumLanesAsDouble(sx2);
        sums.sumE2 += sumLanesAsDouble(se2);
        sums.sumAbsE += sumLanesAsDouble(sae);
        sums.sumXD += sumLanesAsDouble(sxd);
        sums.sumD2 += sumLanesAsDouble(sd2);
        sums.sumXE += sumLanesAsDouble(sxe);
        sums.maxAbsE = std::max(sums.maxAbsE, maxLanes(maxE));
        sums.sumE2Clipped += sumLanesAsDouble(clippedE2);
        sums.below += sumLanesAsCount(clipTally & 0xffffu);
        sums.above += sumLanesAsCount(clipTally >> 16);
        sums.finite += sumLanesAsCount(finiteAndZero & 0xffffu) + uncheckedFinite;
        sums.atZeroCode += sumLanesAsCount(finiteAndZero >> 16);
        sx2 = se2 = sae = sxd = sd2 = sxe = maxE = clippedE2 = F{};
        clipTally = finiteAndZero = U{};
        uncheckedFinite = 0;
        vectors = 0;
    }
};

// The same for one group's share (GroupPartial), flushed with the totals and at its end.
template <typename F> struct GroupLanes
{
    using U = simd::UIntOf<F>;
    F sx2{}, se2{};
    U finite{};
    U clipped{};
    std::uint64_t uncheckedFinite = 0;
    GroupPartial flushed;

    // Tree sums: a group's own share needs no fixed lane order, and the flush ends every one of
    // a format's many small blocks.
    void flush()
    {
        using namespace simd;
        flushed.sumX2 += treeSumAsDouble(sx2);
        flushed.sumE2 += treeSumAsDouble(se2);
        flushed.finite += static_cast<std::uint64_t>(treeSumAsDouble(toFloat(asSigned(finite)))) +
                          uncheckedFinite;
        flushed.clipped += static_cast<std::uint64_t>(treeSumAsDouble(toFloat(asSigned(clipped))));
        sx2 = se2 = F{};
        finite = clipped = U{};
        uncheckedFinite = 0;
    }
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
// How a piece runs: Checked (masks, clip counts; else the caller proved nothing can clip and
// every input is finite), Scaled (the sums take R, R′ and e times their units, for tensors of
// tiny or huge magnitude; implies Checked) and Small (a format's many small blocks: the totals'
// lanes run across pieces and each piece keeps lanes of its own share).
template <bool CheckedMode, bool ScaledMode, bool SmallMode> struct PassMode
{
    static constexpr bool kChecked = CheckedMode;
    static constexpr bool kScaled = ScaledMode;
    static constexpr bool kSmall = SmallMode;
    using WithChecks = PassMode<true, ScaledMode, SmallMode>;
};

template <typename Codec, typename F, typename Mode>
[[gnu::always_inline]] inline void
quantizeVectors(const Codec& codec, const KernelContext& ctx, const float* in, std::size_t count,
                std::uint64_t firstIndex, std::size_t offset, BlockBuffers& b,
                std::int32_t* codeDst, float* dequantDst, LaneSums<F>& accumulated,
                GroupLanes<F>& groupLanes)
{
    using namespace simd;
    using I = IntOf<F>;
    using U = UIntOf<F>;
    constexpr int kLanes = kLanesOf<F>;
    constexpr bool Checked = Mode::kChecked;
    std::uint32_t key = 0;
    U laneIndex{};
    if constexpr (Codec::kUsesUniform) {
        key = stochasticKey(ctx.seed, static_cast<std::uint32_t>(firstIndex >> 32));
        for (int lane = 0; lane < kLanes; ++lane) {
            laneIndex[lane] = static_cast<std::uint32_t>(lane);
        }
    }
    const F zero = splat<F>(0.0f);
    const F largest = splat<F>(std::numeric_limits<float>::max());
    const F infinite = splat<F>(std::numeric_limits<float>::infinity());
    const U valueTrash = splat<U>(ctx.valueTrash);
    const U codeTrash = splat<U>(ctx.codeTrash);
    const U errorTrash = splat<U>(ctx.errorTrash);
    const U clippingFirst = splat<U>(ctx.clippingFirst);
    // Local copies: the compiler cannot tell the accumulators and the codec's constants from the
    // outputs the loop stores to, and would reload them on every vector otherwise. A small piece
    // (a format's block of 16 or 32) has too few vectors to pay for copying them in and out.
    using Sums = std::conditional_t<Mode::kSmall, LaneSums<F>&, LaneSums<F>>;
    using Lanes = std::conditional_t<Mode::kSmall, GroupLanes<F>&, GroupLanes<F>>;
    Sums acc = accumulated;
    Lanes group = groupLanes;
    const Codec local = codec;

    for (std::size_t i = 0; i < count; i += kLanes) {
        const std::size_t at = offset + i;
        const F x = load<F>(in + i);
        F u = splat<F>(0.5f);
        if constexpr (Codec::kUsesUniform) {
            u = stochasticUniform(key,
                                  splat<U>(static_cast<std::uint32_t>(firstIndex + i)) + laneIndex);
        }
        const ElementLanes<F> e = local.apply(x, u);
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
        // The sums run on values scaled by the pass's power of two (exact), so that squares of
        // tensors of tiny or huge magnitude neither underflow nor overflow float32.
        F xs = xf;
        F ds = df;
        F es = ef;
        if constexpr (Mode::kScaled) {
            xs = xf * splat<F>(ctx.valueUnit);
            ds = df * splat<F>(ctx.dequantUnit);
            es = ef * splat<F>(ctx.errorUnit);
        }
        const F absE = abs(es);
        const F x2 = xs * xs;
        const F e2 = es * es;
        acc.sx2 += x2;
        acc.se2 += e2;
        acc.sae += absE;
        acc.sxd += xs * ds;
        acc.sd2 += ds * ds;
        if constexpr (Checked && Codec::kMayLoseValues) {
            acc.sxe += lost ? zero : xs * es;
        } else {
            acc.sxe += xs * es;
        }
        acc.maxE = absE > acc.maxE ? absE : acc.maxE;
        if constexpr (Mode::kSmall) {
            group.sx2 += x2;
            group.se2 += e2;
        }

        if constexpr (Checked) {
            const I clipped = finite & (below | above);
            acc.clipTally += asUnsigned(finite & ((below & 1) | (above & 0x10000)));
            acc.finiteAndZero += asUnsigned(finite & ((e.atZero & 0x10000) | 1));
            acc.clippedE2 += (below | above) ? e2 : zero;
            if constexpr (Mode::kSmall) {
                group.finite += ones(finite);
                group.clipped += ones(clipped);
            }
            const U errorBin = (below | above) ? clippingFirst + ctx.clippingBinner.bin(ef)
                                               : ctx.roundingBinner.bin(ef);
            store(b.valueBin.data() + at, finite ? ctx.valueBinner.bin(x) : valueTrash);
            // Code bins are stored times the counters per bin: the first of each (countBlock).
            store(b.codeBin.data() + at, (finite ? e.codeBin : codeTrash) << ctx.codeCopyShift);
            store(b.errorBin.data() + at, finite ? errorBin : errorTrash);
        } else {
            acc.finiteAndZero += asUnsigned(e.atZero & 0x10000);
            store(b.valueBin.data() + at, ctx.valueBinner.bin(x));
            store(b.codeBin.data() + at, e.codeBin << ctx.codeCopyShift);
            store(b.errorBin.data() + at, ctx.roundingBinner.bin(ef));
        }
    }
    acc.vectors += count / kLanes;
    if constexpr (!Checked) {
        acc.uncheckedFinite += count;
        if constexpr (Mode::kSmall) {
            group.uncheckedFinite += count;
        }
    }
    if constexpr (!Mode::kSmall) {
        accumulated = acc;
        groupLanes = group;
    }
}

// One block: whole vectors straight from the input, then the last partial vector from a
// NaN-padded copy (padded lanes count as non-finite and their outputs are never read back).
// `codesOut` / `dequantOut` point at this block's outputs, or are null.
template <typename Codec, typename F, typename Mode>
[[gnu::always_inline]] inline void
quantizeBlock(const Codec& codec, const KernelContext& ctx, const float* in, std::size_t n,
              std::uint64_t firstIndex, BlockBuffers& b, std::int32_t* codesOut, float* dequantOut,
              LaneSums<F>& acc, GroupLanes<F>& group)
{
    constexpr std::size_t kLanes = simd::kLanesOf<F>;
    const std::size_t full = n / kLanes * kLanes;
    quantizeVectors<Codec, F, Mode>(
        codec, ctx, in, full, firstIndex, 0, b, codesOut != nullptr ? codesOut : b.code.data(),
        dequantOut != nullptr ? dequantOut : b.dequant.data(), acc, group);
    if (full < n) {
        alignas(32) float tail[kLanes];
        std::fill(std::begin(tail), std::end(tail), std::numeric_limits<float>::quiet_NaN());
        std::copy(in + full, in + n, tail);
        quantizeVectors<Codec, F, typename Mode::WithChecks>(
            codec, ctx, tail, kLanes, firstIndex + full, full, b, b.code.data() + full,
            b.dequant.data() + full, acc, group);
        if (codesOut != nullptr) {
            std::copy(b.code.data() + full, b.code.data() + n, codesOut + full);
        }
        if (dequantOut != nullptr) {
            std::copy(b.dequant.data() + full, b.dequant.data() + n, dequantOut + full);
        }
    }
}

// Stage 2: the histogram increments, three per element and no branch. Code bins come times the
// counters per bin; with copies, element i counts in copy i mod kCountCopies.
[[gnu::always_inline]] inline void countBlock(const BlockBuffers& b, std::size_t n,
                                              int codeCopyShift, WorkerCounts& counts)
{
    static_assert(kCountCopies == 4, "the loop below is unrolled by four");
    std::uint64_t* __restrict values = counts.values.data();
    std::uint64_t* __restrict codes = counts.codes.data();
    std::uint64_t* __restrict errors = counts.errors.data();
    const std::size_t copy = codeCopyShift == 0 ? 0 : 1; // the step from one copy to the next
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        for (std::size_t k = 0; k < 4; ++k) {
            ++values[b.valueBin[i + k]];
            ++codes[b.codeBin[i + k] + k * copy];
            ++errors[b.errorBin[i + k]];
        }
    }
    for (; i < n; ++i) {
        ++values[b.valueBin[i]];
        ++codes[b.codeBin[i]];
        ++errors[b.errorBin[i]];
    }
}

// One piece. Small pieces share the totals' lanes with their neighbours and keep lanes of their
// own share; a large piece (a channel, a tensor) flushes its totals at its end and takes its
// share from them.
template <typename Codec, typename F, typename Mode>
[[gnu::always_inline]] inline GroupPartial
processPieceAs(const Codec& codec, const KernelContext& ctx, const GroupRun& run,
               const GroupPiece& piece, BlockBuffers& b, LaneSums<F>& acc, ChunkSums& total,
               WorkerCounts& counts)
{
    constexpr std::size_t kLanes = simd::kLanesOf<F>;
    const float* in = run.in + piece.offset;
    const std::size_t n = piece.n;
    std::int32_t* codesOut = run.codesOut != nullptr ? run.codesOut + piece.offset : nullptr;
    float* dequantOut = run.dequantOut != nullptr ? run.dequantOut + piece.offset : nullptr;
    const std::uint64_t firstIndex = run.firstIndex + piece.offset;
    constexpr std::size_t kLaneBlock = simd::kLaneSumBlock<F>;
    GroupLanes<F> group;
    ChunkSums own; // a large piece's totals
    ChunkSums& sums = Mode::kSmall ? total : own;
    for (std::size_t start = 0; start < n; start += kLaneBlock) {
        const std::size_t m = std::min(kLaneBlock, n - start);
        if (acc.vectors + (m + kLanes - 1) / kLanes > simd::kTermsPerLane) {
            acc.flushInto(sums);
            if constexpr (Mode::kSmall) {
                group.flush();
            }
        }
        quantizeBlock<Codec, F, Mode>(codec, ctx, in + start, m, firstIndex + start, b,
                                      codesOut != nullptr ? codesOut + start : nullptr,
                                      dequantOut != nullptr ? dequantOut + start : nullptr, acc,
                                      group);
        countBlock(b, m, ctx.codeCopyShift, counts);
    }
    if constexpr (Mode::kSmall) {
        group.flush();
        return group.flushed;
    } else {
        acc.flushInto(own);
        total.add(own);
        return {own.finite, own.below + own.above, own.sumX2, own.sumE2};
    }
}

// The element kind and its rounding chosen once per run, the sums' scaling and the pieces' size
// once per pass; each piece brings its group's scales and its checks.
struct RunKernel
{
    template <typename F, bool Small, typename Codec>
    [[gnu::always_inline]] static void
    runPieces(const Codec& first, const KernelContext& ctx, const GroupRun& run, ChunkSums& total,
              std::span<GroupPartial> partials, WorkerCounts& counts)
    {
        BlockBuffers b;
        LaneSums<F> acc;
        for (std::size_t i = 0; i < run.pieces.size(); ++i) {
            const GroupPiece& piece = run.pieces[i];
            const Codec codec = first.rebind(*piece.params);
            if (ctx.scaled) {
                partials[i] = processPieceAs<Codec, F, PassMode<true, true, Small>>(
                    codec, ctx, run, piece, b, acc, total, counts);
            } else if (piece.checked) {
                partials[i] = processPieceAs<Codec, F, PassMode<true, false, Small>>(
                    codec, ctx, run, piece, b, acc, total, counts);
            } else {
                partials[i] = processPieceAs<Codec, F, PassMode<false, false, Small>>(
                    codec, ctx, run, piece, b, acc, total, counts);
            }
        }
        acc.flushInto(total);
    }

    template <typename F>
    [[gnu::always_inline]] static void run(const KernelContext& ctx, const GroupRun& run,
                                           ChunkSums& total, std::span<GroupPartial> partials,
                                           WorkerCounts& counts)
    {
        withElementCodec(*run.pieces.front().params, ctx.rounding, ctx.minifloat,
                         [&](const auto& first) __attribute__((always_inline)) {
                             if (run.smallPieces) {
                                 runPieces<F, true>(first, ctx, run, total, partials, counts);
                             } else {
                                 runPieces<F, false>(first, ctx, run, total, partials, counts);
                             }
                         });
    }
};

} // namespace

void processRun(bool avx2, const KernelContext& ctx, const GroupRun& run, ChunkSums& total,
                std::span<GroupPartial> partials, WorkerCounts& counts)
{
    if (run.pieces.empty()) {
        return;
    }
    simd::runOnIsa<RunKernel>(avx2, ctx, run, total, partials, counts);
}

void GroupPartial::add(const GroupPartial& other)
{
    finite += other.finite;
    clipped += other.clipped;
    sumX2 += other.sumX2;
    sumE2 += other.sumE2;
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
