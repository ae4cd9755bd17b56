#pragma once
// The scalar steps ggml's block types are built from, as ggml's reference C code performs them on
// a build without fused multiply-add (every step one float32 operation):
//   fp16        IEEE binary16, float32 → fp16 rounding to nearest even (NaN → 0x7E00 | sign)
//   nearestInt  round half to even, for |x| ≤ 2^22 (ggml asserts that range)
//   little-endian loads and stores of the block fields

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace qs::ggml {

inline std::uint16_t floatToFp16Bits(float value)
{
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
    const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    const std::uint32_t magnitude = bits & 0x7fffffffu;
    if (magnitude > 0x7f800000u) {
        return sign | 0x7e00u; // NaN
    }
    if (magnitude >= 0x477ff000u) {
        return sign | 0x7c00u; // 65520 and beyond round to infinity
    }
    if (magnitude < 0x38800000u) {
        // Below fp16's smallest normal 2^−14: the subnormal's integer mantissa is |x|·2^24,
        // which float32 holds exactly; nearbyint rounds it to even (0x400 is the smallest normal).
        const float scaled = std::bit_cast<float>(magnitude) * 16777216.0f;
        return sign | static_cast<std::uint16_t>(std::nearbyint(scaled));
    }
    // Rebias the exponent (127 → 15) and round the 23-bit mantissa to 10 bits, ties to even; a
    // carry out of the mantissa moves into the exponent, as it should.
    const std::uint32_t rounded = magnitude + 0xfffu + ((magnitude >> 13) & 1u);
    return sign | static_cast<std::uint16_t>((rounded - 0x38000000u) >> 13);
}

inline float fp16BitsToFloat(std::uint16_t half)
{
    const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
    const std::uint32_t exponent = (half >> 10) & 0x1fu;
    const std::uint32_t mantissa = half & 0x3ffu;
    if (exponent == 0) {
        // ±0 and subnormals: mantissa · 2^−24, exact in float32
        const float magnitude = static_cast<float>(mantissa) * 5.9604644775390625e-08f;
        return std::bit_cast<float>(std::bit_cast<std::uint32_t>(magnitude) | sign);
    }
    if (exponent == 31) {
        return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    }
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

// float32 → fp16 → float32: the value a block stores.
inline float throughFp16(float value)
{
    return fp16BitsToFloat(floatToFp16Bits(value));
}

// ggml's nearest_int: ties to even (the float32 sum with 1.5·2^23 rounds so).
inline int nearestInt(float value)
{
    return static_cast<int>(std::nearbyint(value));
}

inline std::uint16_t loadU16(const std::byte* at)
{
    std::uint16_t v;
    std::memcpy(&v, at, sizeof v);
    if constexpr (std::endian::native == std::endian::big) {
        v = std::byteswap(v);
    }
    return v;
}

inline std::uint32_t loadU32(const std::byte* at)
{
    std::uint32_t v;
    std::memcpy(&v, at, sizeof v);
    if constexpr (std::endian::native == std::endian::big) {
        v = std::byteswap(v);
    }
    return v;
}

inline void storeU16(std::byte* at, std::uint16_t v)
{
    if constexpr (std::endian::native == std::endian::big) {
        v = std::byteswap(v);
    }
    std::memcpy(at, &v, sizeof v);
}

inline void storeU32(std::byte* at, std::uint32_t v)
{
    if constexpr (std::endian::native == std::endian::big) {
        v = std::byteswap(v);
    }
    std::memcpy(at, &v, sizeof v);
}

} // namespace qs::ggml
