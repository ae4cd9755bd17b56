// ggml's ternary block types TQ1_0 and TQ2_0 (BitNet b1.58 / TriLM): 256 values under one fp16
// d = the block's largest magnitude, each value rounded to −1, 0 or 1 times d (code = that + 1).
//
// TQ1_0 (54 bytes): 48 bytes of five codes each, then 4 bytes of four codes each, then d. A byte
//   holds its codes as a base-3 number t (first code most significant, the 4-code bytes shifted up
//   one trit) stored as ceil(t·256/243), so that code n is the top byte of (byte·3^n mod 256)·3.
//   Bytes 0..31 hold values m + 32n (n = 0..4), bytes 32..47 values 160 + m + 16n, and the four
//   last bytes values 240 + j + 4n (n = 0..3).
// TQ2_0 (66 bytes): 64 bytes of four 2-bit codes, then d; in each run of 128 values, byte m holds
//   values m + 32n in bits 2n, 2n + 1.
//
// Neither ggml quantizer has a search, and both ignore importance weights; so do these.

#include "ggml/ternary_quants.h"

#include "ggml/ggml_scalars.h"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>

namespace qs::ggml {
namespace {

constexpr std::size_t kValues = 256;
constexpr std::size_t kTq1Bytes = 54;
constexpr std::size_t kTq2Bytes = 66;
constexpr std::size_t kTq1FiveTritBytes = 48;
constexpr std::size_t kTq1FourTritBytes = 4;

// MAX(amax, |v|) as ggml's macro has it: a NaN replaces amax until the next value replaces it.
float largestMagnitude(std::span<const float> block)
{
    float amax = 0.0f;
    for (const float v : block) {
        amax = amax > std::fabs(v) ? amax : std::fabs(v);
    }
    return amax;
}

// ggml's code is lroundf(x·(1/d)) + 1 (ties away from zero), of which only the low byte ever
// reaches the block. glibc's lroundf returns LONG_MIN for NaN, infinities and values beyond the
// long range, which gives code 1; x·(1/d) is such a value when 1/d overflows (d below 2^−128, a
// block of subnormals) or the input is not finite.
std::uint8_t ternaryCode(float scaled)
{
    if (!(std::fabs(scaled) < 9223372036854775808.0f)) {
        return 1;
    }
    return static_cast<std::uint8_t>(std::llround(scaled) + 1);
}

// The reciprocal comes from the float32 d, as in ggml (a zero block keeps id = 0).
float reciprocal(float d)
{
    return d != 0.0f ? 1.0f / d : 0.0f;
}

// `count` codes of values start, start + stride, ... as a base-3 number, first most significant,
// then (with `pad`) one zero trit, stored as the byte whose multiples by powers of 3 expose each
// trit.
std::uint8_t packTrits(std::span<const float> block, std::size_t start, std::size_t stride,
                       std::size_t count, bool pad, float id)
{
    std::uint8_t t = 0;
    for (std::size_t n = 0; n < count; ++n) {
        t = static_cast<std::uint8_t>(t * 3 + ternaryCode(block[start + n * stride] * id));
    }
    if (pad) {
        t = static_cast<std::uint8_t>(t * 3);
    }
    // ceil(t·256 / 243): 243 = 3^5
    return static_cast<std::uint8_t>((static_cast<unsigned>(t) * 256u + 242u) / 243u);
}

void quantizeTq1Block(std::span<const float> block, std::byte* at)
{
    const float d = largestMagnitude(block);
    const float id = reciprocal(d);
    for (std::size_t m = 0; m < 32; ++m) {
        at[m] = static_cast<std::byte>(packTrits(block, m, 32, 5, false, id));
    }
    for (std::size_t m = 0; m < 16; ++m) {
        at[32 + m] = static_cast<std::byte>(packTrits(block, 160 + m, 16, 5, false, id));
    }
    for (std::size_t j = 0; j < kTq1FourTritBytes; ++j) {
        at[kTq1FiveTritBytes + j] =
            static_cast<std::byte>(packTrits(block, 240 + j, 4, 4, true, id));
    }
    storeU16(at + kTq1FiveTritBytes + kTq1FourTritBytes, floatToFp16Bits(d));
}

// Trit n of a stored TQ1_0 byte: (byte·3^n mod 256)·3 / 256, always 0..2.
std::int32_t storedTrit(std::byte stored, unsigned power)
{
    const auto shifted = static_cast<std::uint8_t>(std::to_integer<unsigned>(stored) * power);
    return static_cast<std::int32_t>((static_cast<unsigned>(shifted) * 3u) >> 8);
}

void decodeTq1Block(const std::byte* at, std::span<std::int32_t> codes)
{
    constexpr std::array<unsigned, 5> kPow3{1, 3, 9, 27, 81};
    for (std::size_t n = 0; n < 5; ++n) {
        for (std::size_t m = 0; m < 32; ++m) {
            codes[m + 32 * n] = storedTrit(at[m], kPow3[n]);
        }
        for (std::size_t m = 0; m < 16; ++m) {
            codes[160 + m + 16 * n] = storedTrit(at[32 + m], kPow3[n]);
        }
    }
    for (std::size_t n = 0; n < 4; ++n) {
        for (std::size_t j = 0; j < kTq1FourTritBytes; ++j) {
            codes[240 + j + 4 * n] = storedTrit(at[kTq1FiveTritBytes + j], kPow3[n]);
        }
    }
}

void quantizeTq2Block(std::span<const float> block, std::byte* at)
{
    const float d = largestMagnitude(block);
    const float id = reciprocal(d);
    for (std::size_t run = 0; run < kValues; run += 128) {
        for (std::size_t m = 0; m < 32; ++m) {
            unsigned packed = 0;
            for (unsigned n = 0; n < 4; ++n) {
                packed += (ternaryCode(block[run + m + 32 * n] * id) & 3u) << (2 * n);
            }
            at[run / 4 + m] = static_cast<std::byte>(packed);
        }
    }
    storeU16(at + 64, floatToFp16Bits(d));
}

template <typename PerBlock>
void quantizeRowOf(std::span<const float> row, std::span<std::byte> out, std::size_t blockBytes,
                   PerBlock perBlock)
{
    assert(row.size() % kValues == 0 && out.size() == row.size() / kValues * blockBytes);
    for (std::size_t b = 0; b < row.size() / kValues; ++b) {
        perBlock(row.subspan(b * kValues, kValues), out.data() + b * blockBytes);
    }
}

} // namespace

void quantizeTq1_0(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> /*importance: ggml ignores it*/)
{
    quantizeRowOf(row, out, kTq1Bytes, quantizeTq1Block);
}

void decodeTq1_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kTq1Bytes;
    assert(blocks.size() == count * kTq1Bytes);
    assert(codes.size() == count * kValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* at = blocks.data() + b * kTq1Bytes;
        decodeTq1Block(at, codes.subspan(b * kValues, kValues));
        grids[b] = {fp16BitsToFloat(loadU16(at + kTq1FiveTritBytes + kTq1FourTritBytes)), 0.0f};
    }
}

void quantizeTq2_0(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> /*importance: ggml ignores it*/)
{
    quantizeRowOf(row, out, kTq2Bytes, quantizeTq2Block);
}

// The 2-bit field 3 never comes from ggml's quantizer, but ggml's dequantizer reads it as
// (3 − 1)·d = +2·d, so it is passed on as code 3: a TQ2_0 level table needs that fourth level.
void decodeTq2_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kTq2Bytes;
    assert(blocks.size() == count * kTq2Bytes);
    assert(codes.size() == count * kValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* at = blocks.data() + b * kTq2Bytes;
        std::int32_t* out = codes.data() + b * kValues;
        for (std::size_t run = 0; run < kValues; run += 128) {
            for (std::size_t n = 0; n < 4; ++n) {
                for (std::size_t m = 0; m < 32; ++m) {
                    const auto byte = std::to_integer<unsigned>(at[run / 4 + m]);
                    out[run + 32 * n + m] = static_cast<std::int32_t>((byte >> (2 * n)) & 3u);
                }
            }
        }
        grids[b] = {fp16BitsToFloat(loadU16(at + 64)), 0.0f};
    }
}

} // namespace qs::ggml
