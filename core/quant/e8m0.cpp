#include "quant/e8m0.h"

#include "common/simd.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace qs {

std::uint8_t mxScaleFloor(float amax, int elementMaxExponent)
{
    if (!std::isfinite(amax)) {
        return kE8M0Nan;
    }
    const auto bits = std::bit_cast<std::uint32_t>(std::fabs(amax));
    const int biased = static_cast<int>(bits >> 23);
    const int p = biased == 0 ? -127 : biased - 127; // zero and subnormals: −127
    return static_cast<std::uint8_t>(std::clamp(p - elementMaxExponent, -127, 127) + 127);
}

std::uint8_t mxScaleRceil(float amax, float elementMaxValue)
{
    if (!std::isfinite(amax)) {
        return kE8M0Nan;
    }
    const float v = std::fabs(amax) * (1.0f / elementMaxValue);
    const auto bits = std::bit_cast<std::uint32_t>(v);
    const auto biased = static_cast<int>(bits >> 23);
    const bool mantissa = (bits & 0x7fffffu) != 0;
    return static_cast<std::uint8_t>(std::min(biased + (mantissa ? 1 : 0), 254));
}

float e8m0Value(std::uint8_t code)
{
    if (code == kE8M0Nan) {
        return std::numeric_limits<float>::quiet_NaN();
    }
    return simd::powerOfTwo(static_cast<int>(code) - 127);
}

} // namespace qs
