#include "io/dtype_convert.h"

#include <Eigen/Core>

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

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
