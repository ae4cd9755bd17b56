#include "quant/quantization_error.h"

#include "common/parallel_chunks.h"
#include "common/simd.h"
#include "quant/element_quantizer.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <vector>

namespace qs {
namespace {

constexpr std::size_t kBlock = 256; // float32 lane sums within a block, double across blocks

template <Rounding Mode, typename F>
[[gnu::always_inline]] inline void errorOfBlock(const ElementQuantizer& eq, const float* in,
                                                std::size_t n, std::uint32_t key,
                                                std::uint32_t firstLow, ErrorSums& sums)
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
    F sx2{}, se2{}, sc2{};
    U count{}, clipped{};
    alignas(32) float tail[kLanes];
    for (std::size_t i = 0; i < n; i += kLanes) {
        const float* at = in + i;
        if (i + kLanes > n) {
            std::fill(std::begin(tail), std::end(tail), std::numeric_limits<float>::quiet_NaN());
            std::copy(in + i, in + n, tail);
            at = tail;
        }
        const F x = load<F>(at);
        F u = splat<F>(0.5f);
        if constexpr (Mode == Rounding::Stochastic) {
            u = stochasticUniform(key,
                                  splat<U>(firstLow + static_cast<std::uint32_t>(i)) + laneIndex);
        }
        const F r = eq.settle(roundBounded<Mode>(eq.bounded(x), u));
        const I finite = abs(x) <= largest;
        const I out = (r < splat<F>(eq.qmin)) | (r > splat<F>(eq.qmax));
        const F xf = finite ? x : zero;
        const F e = finite ? eq.dequantize(eq.clip(r)) - x : zero;
        sx2 += xf * xf;
        se2 += e * e;
        sc2 += (finite & out) ? e * e : zero;
        count += ones(finite);
        clipped += ones(finite & out);
    }
    sums.sumX2 += sumLanesAsDouble(sx2);
    sums.sumE2 += sumLanesAsDouble(se2);
    sums.sumE2Clipped += sumLanesAsDouble(sc2);
    sums.count += sumLanesAsCount(count);
    sums.clipped += sumLanesAsCount(clipped);
}

template <typename F>
[[gnu::always_inline]] inline ErrorSums errorWith(std::span<const float> values,
                                                  const QuantParams& params, Rounding rounding,
                                                  std::uint64_t seed, std::uint64_t firstIndex)
{
    const ElementQuantizer eq(params);
    ErrorSums sums;
    for (std::size_t start = 0; start < values.size(); start += kBlock) {
        const std::size_t n = std::min(kBlock, values.size() - start);
        const std::uint64_t index = firstIndex + start;
        const std::uint32_t key = stochasticKey(seed, static_cast<std::uint32_t>(index >> 32));
        const auto low = static_cast<std::uint32_t>(index);
        const float* in = values.data() + start;
        switch (rounding) {
        case Rounding::HalfEven:
            errorOfBlock<Rounding::HalfEven, F>(eq, in, n, key, low, sums);
            break;
        case Rounding::HalfAwayFromZero:
            errorOfBlock<Rounding::HalfAwayFromZero, F>(eq, in, n, key, low, sums);
            break;
        case Rounding::HalfUp:
            errorOfBlock<Rounding::HalfUp, F>(eq, in, n, key, low, sums);
            break;
        case Rounding::Floor:
            errorOfBlock<Rounding::Floor, F>(eq, in, n, key, low, sums);
            break;
        case Rounding::Stochastic:
            errorOfBlock<Rounding::Stochastic, F>(eq, in, n, key, low, sums);
            break;
        }
    }
    return sums;
}

#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2")]]
#endif
ErrorSums
errorAvx2(std::span<const float> values, const QuantParams& params, Rounding rounding,
          std::uint64_t seed, std::uint64_t firstIndex)
{
    return errorWith<simd::Float8>(values, params, rounding, seed, firstIndex);
}

ErrorSums errorBaseline(std::span<const float> values, const QuantParams& params, Rounding rounding,
                        std::uint64_t seed, std::uint64_t firstIndex)
{
    return errorWith<simd::Float4>(values, params, rounding, seed, firstIndex);
}

} // namespace

ErrorSums quantizationError(std::span<const float> values, const QuantParams& params,
                            Rounding rounding, std::uint64_t roundingSeed, std::uint64_t firstIndex,
                            unsigned threads)
{
    const auto run = simd::useAvx2() ? errorAvx2 : errorBaseline;
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
        sums.sumX2 += s.sumX2;
        sums.sumE2 += s.sumE2;
        sums.sumE2Clipped += s.sumE2Clipped;
    }
    return sums;
}

} // namespace qs
