#include "io/dtype_convert.h"

#include <Eigen/Core>

#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace qs {
namespace {

template <typename T> T load(const std::byte* p, bool swap)
{
    using Bits = std::conditional_t<
        sizeof(T) == 1, std::uint8_t,
        std::conditional_t<sizeof(T) == 2, std::uint16_t,
                           std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;
    Bits bits;
    std::memcpy(&bits, p, sizeof bits);
    if constexpr (sizeof(T) > 1) {
        if (swap) {
            bits = std::byteswap(bits);
        }
    }
    return std::bit_cast<T>(bits);
}

template <typename T, typename ToFloat>
void convertAll(std::span<const std::byte> src, bool swap, std::span<float> dst, ToFloat toFloat)
{
    const std::size_t n = src.size() / sizeof(T);
    assert(dst.size() >= n);
    for (std::size_t i = 0; i < n; ++i) {
        dst[i] = toFloat(load<T>(src.data() + i * sizeof(T), swap));
    }
}

// The 256 values of an 8-bit float format with `mantissaBits` and exponent bias `bias`, built
// with exact ldexp arithmetic. `e4m3fn` selects OCP E4M3's encoding: no infinities, and only
// S.1111.111 is NaN; otherwise the all-ones exponent holds infinities and NaNs as in IEEE 754.
std::array<float, 256> float8Table(int mantissaBits, int bias, bool e4m3fn)
{
    std::array<float, 256> table{};
    const int mantissaMask = (1 << mantissaBits) - 1;
    const int exponentMax = (0xff >> (mantissaBits + 1));
    for (int bits = 0; bits < 256; ++bits) {
        const bool negative = (bits & 0x80) != 0;
        const int exponent = (bits >> mantissaBits) & exponentMax;
        const int mantissa = bits & mantissaMask;
        float value = 0;
        if (e4m3fn && exponent == exponentMax && mantissa == mantissaMask) {
            value = std::numeric_limits<float>::quiet_NaN();
        } else if (!e4m3fn && exponent == exponentMax) {
            value = mantissa == 0 ? std::numeric_limits<float>::infinity()
                                  : std::numeric_limits<float>::quiet_NaN();
        } else if (exponent == 0) { // subnormal: 0.m × 2^(1 − bias)
            value = std::ldexp(static_cast<float>(mantissa), 1 - bias - mantissaBits);
        } else {
            value = std::ldexp(static_cast<float>(mantissa + (1 << mantissaBits)),
                               exponent - bias - mantissaBits);
        }
        table[static_cast<std::size_t>(bits)] = negative ? -value : value;
    }
    return table;
}

void convertFloat8(std::span<const std::byte> src, const std::array<float, 256>& table,
                   std::span<float> dst)
{
    assert(dst.size() >= src.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
        dst[i] = table[std::to_integer<std::size_t>(src[i])];
    }
}

template <typename T>
void convertAll(std::span<const std::byte> src, bool swap, std::span<float> dst)
{
    convertAll<T>(src, swap, dst, [](T v) { return static_cast<float>(v); });
}

} // namespace

void convertToFloat(std::span<const std::byte> src, Dtype dtype, ByteOrder order,
                    std::span<float> dst)
{
    const bool hostLittle = std::endian::native == std::endian::little;
    const bool swap = (order == ByteOrder::Little) != hostLittle;
    switch (dtype) {
    case Dtype::Float16:
        convertAll<std::uint16_t>(src, swap, dst, [](std::uint16_t bits) {
            return static_cast<float>(Eigen::numext::bit_cast<Eigen::half>(bits));
        });
        break;
    case Dtype::BFloat16:
        convertAll<std::uint16_t>(src, swap, dst, [](std::uint16_t bits) {
            return static_cast<float>(Eigen::numext::bit_cast<Eigen::bfloat16>(bits));
        });
        break;
    case Dtype::Float32:
        convertAll<float>(src, swap, dst);
        break;
    case Dtype::Float64:
        convertAll<double>(src, swap, dst);
        break;
    case Dtype::Int8:
        convertAll<std::int8_t>(src, swap, dst);
        break;
    case Dtype::UInt8:
        convertAll<std::uint8_t>(src, swap, dst);
        break;
    case Dtype::Int16:
        convertAll<std::int16_t>(src, swap, dst);
        break;
    case Dtype::UInt16:
        convertAll<std::uint16_t>(src, swap, dst);
        break;
    case Dtype::Int32:
        convertAll<std::int32_t>(src, swap, dst);
        break;
    case Dtype::UInt32:
        convertAll<std::uint32_t>(src, swap, dst);
        break;
    case Dtype::Int64:
        convertAll<std::int64_t>(src, swap, dst);
        break;
    case Dtype::UInt64:
        convertAll<std::uint64_t>(src, swap, dst);
        break;
    case Dtype::Bool:
        convertAll<std::uint8_t>(src, swap, dst,
                                 [](std::uint8_t v) { return v != 0 ? 1.0f : 0.0f; });
        break;
    case Dtype::Float8E4M3: {
        static const auto table = float8Table(3, 7, true);
        convertFloat8(src, table, dst);
        break;
    }
    case Dtype::Float8E5M2: {
        static const auto table = float8Table(2, 15, false);
        convertFloat8(src, table, dst);
        break;
    }
    }
}

template <typename T> static void storeLittle(std::span<const T> src, std::span<std::byte> dst)
{
    static_assert(sizeof(T) == 4);
    assert(dst.size() >= src.size() * 4);
    for (std::size_t i = 0; i < src.size(); ++i) {
        auto bits = std::bit_cast<std::uint32_t>(src[i]);
        if constexpr (std::endian::native == std::endian::big) {
            bits = std::byteswap(bits);
        }
        std::memcpy(dst.data() + i * 4, &bits, 4);
    }
}

void storeLittleEndian(std::span<const float> src, std::span<std::byte> dst)
{
    storeLittle(src, dst);
}

void storeLittleEndian(std::span<const std::int32_t> src, std::span<std::byte> dst)
{
    storeLittle(src, dst);
}

} // namespace qs
