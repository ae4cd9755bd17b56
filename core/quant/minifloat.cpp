#include "quant/minifloat.h"

#include <cmath>

namespace qs {

std::uint32_t MinifloatType::maxFiniteCode() const
{
    const std::uint32_t allOnes = signBit() - 1;
    switch (specials) {
    case MinifloatSpecials::NanOnly:
        return allOnes - 1; // S.1111.110: only the all-ones code is NaN
    case MinifloatSpecials::InfAndNan:
        return allOnes - (1u << mantissaBits); // the largest code below the all-ones exponent
    case MinifloatSpecials::None:
        break;
    }
    return allOnes;
}

int MinifloatType::maxExponent() const
{
    const std::uint32_t code = maxFiniteCode();
    return static_cast<int>(code >> mantissaBits) - bias;
}

float MinifloatType::minNormal() const
{
    return simd::powerOfTwo(minExponent());
}

float MinifloatType::minSubnormal() const
{
    return simd::powerOfTwo(minExponent() - mantissaBits);
}

std::uint32_t MinifloatType::nanCode() const
{
    switch (specials) {
    case MinifloatSpecials::NanOnly:
        return signBit() - 1;
    case MinifloatSpecials::InfAndNan:
        // The quiet NaN with the top mantissa bit set (0x7E for E5M2), as ml_dtypes writes it.
        return signBit() - 1 - ((1u << mantissaBits) - 1) + (1u << (mantissaBits - 1));
    case MinifloatSpecials::None:
        break;
    }
    return 0;
}

std::uint32_t MinifloatType::infinityCode() const
{
    return hasInfinity() ? signBit() - (1u << mantissaBits) : 0;
}

bool MinifloatType::isNanCode(std::uint32_t code) const
{
    const std::uint32_t magnitude = code & (signBit() - 1);
    switch (specials) {
    case MinifloatSpecials::NanOnly:
        return magnitude == signBit() - 1;
    case MinifloatSpecials::InfAndNan:
        return magnitude > infinityCode();
    case MinifloatSpecials::None:
        break;
    }
    return false;
}

bool MinifloatType::isInfinityCode(std::uint32_t code) const
{
    return hasInfinity() && (code & (signBit() - 1)) == infinityCode();
}

float MinifloatType::decode(std::uint32_t code) const
{
    const bool negative = (code & signBit()) != 0;
    const float sign = negative ? -1.0f : 1.0f;
    if (isNanCode(code)) {
        return std::copysign(std::numeric_limits<float>::quiet_NaN(), sign);
    }
    if (isInfinityCode(code)) {
        return sign * std::numeric_limits<float>::infinity();
    }
    const std::uint32_t magnitude = code & (signBit() - 1);
    const auto exponent = static_cast<int>(magnitude >> mantissaBits);
    const auto mantissa = static_cast<int>(magnitude & ((1u << mantissaBits) - 1));
    // Exact: a small integer times a power of two.
    const float value = exponent == 0 ? static_cast<float>(mantissa) *
                                            simd::powerOfTwo(minExponent() - mantissaBits)
                                      : static_cast<float>((1 << mantissaBits) + mantissa) *
                                            simd::powerOfTwo(exponent - bias - mantissaBits);
    return std::copysign(value, sign);
}

std::string_view minifloatName(const MinifloatType& type)
{
    if (type == kE4M3) {
        return "e4m3";
    }
    if (type == kE5M2) {
        return "e5m2";
    }
    if (type == kE2M3) {
        return "e2m3";
    }
    if (type == kE3M2) {
        return "e3m2";
    }
    return "e2m1";
}

MinifloatCodec::MinifloatCodec(const MinifloatType& type, Overflow overflow, bool negativeZero)
    : mantissaBits(type.mantissaBits), minExponent(type.minExponent()),
      signShift(type.exponentBits + type.mantissaBits),
      maxFiniteCode(static_cast<std::int32_t>(type.maxFiniteCode())),
      nanCode(static_cast<std::int32_t>(type.nanCode())), maxFinite(type.maxFinite()),
      nanValue(type.hasNan() ? std::numeric_limits<float>::quiet_NaN() : 0.0f),
      clampHigh(simd::powerOfTwo(type.maxExponent() + 2)), negativeZero(negativeZero)
{
    // Without saturation E4M3 overflows to NaN and E5M2 to Inf; FP6/FP4 have neither.
    const bool saturate = overflow == Overflow::Saturate || !type.hasNan();
    if (saturate) {
        overflowCode = maxFiniteCode;
        overflowValue = maxFinite;
    } else if (type.hasInfinity()) {
        overflowCode = static_cast<std::int32_t>(type.infinityCode());
        overflowValue = std::numeric_limits<float>::infinity();
    } else {
        overflowCode = nanCode;
        overflowValue = std::numeric_limits<float>::quiet_NaN();
    }
}

} // namespace qs
