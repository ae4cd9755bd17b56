#include "analysis/walkthrough.h"

#include <algorithm>

namespace qs {

std::vector<WalkthroughRow> walkthrough(std::span<const float> values, const QuantParams& params,
                                        Rounding rounding, std::uint64_t roundingSeed,
                                        std::size_t first, std::size_t count)
{
    std::vector<WalkthroughRow> rows;
    const std::size_t begin = std::min(first, values.size());
    const std::size_t end = begin + std::min(count, values.size() - begin);
    for (std::size_t i = begin; i < end; ++i) {
        const float u =
            stochasticUniform(stochasticKey(roundingSeed, static_cast<std::uint32_t>(i >> 32)),
                              static_cast<std::uint32_t>(i));
        const QuantizedElement q = quantizeElement(params, rounding, values[i], u);
        rows.push_back({i, values[i], q.scaled, q.rounded, q.clipped, q.code, q.dequantized,
                        q.dequantized - values[i], q.clip});
    }
    return rows;
}

} // namespace qs
