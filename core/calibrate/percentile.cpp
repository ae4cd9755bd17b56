#include "calibrate/percentile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

double percentileInPlace(std::vector<float>& values, double p)
{
    if (values.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double position =
        (static_cast<double>(values.size()) - 1.0) * std::clamp(p, 0.0, 100.0) / 100.0;
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(lower);
    std::nth_element(values.begin(), at, values.end());
    const double low = *at;
    if (lower + 1 >= values.size()) {
        return low;
    }
    // The next order statistic is the smallest of the upper part nth_element left behind.
    const double high = *std::min_element(at + 1, values.end());
    return low + (position - static_cast<double>(lower)) * (high - low);
}

RealRange percentileRange(std::span<const float> values, double p, bool symmetric)
{
    std::vector<float> finite;
    finite.reserve(values.size());
    for (const float x : values) {
        if (std::isfinite(x)) {
            finite.push_back(symmetric ? std::fabs(x) : x);
        }
    }
    if (symmetric) {
        const double t = percentileInPlace(finite, p);
        return {-t, t};
    }
    std::vector<float> copy = finite;
    return {percentileInPlace(copy, 100.0 - p), percentileInPlace(finite, p)};
}

} // namespace qs
