#include "quant/quantization_error.h"

#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"
#include "quant/element_codecs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <type_traits>
#include <vector>

namespace qs {
namespace {

// 2^−floor(log2) of the magnitude the grid covers: the scale of the sums (undone at the end).
int sumExponent(const QuantParams& params)
{
    const double reach = std::max(std::fabs(params.clipMin), std::fabs(params.clipMax));
    if (!(reach > 0) || !std::isfinite(reach)) {
        return 0;
    }
    return std::clamp(std::ilogb(reach), -126, 127);
}

// Checked: any input may be NaN/Inf or clip. Unchecked: every input is finite and inside, so
// the masks are all false and are left out (the sums are the same).
template <typename Codec, typename F, bool Checked = true>
[[gnu::always_inline]] inline void errorOfBlock(const Codec& codec, const float* in, std::size_t n,
                                                std::uint32_t key, std::uint32_t firstLow,
                                                float unit, ErrorSums& sums)
{
    using namespace simd;
    using I = IntOf<F>;
    using U = UIntOf<F>;
    constexpr int kLanes = kLanesOf<F>;
    U laneIndex{};
    for (int lane = 0; lane < kLanes; ++lane) {
        laneIndex[lane] = static_cast<std::uint32_t>(lane);
    }
    const F zero{};
    const F largest = splat<F>(std::numeric_limits<float>::max());
    const F infinite = splat<F>(std::numeric_limits<float>::infinity());
    F sx2{}, se2{}, sc2{};
    U count{}, clipped{}, atZero{};
    alignas(32) float tail[kLanes];
    for (std::size_t i = 0; i < n; i += kLanes) {
        const float* at = in + i;
        if (i + kLanes > n) {
            // Checked, NaN padding is not finite and changes no sum; unchecked, the padding
            // repeats a value of the run (inside the grid) and its lanes are masked out below.
            std::fill(std::begin(tail), std::end(tail),
                      Checked ? std::numeric_limits<float>::quiet_NaN() : in[0]);
            std::copy(in + i, in + n, tail);
            at = tail;
        }
        const F x = load<F>(at);
        F u = splat<F>(0.5f);
        if constexpr (Codec::kUsesUniform) {
            u = stochasticUniform(key,
                                  splat<U>(firstLow + static_cast<std::uint32_t>(i)) + laneIndex);
        }
        const ElementLanes<F> q = codec.apply(x, u);
        if constexpr (!Checked) {
            F xs = x * splat<F>(unit);
            F es = (q.dequantized - x) * splat<F>(unit);
            I onZero = q.atZero;
            if (at == tail) [[unlikely]] {
                const I real = asSigned(laneIndex) < splat<I>(static_cast<std::int32_t>(n - i));
                xs = real ? xs : zero;
                es = real ? es : zero;
                onZero &= real;
            }
            sx2 += xs * xs;
            se2 += es * es;
            atZero += ones(onZero);
            continue;
        }
        const I finite = abs(x) <= largest;
        I out = q.below | q.above;
        const F xf = finite ? x : zero;
        F e = finite ? q.dequantized - x : zero;
        if constexpr (Codec::kMayLoseValues) {
            // A finite value whose R′ is NaN or Inf: clipped, with an infinite error.
            const I lost = finite & !(abs(q.dequantized) <= largest);
            out |= lost;
            e = lost ? infinite : e;
        }
        // Squares of values scaled by a power of two (exact): no underflow or overflow for
        // tensors of tiny or huge magnitude.
        const F xs = xf * splat<F>(unit);
        const F es = e * splat<F>(unit);
        sx2 += xs * xs;
        se2 += es * es;
        sc2 += (finite & out) ? es * es : zero;
        count += ones(finite);
        clipped += ones(finite & out);
        atZero += ones(finite & q.atZero);
    }
    if constexpr (!Checked) {
        sums.count += n;
    }
    sums.sumX2 += sumLanesAsDouble(sx2);
    sums.sumE2 += sumLanesAsDouble(se2);
    sums.sumE2Clipped += sumLanesAsDouble(sc2);
    sums.count += sumLanesAsCount(count);
    sums.clipped += sumLanesAsCount(clipped);
    sums.atZero += sumLanesAsCount(atZero);
}

// Float32 lane sums within blocks of simd::kLaneSumBlock<F> values (the bound is in
// simd_dispatch.h), double across blocks; the rounding mode chosen once, outside the loops.
template <bool Checked> struct ErrorKernel
{
    template <typename F>
    [[gnu::always_inline]] static ErrorSums run(std::span<const float> values,
                                                const QuantParams& params, Rounding rounding,
                                                std::uint64_t seed, std::uint64_t firstIndex)
    {
        constexpr std::size_t kBlock = simd::kLaneSumBlock<F>;
        const MinifloatCodec minifloat = minifloatCodecFor(params.element);
        const float unit = simd::powerOfTwo(-sumExponent(params));
        return withElementCodec(
            params, rounding, minifloat, [&](const auto& codec) __attribute__((always_inline)) {
                using Codec = std::decay_t<decltype(codec)>;
                ErrorSums sums;
                for (std::size_t start = 0; start < values.size(); start += kBlock) {
                    const std::size_t n = std::min(kBlock, values.size() - start);
                    const std::uint64_t index = firstIndex + start;
                    const std::uint32_t key =
                        stochasticKey(seed, static_cast<std::uint32_t>(index >> 32));
                    errorOfBlock<Codec, F, Checked>(codec, values.data() + start, n, key,
                                                    static_cast<std::uint32_t>(index), unit, sums);
                }
                const double square = std::ldexp(1.0, 2 * sumExponent(params));
                sums.sumX2 *= square;
                sums.sumE2 *= square;
                sums.sumE2Clipped *= square;
                return sums;
            });
    }
};

} // namespace

ErrorSums quantizationError(std::span<const float> values, const QuantParams& params,
                            Rounding rounding, std::uint64_t roundingSeed, std::uint64_t firstIndex,
                            unsigned threads)
{
    const bool avx2 = simd::useAvx2();
    const auto run = [avx2](std::span<const float> part, const QuantParams& p, Rounding mode,
                            std::uint64_t seed, std::uint64_t first) {
        return simd::runOnIsa<ErrorKernel<true>>(avx2, part, p, mode, seed, first);
    };
    // Fixed chunks merged in order: the same sums for any thread count.
    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    if (plan.chunks() <= 1) {
        return run(values, params, rounding, roundingSeed, firstIndex);
    }
    std::vector<ErrorSums> slots(plan.chunks());
    forEachChunk(plan, resolveThreadCount(values.size(), threads),
                 [&](unsigned, std::size_t chunk) {
                     const std::size_t begin = plan.begin(chunk);
                     slots[chunk] = run(values.subspan(begin, plan.end(chunk) - begin), params,
                                        rounding, roundingSeed, firstIndex + begin);
                 });
    ErrorSums sums;
    for (const ErrorSums& s : slots) {
        sums.count += s.count;
        sums.clipped += s.clipped;
        sums.atZero += s.atZero;
        sums.sumX2 += s.sumX2;
        sums.sumE2 += s.sumE2;
        sums.sumE2Clipped += s.sumE2Clipped;
    }
    return sums;
}

bool mayClip(const QuantParams& params, RealRange extremes, Rounding rounding)
{
    // u = 0 rounds any fraction up, u just below 1 rounds it down.
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

ErrorSums insideQuantizationError(std::span<const float> values, const QuantParams& params,
                                  Rounding rounding)
{
    return simd::runOnIsa<ErrorKernel<false>>(simd::useAvx2(), values, params, rounding, 0, 0);
}

} // namespace qs
