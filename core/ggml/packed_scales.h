#pragma once
// The packed sub-block scale fields of ggml's k-quants and IQ4_XS, read as ggml's dequantizers
// read them. The codecs decode through these, and so does ggml/block_scales.h, which shows the
// stored codes themselves.
//
//   Q4_K, Q5_K  12 bytes for eight 6-bit scale codes and eight 6-bit minimum codes
//   Q3_K        12 bytes for sixteen 6-bit codes, each the sub-block's scale + 32
//   IQ4_XS      a u16 of high bits and 4 bytes of low nibbles for eight 6-bit codes (scale + 32)

#include "ggml/ggml_scalars.h"

#include <cstddef>
#include <cstdint>

namespace qs::ggml {

struct ScaleMinCodes
{
    unsigned scale = 0;
    unsigned minimum = 0;
};

// Q4_K / Q5_K: sub-blocks 0..3 keep their 6-bit codes whole in bytes 0..7; sub-blocks 4..7 have
// their low nibbles in bytes 8..11 and their top two bits in the top bits of bytes 0..7.
inline ScaleMinCodes unpackScaleMinCodes(const std::uint8_t* bytes, std::size_t j)
{
    const unsigned low = bytes[j + 4];
    if (j < 4) {
        return {bytes[j] & 63u, low & 63u};
    }
    const unsigned scaleTop = bytes[j - 4] >> 6u;
    const unsigned minimumTop = bytes[j] >> 6u;
    return {(low & 0xFu) | (scaleTop << 4u), (low >> 4u) | (minimumTop << 4u)};
}

// Q3_K: low nibbles in bytes 0–7 (sub-blocks 8–15 in the high halves), the two high bits of
// sub-block j in byte 8 + j % 4 at bit 2·(j / 4). The code as stored, 0..63 (scale + 32).
inline unsigned unpackQ3ScaleCode(const std::byte* scales, std::size_t j)
{
    const auto low = static_cast<unsigned>(scales[j % 8]) >> (j < 8 ? 0 : 4);
    const auto high = static_cast<unsigned>(scales[8 + j % 4]) >> (2 * (j / 4));
    return (low & 0xfu) | ((high & 3u) << 4);
}

// IQ4_XS: after the fp16 d, the u16 scales_h (bits 2·ib, 2·ib + 1) and four bytes scales_l (two
// sub-blocks a byte, the even one low). The code as stored, 0..63 (scale + 32).
inline unsigned unpackIq4XsScaleCode(const std::byte* block, std::size_t ib)
{
    constexpr std::size_t kHighAt = 2;
    constexpr std::size_t kLowAt = 4;
    const auto low = std::to_integer<unsigned>(block[kLowAt + ib / 2]) >> (4 * (ib % 2));
    const unsigned high = static_cast<unsigned>(loadU16(block + kHighAt)) >> (2 * ib);
    return (low & 0xfu) | ((high & 3u) << 4);
}

} // namespace qs::ggml
