#include "mitigate/side_moments.h"

#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"

#include <limits>
#include <vector>

namespace qs {
namespace {

// Σ (x − mean)⁴ over one chunk.
struct FourthMomentKernel
{
    template <typename F>
    [[gnu::always_inline]] static double run(std::span<const float> values, float mean)
    {
        constexpr auto lanes = static_cast<std::size_t>(simd::kLanesOf<F>);
        const F center = simd::splat<F>(mean);
        double total = 0;
        std::size_t i = 0;
        while (i + lanes <= values.size()) {
            F block = simd::splat<F>(0.0F);
            const std::size_t end =
                std::min(values.size() - values.size() % lanes, i + simd::kLaneSumBlock<F>);
            for (; i < end; i += lanes) {
                const F d = simd::load<F>(values.data() + i) - center;
                const F d2 = d * d;
                block += d2 * d2;
            }
            total += simd::treeSumAsDouble(block);
        }
        for (; i < values.size(); ++i) {
            const double d = static_cast<double>(values[i]) - mean;
            total += d * d * d * d;
        }
        return total;
    }
};

} // namespace

SideMoments sideMoments(std::span<const float> values, unsigned threads)
{
    SideMoments out;
    out.stats = computeStats(values, {threads, {}});
    if (values.empty()) {
        return out;
    }
    const TensorStats& s = out.stats;
    const auto count = static_cast<double>(values.size());
    out.energy = count * (s.std * s.std + s.mean * s.mean);

    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    std::vector<double> parts(plan.chunks());
    const bool avx2 = simd::useAvx2();
    const auto mean = static_cast<float>(s.mean);
    forEachChunk(
        plan, resolveThreadCount(values.size(), threads), [&](unsigned, std::size_t chunk) {
            parts[chunk] = simd::runOnIsa<FourthMomentKernel>(
                avx2, values.subspan(plan.begin(chunk), plan.end(chunk) - plan.begin(chunk)), mean);
        });
    double m4 = 0;
    for (const double part : parts) {
        m4 += part;
    }
    m4 /= count;
    const double m2 = s.std * s.std;
    out.kurtosis = m2 > 0 ? m4 / (m2 * m2) : std::numeric_limits<double>::quiet_NaN();
    return out;
}

} // namespace qs
