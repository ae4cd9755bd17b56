#include "ggml/fp4_quants.h"

#include "ggml/level_tables.h"

#include <bit>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace qs::ggml {
namespace {

constexpr std::size_t kMxBlockValues = 32;
constexpr std::size_t kMxBlockBytes = 17; // E8M0 exponent, 16 bytes of nibbles
constexpr std::size_t kNvBlockValues = 64;
constexpr std::size_t kNvSubValues = 16;
constexpr std::size_t kNvSubBlocks = kNvBlockValues / kNvSubValues;
constexpr std::size_t kNvBlockBytes = 36; // four UE4M3 scales, then 32 bytes of nibbles

// E2M1's largest value, 6, is 12 in ggml's doubled table: MXFP4's exponent aims amax at 2^2·d.
constexpr int kE2m1MaxExponent = 2;
constexpr int kE8m0Bias = 127;

float level(std::size_t code)
{
    return static_cast<float>(kE2m1DoubledLevels[code]);
}

// floorf(log2f(amax)) without depending on the platform's log2f: log2 in double, rounded once to
// float32, then floored. This equals glibc's floorf(log2f(x)) on every positive float32 (checked
// exhaustively). The float32 rounding matters: just below a power of two 2^k (|k| ≥ 2) log2 rounds
// up to k, so ggml's exponent is one higher than the exact floor there.
int floorLog2AsGgml(float amax)
{
    const auto rounded = static_cast<float>(std::log2(static_cast<double>(amax)));
    return static_cast<int>(std::floor(rounded));
}

// ggml's E8M0 exponent of a block: floorf(log2f(amax)) − 2 + 127 cast to uint8_t, 0 for amax 0.
// The cast of a value outside 0..255 is what x86 does with it: the low byte of the int32
// conversion (amax < 2^−125 wraps to 0xE8..0xFF; +∞ converts to INT32_MIN, low byte 0).
std::uint8_t mxExponent(float amax)
{
    if (!(amax > 0)) {
        return 0;
    }
    if (std::isinf(amax)) {
        return 0;
    }
    const int biased = floorLog2AsGgml(amax) - kE2m1MaxExponent + kE8m0Bias;
    return static_cast<std::uint8_t>(static_cast<unsigned>(biased) & 0xffu);
}

// ggml's own float32 → UE4M3 conversion (ggml_fp32_to_ue4m3), not an RNE cast: inputs above 448
// are clamped to it, the mantissa is cut to three bits and rounded half up on the fourth, exponent
// 15 is always 0x7E (448), and the subnormal range rounds x·2^9 half up but stops at mantissa 7
// (so [7.5, 8)·2^−9 does not reach the normal 2^−6). Zero, negatives and NaN give 0.
std::uint8_t toUe4m3(float x)
{
    constexpr std::uint8_t kLargest = 0x7e;
    if (!(x > 0.0f)) {
        return 0;
    }
    x = std::fmin(x, 448.0f);
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    int exponent = static_cast<int>((bits >> 23) & 0xffu) - 127 + 7;
    if (exponent <= 0) {
        // Truncating x·2^9 + ½ is ggml's half-up rounding, kept on purpose.
        const int mantissa =
            static_cast<int>(x * 512.0f + 0.5f); // NOLINT(bugprone-incorrect-roundings)
        return static_cast<std::uint8_t>(mantissa > 7 ? 7 : mantissa);
    }
    if (exponent >= 15) {
        return kLargest;
    }
    int mantissa = static_cast<int>((bits >> 20) & 0x7u) + static_cast<int>((bits >> 19) & 1u);
    if (mantissa > 7) {
        mantissa = 0;
        if (++exponent >= 15) {
            return kLargest;
        }
    }
    return static_cast<std::uint8_t>((exponent << 3) | mantissa);
}

// The code whose level·d is nearest to x, by ggml's rule: |level·d − x| evaluated in float32 for
// the 16 codes in table order, the first strict minimum kept. So a tie goes to the smaller
// magnitude, +0 wins over −0, and a NaN (or a value no level approaches) gets code 0.
std::uint8_t nearestCode(float x, float d)
{
    std::uint8_t best = 0;
    float bestError = std::fabs(level(0) * d - x);
    for (std::size_t code = 1; code < kE2m1DoubledLevels.size(); ++code) {
        const float error = std::fabs(level(code) * d - x);
        if (error < bestError) {
            best = static_cast<std::uint8_t>(code);
            bestError = error;
        }
    }
    return best;
}

// The largest |x|; NaNs never win the comparison, as in ggml.
float absMax(std::span<const float> x)
{
    float amax = 0;
    for (const float v : x) {
        if (amax < std::fabs(v)) {
            amax = std::fabs(v);
        }
    }
    return amax;
}

// Both types put value j of a run in the low nibble of byte j and value j + run/2 in its high one.
void packCodes(std::span<const float> x, float d, std::byte* out)
{
    const std::size_t half = x.size() / 2;
    for (std::size_t j = 0; j < half; ++j) {
        const auto low = nearestCode(x[j], d);
        const auto high = nearestCode(x[j + half], d);
        out[j] = static_cast<std::byte>(low | (high << 4));
    }
}

void unpackCodes(const std::byte* in, std::span<std::int32_t> codes)
{
    const std::size_t half = codes.size() / 2;
    for (std::size_t j = 0; j < half; ++j) {
        const auto byte = std::to_integer<std::int32_t>(in[j]);
        codes[j] = byte & 0xf;
        codes[j + half] = byte >> 4;
    }
}

} // namespace

// ggml's GGML_E8M0_TO_FP32_HALF: 2^(e − 128), the E8M0 value halved to undo the doubled table.
// e = 0 and 1 are float32 subnormals.
float e8m0Half(std::uint8_t e)
{
    const std::uint32_t bits =
        e < 2 ? (0x00200000u << e) : (static_cast<std::uint32_t>(e) - 1) << 23;
    return std::bit_cast<float>(bits);
}

// ggml's ggml_ue4m3_to_fp32: the UE4M3 value (bias 7, no sign; 0x7F read as 0) halved, as above.
// The top bit is ignored, as ggml ignores it.
float ue4m3Half(std::uint8_t code)
{
    if (code == 0 || code == 0x7f) {
        return 0.0f;
    }
    const int exponent = (code >> 3) & 0xf;
    const int mantissa = code & 0x7;
    const float raw = exponent == 0
                          ? std::ldexp(static_cast<float>(mantissa), -9)
                          : std::ldexp(1.0f + static_cast<float>(mantissa) / 8.0f, exponent - 7);
    return raw * 0.5f;
}

void quantizeMxfp4(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance)
{
    // ggml's quantize_mxfp4 ignores an importance matrix.
    static_cast<void>(importance);
    const std::size_t blocks = row.size() / kMxBlockValues;
    assert(row.size() % kMxBlockValues == 0 && out.size() == blocks * kMxBlockBytes);
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto x = row.subspan(b * kMxBlockValues, kMxBlockValues);
        std::byte* block = out.data() + b * kMxBlockBytes;
        const std::uint8_t e = mxExponent(absMax(x));
        block[0] = static_cast<std::byte>(e);
        packCodes(x, e8m0Half(e), block + 1);
    }
}

void decodeMxfp4(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kMxBlockBytes;
    assert(blocks.size() % kMxBlockBytes == 0);
    assert(codes.size() == count * kMxBlockValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kMxBlockBytes;
        grids[b] = SubBlockGrid{e8m0Half(std::to_integer<std::uint8_t>(block[0])), 0.0f};
        unpackCodes(block + 1, codes.subspan(b * kMxBlockValues, kMxBlockValues));
    }
}

void quantizeNvfp4(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance)
{
    // ggml's quantize_nvfp4 ignores an importance matrix, and has no per-tensor scale.
    static_cast<void>(importance);
    const std::size_t blocks = row.size() / kNvBlockValues;
    assert(row.size() % kNvBlockValues == 0 && out.size() == blocks * kNvBlockBytes);
    for (std::size_t b = 0; b < blocks; ++b) {
        std::byte* block = out.data() + b * kNvBlockBytes;
        for (std::size_t s = 0; s < kNvSubBlocks; ++s) {
            const auto x = row.subspan(b * kNvBlockValues + s * kNvSubValues, kNvSubValues);
            // amax/6 puts the sub-block's largest value on E2M1's 6.
            const std::uint8_t scale = toUe4m3(absMax(x) / 6.0f);
            block[s] = static_cast<std::byte>(scale);
            packCodes(x, ue4m3Half(scale), block + kNvSubBlocks + s * (kNvSubValues / 2));
        }
    }
}

void decodeNvfp4(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kNvBlockBytes;
    assert(blocks.size() % kNvBlockBytes == 0);
    assert(codes.size() == count * kNvBlockValues && grids.size() == count * kNvSubBlocks);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kNvBlockBytes;
        for (std::size_t s = 0; s < kNvSubBlocks; ++s) {
            const std::size_t sub = b * kNvSubBlocks + s;
            grids[sub] = SubBlockGrid{ue4m3Half(std::to_integer<std::uint8_t>(block[s])), 0.0f};
            unpackCodes(block + kNvSubBlocks + s * (kNvSubValues / 2),
                        codes.subspan(sub * kNvSubValues, kNvSubValues));
        }
    }
}

} // namespace qs::ggml
