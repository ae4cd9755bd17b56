#include "tensor/tensor_stats.h"

#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

// Partial moments of one chunk, taken about a shift K (the chunk's first finite value) so that
// Σ(x−K)² does not cancel catastrophically when the mean is large against the spread.
struct ChunkMoments
{
    std::size_t finite = 0;
    std::size_t nan = 0;
    std::size_t zeros = 0;
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
    double shift = 0;
    double sum = 0;   // Σ(x−K)
    double sumSq = 0; // Σ(x−K)²
};

// One chunk in SIMD lanes of F, branch-free. Sums run in float32 within blocks of kBlock values
// (at most 64 terms per lane) and in double across blocks.
template <typename F>
[[gnu::always_inline]] inline ChunkMoments chunkMomentsWith(std::span<const float> values)
{
    using namespace simd;
    using U = UIntOf<F>;
    constexpr int kLanes = kLanesOf<F>;
    ChunkMoments m;
    std::size_t first = 0;
    while (first < values.size() && !std::isfinite(values[first])) {
        m.nan += std::isnan(values[first]) ? 1 : 0;
        ++first;
    }
    if (first == values.size()) {
        return m;
    }
    m.shift = values[first];
    const F shift = splat<F>(values[first]);
    const F largest = splat<F>(std::numeric_limits<float>::max());
    F lo = shift;
    F hi = shift;
    U finite{};
    U nan{};
    U zeros{};
    const F zero{};

    constexpr std::size_t kBlock = 256;
    const float* data = values.data() + first;
    const std::size_t n = values.size() - first;
    // Padding lanes hold +Inf: neither finite nor NaN, so they change no count or sum.
    alignas(32) float tail[kLanes];
    std::fill(std::begin(tail), std::end(tail), std::numeric_limits<float>::infinity());
    const std::size_t full = n / kLanes * kLanes;
    std::copy(data + full, data + n, tail);

    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t end = std::min(n, start + kBlock);
        F sum{};
        F sumSq{};
        for (std::size_t i = start; i < end; i += kLanes) {
            const F x = load<F>(i < full ? data + i : tail);
            const auto isFinite = abs(x) <= largest;
            const F xf = isFinite ? x : shift;
            const F d = xf - shift;
            sum += d;
            sumSq += d * d;
            lo = xf < lo ? xf : lo;
            hi = xf > hi ? xf : hi;
            finite += ones(isFinite);
            nan += ones(x != x); // NOLINT(misc-redundant-expression): NaN test
            zeros += ones(x == zero);
        }
        m.sum += sumLanesAsDouble(sum);
        m.sumSq += sumLanesAsDouble(sumSq);
    }
    m.finite = sumLanesAsCount(finite);
    m.nan += sumLanesAsCount(nan);
    m.zeros = sumLanesAsCount(zeros);
    m.min = minLanes(lo);
    m.max = maxLanes(hi);
    return m;
}

// As the fused pass: 8 lanes on AVX2 machines, 4 on the portable baseline.
struct MomentsKernel
{
    template <typename F>
    [[gnu::always_inline]] static ChunkMoments run(std::span<const float> values)
    {
        return chunkMomentsWith<F>(values);
    }
};

// Chan et al.'s pairwise combination of (count, mean, M2).
struct Running
{
    double n = 0;
    double mean = 0;
    double m2 = 0;

    void add(const ChunkMoments& c)
    {
        if (c.finite == 0) {
            return;
        }
        const double nb = static_cast<double>(c.finite);
        const double meanB = c.shift + c.sum / nb;
        const double m2B = std::max(0.0, c.sumSq - c.sum * c.sum / nb);
        const double delta = meanB - mean;
        const double total = n + nb;
        mean += delta * nb / total;
        m2 += m2B + delta * delta * n * nb / total;
        n = total;
    }
};

} // namespace

TensorStats computeStats(std::span<const float> values, const StatsOptions& options)
{
    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    std::vector<ChunkMoments> parts(plan.chunks());
    const bool avx2 = simd::useAvx2(options.isa);
    const bool finished = forEachChunk(
        plan, resolveThreadCount(values.size(), options.threads),
        [&](unsigned, std::size_t chunk) {
            const auto part =
                values.subspan(plan.begin(chunk), plan.end(chunk) - plan.begin(chunk));
            parts[chunk] = simd::runOnIsa<MomentsKernel>(avx2, part);
        },
        options.progress);
    TensorStats stats;
    if (!finished) {
        return stats;
    }

    stats.count = values.size();
    float lo = std::numeric_limits<float>::infinity();
    float hi = -std::numeric_limits<float>::infinity();
    Running running;
    for (const ChunkMoments& part : parts) {
        stats.finiteCount += part.finite;
        stats.nanCount += part.nan;
        stats.zeroCount += part.zeros;
        lo = std::min(lo, part.min);
        hi = std::max(hi, part.max);
        running.add(part);
    }
    stats.infCount = stats.count - stats.finiteCount - stats.nanCount;
    if (stats.finiteCount == 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        stats.min = stats.max = stats.mean = stats.std = stats.absMax = nan;
        return stats;
    }
    stats.min = lo;
    stats.max = hi;
    stats.absMax = std::max(std::fabs(stats.min), std::fabs(stats.max));
    stats.mean = running.mean;
    stats.std = std::sqrt(running.m2 / running.n);
    return stats;
}

TensorStats combineStats(const TensorStats& a, const TensorStats& b)
{
    if (a.finiteCount == 0 || b.finiteCount == 0) {
        TensorStats out = a.finiteCount == 0 ? b : a;
        const TensorStats& other = a.finiteCount == 0 ? a : b;
        out.count += other.count;
        out.nanCount += other.nanCount;
        out.infCount += other.infCount;
        out.zeroCount += other.zeroCount;
        return out;
    }
    TensorStats out;
    out.count = a.count + b.count;
    out.finiteCount = a.finiteCount + b.finiteCount;
    out.nanCount = a.nanCount + b.nanCount;
    out.infCount = a.infCount + b.infCount;
    out.zeroCount = a.zeroCount + b.zeroCount;
    out.min = std::min(a.min, b.min);
    out.max = std::max(a.max, b.max);
    out.absMax = std::max(a.absMax, b.absMax);
    const auto na = static_cast<double>(a.finiteCount);
    const auto nb = static_cast<double>(b.finiteCount);
    const double n = na + nb;
    const double delta = b.mean - a.mean;
    out.mean = a.mean + delta * nb / n;
    const double m2 = a.std * a.std * na + b.std * b.std * nb + delta * delta * na * nb / n;
    out.std = std::sqrt(m2 / n);
    return out;
}

} // namespace qs
