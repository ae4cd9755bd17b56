// ggml's k-quants with a stored minimum: Q2_K (16 sub-blocks of 16, 4-bit scale and minimum
// codes), Q4_K and Q5_K (8 sub-blocks of 32, 6-bit scale and minimum codes packed into 12 bytes).
// Every sub-block first gets codes, a scale and a minimum from ggml's search; the super-block
// then quantizes those scales and minima under fp16 d and dmin, and the codes are found again
// on the grid that was actually stored.

#include "ggml/ggml_scalars.h"
#include "ggml/k_quant_search_min.h"
#include "ggml/k_quants.h"
#include "ggml/packed_scales.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace qs::ggml {
namespace {

constexpr std::size_t kSuperBlock = 256;
constexpr std::size_t kQ2KBytes = 84;
constexpr std::size_t kQ4KBytes = 144;
constexpr std::size_t kQ5KBytes = 176;
constexpr std::size_t kPackedScaleBytes = 12;

// The sweeps ggml's reference quantizers (no importance) run per sub-block: Q2_K weighs values
// by |x| and absolute error, Q4_K / Q5_K by rms + |x| and squared error.
constexpr MinSearchSweep kQ2KPlainSweep{3, -0.5f, 0.1f, 15, true};
constexpr MinSearchSweep kQ4KPlainSweep{15, -1.0f, 0.1f, 20, false};
constexpr MinSearchSweep kQ5KPlainSweep{31, -0.5f, 0.1f, 15, false};

// The finer sweep of ggml's importance-matrix path, the same for all three types.
constexpr MinSearchSweep importanceSweep(int levelMax)
{
    return {levelMax, -0.9f, 0.05f, 36, false};
}

float squareSum(std::span<const float> values)
{
    float sum = 0;
    for (const float value : values) {
        sum += value * value;
    }
    return sum;
}

float plainSum(std::span<const float> values)
{
    float sum = 0;
    for (const float value : values) {
        sum += value;
    }
    return sum;
}

// Importance weights as ggml forms them: the matrix's weight times the value's rms-like size.
void importanceWeights(std::span<const float> values, std::span<const float> importance,
                       float sigma2, std::span<float> weights)
{
    for (std::size_t i = 0; i < values.size(); ++i) {
        weights[i] = importance[i] * std::sqrt(sigma2 + values[i] * values[i]);
    }
}

// The codes of one sub-block on the stored grid (step = fp16 d · scale code, minimum = fp16
// dmin · minimum code). ggml skips a sub-block whose step is 0, which keeps the search's codes.
void requantize(std::span<const float> values, float step, float minimum, int levelMax,
                std::span<std::uint8_t> codes)
{
    if (step == 0.0f) {
        return;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int code = roundToInt((values[i] + minimum) / step);
        codes[i] = static_cast<std::uint8_t>(std::clamp(code, 0, levelMax));
    }
}

// ggml subtracts dmin·m from scale·code, so the grid's offset is −(dmin·m). Negating a NaN
// (dmin overflowed to infinity, times a minimum code of 0) would flip its sign bit, where the
// subtraction in ggml's dequantizer passes that NaN through unchanged: a NaN stays as it is.
float offsetOf(float subtracted)
{
    return std::isnan(subtracted) ? subtracted : -subtracted;
}

// ---- Q4_K / Q5_K: eight sub-blocks of 32 under 6-bit scale and minimum codes

struct MinSuperBlock
{
    std::array<std::uint8_t, kSuperBlock> codes{};
    std::array<std::uint8_t, kPackedScaleBytes> scaleBytes{};
    std::uint16_t d = 0;
    std::uint16_t dmin = 0;
};

// Sub-blocks 0..3 keep their 6-bit codes whole in bytes 0..7; sub-blocks 4..7 put their low
// nibbles in bytes 8..11 and their top two bits in the spare top bits of bytes 0..7. The byte
// arithmetic is ggml's, so codes above 63 (ggml's Q4_K importance path does not cap) spill alike.
void packScaleCodes(std::span<const std::uint8_t, 8> scales, std::span<const std::uint8_t, 8> mins,
                    std::span<std::uint8_t, kPackedScaleBytes> bytes)
{
    for (std::size_t j = 0; j < 8; ++j) {
        if (j < 4) {
            bytes[j] = scales[j];
            bytes[j + 4] = mins[j];
            continue;
        }
        bytes[j + 4] = static_cast<std::uint8_t>((scales[j] & 0xF) | ((mins[j] & 0xF) << 4));
        bytes[j - 4] = static_cast<std::uint8_t>(bytes[j - 4] | ((scales[j] >> 4) << 6));
        bytes[j] = static_cast<std::uint8_t>(bytes[j] | ((mins[j] >> 4) << 6));
    }
}

// ggml's reference path: each sub-block searched on its own, then the scales and minima put on
// 0..63 against the largest of each.
void fitPlain32(std::span<const float> x, const MinSearchSweep& sweep, MinSuperBlock& block)
{
    std::array<float, 8> scales{};
    std::array<float, 8> minima{};
    float maxScale = 0;
    float maxMinimum = 0;
    std::array<float, 32> weights{};
    for (std::size_t j = 0; j < 8; ++j) {
        const auto values = x.subspan(32 * j, 32);
        const float rms = std::sqrt(squareSum(values) / 32.0f);
        for (std::size_t l = 0; l < 32; ++l) {
            weights[l] = rms + std::fabs(values[l]);
        }
        const ScaleAndMin fit =
            searchScaleAndMin(values, weights, sweep, std::span(block.codes).subspan(32 * j, 32));
        scales[j] = fit.scale;
        minima[j] = fit.minimum;
        maxScale = fit.scale > maxScale ? fit.scale : maxScale;
        maxMinimum = fit.minimum > maxMinimum ? fit.minimum : maxMinimum;
    }
    const float toScaleCode = maxScale > 0 ? 63.0f / maxScale : 0.0f;
    const float toMinimumCode = maxMinimum > 0 ? 63.0f / maxMinimum : 0.0f;
    std::array<std::uint8_t, 8> scaleCodes{};
    std::array<std::uint8_t, 8> minimumCodes{};
    for (std::size_t j = 0; j < 8; ++j) {
        // ggml keeps the rounded code in a byte before capping it at 63.
        const auto ls = static_cast<std::uint8_t>(roundToInt(toScaleCode * scales[j]));
        const auto lm = static_cast<std::uint8_t>(roundToInt(toMinimumCode * minima[j]));
        scaleCodes[j] = std::min<std::uint8_t>(63, ls);
        minimumCodes[j] = std::min<std::uint8_t>(63, lm);
    }
    packScaleCodes(scaleCodes, minimumCodes, block.scaleBytes);
    block.d = floatToFp16Bits(maxScale / 63.0f);
    block.dmin = floatToFp16Bits(maxMinimum / 63.0f);
}

// ggml's importance path: weights from the matrix, the finer sweep, then the scales and minima
// fitted to 0..63 by weighted least squares (weights: each sub-block's weight sum).
void fitWeighted32(std::span<const float> x, std::span<const float> importance, int levelMax,
                   bool capScaleCodes, MinSuperBlock& block)
{
    const float sigma2 = 2.0f * squareSum(x) / static_cast<float>(kSuperBlock);
    std::array<float, 8> scales{};
    std::array<float, 8> minima{};
    std::array<float, 8> weightSums{};
    std::array<float, 32> weights{};
    for (std::size_t j = 0; j < 8; ++j) {
        const auto values = x.subspan(32 * j, 32);
        importanceWeights(values, importance.subspan(32 * j, 32), sigma2, weights);
        weightSums[j] = plainSum(weights);
        const ScaleAndMin fit = searchScaleAndMin(values, weights, importanceSweep(levelMax),
                                                  std::span(block.codes).subspan(32 * j, 32));
        scales[j] = fit.scale;
        minima[j] = fit.minimum;
    }
    std::array<std::uint8_t, 8> scaleCodes{};
    std::array<std::uint8_t, 8> minimumCodes{};
    const float d = fitScaleCodes(scales, weightSums, 63, scaleCodes);
    const float dmin = fitScaleCodes(minima, weightSums, 63, minimumCodes);
    if (capScaleCodes) { // Q5_K caps the codes at 63, Q4_K packs them as they are
        for (std::size_t j = 0; j < 8; ++j) {
            scaleCodes[j] = std::min<std::uint8_t>(63, scaleCodes[j]);
            minimumCodes[j] = std::min<std::uint8_t>(63, minimumCodes[j]);
        }
    }
    packScaleCodes(scaleCodes, minimumCodes, block.scaleBytes);
    block.d = floatToFp16Bits(d);
    block.dmin = floatToFp16Bits(dmin);
}

void requantize32(std::span<const float> x, int levelMax, MinSuperBlock& block)
{
    const float d = fp16BitsToFloat(block.d);
    const float dmin = fp16BitsToFloat(block.dmin);
    for (std::size_t j = 0; j < 8; ++j) {
        const ScaleMinCodes sm = unpackScaleMinCodes(block.scaleBytes.data(), j);
        requantize(x.subspan(32 * j, 32), d * static_cast<float>(sm.scale),
                   dmin * static_cast<float>(sm.minimum), levelMax,
                   std::span(block.codes).subspan(32 * j, 32));
    }
}

MinSuperBlock quantizeMin32(std::span<const float> x, std::span<const float> importance,
                            const MinSearchSweep& plainSweep, bool capScaleCodes)
{
    MinSuperBlock block;
    if (importance.empty()) {
        fitPlain32(x, plainSweep, block);
    } else {
        fitWeighted32(x, importance, plainSweep.levelMax, capScaleCodes, block);
    }
    requantize32(x, plainSweep.levelMax, block);
    return block;
}

// Common head of both layouts: d, dmin, the 12 scale bytes.
void storeMinHeader(const MinSuperBlock& block, std::byte* out)
{
    storeU16(out, block.d);
    storeU16(out + 2, block.dmin);
    for (std::size_t i = 0; i < kPackedScaleBytes; ++i) {
        out[4 + i] = static_cast<std::byte>(block.scaleBytes[i]);
    }
}

// The grids of eight sub-blocks of 32 from a Q4_K / Q5_K header.
void decodeMinGrids(const std::byte* block, std::span<SubBlockGrid> grids)
{
    const float d = fp16BitsToFloat(loadU16(block));
    const float dmin = fp16BitsToFloat(loadU16(block + 2));
    std::array<std::uint8_t, kPackedScaleBytes> bytes{};
    for (std::size_t i = 0; i < kPackedScaleBytes; ++i) {
        bytes[i] = std::to_integer<std::uint8_t>(block[4 + i]);
    }
    for (std::size_t j = 0; j < 8; ++j) {
        const ScaleMinCodes sm = unpackScaleMinCodes(bytes.data(), j);
        grids[j].scale = d * static_cast<float>(sm.scale);
        grids[j].offset = offsetOf(dmin * static_cast<float>(sm.minimum));
    }
}

// ---- Q2_K: sixteen sub-blocks of 16 under 4-bit scale and minimum codes

struct Q2Block
{
    std::array<std::uint8_t, kSuperBlock> codes{};
    std::array<std::uint8_t, 16> scaleBytes{}; // scale code low nibble, minimum code high
    std::uint16_t d = 0;
    std::uint16_t dmin = 0;
};

void fitPlainQ2(std::span<const float> x, Q2Block& block)
{
    std::array<float, 16> scales{};
    std::array<float, 16> minima{};
    float maxScale = 0;
    float maxMinimum = 0;
    std::array<float, 16> weights{};
    for (std::size_t j = 0; j < 16; ++j) {
        const auto values = x.subspan(16 * j, 16);
        for (std::size_t l = 0; l < 16; ++l) {
            weights[l] = std::fabs(values[l]);
        }
        const ScaleAndMin fit = searchScaleAndMin(values, weights, kQ2KPlainSweep,
                                                  std::span(block.codes).subspan(16 * j, 16));
        scales[j] = fit.scale;
        minima[j] = fit.minimum;
        maxScale = fit.scale > maxScale ? fit.scale : maxScale;
        maxMinimum = fit.minimum > maxMinimum ? fit.minimum : maxMinimum;
    }
    // The codes are not capped at 15; ggml keeps their low byte (and ORs the minimum's in).
    if (maxScale > 0) {
        const float toCode = 15.0f / maxScale;
        for (std::size_t j = 0; j < 16; ++j) {
            block.scaleBytes[j] = static_cast<std::uint8_t>(roundToInt(toCode * scales[j]));
        }
    }
    block.d = floatToFp16Bits(maxScale > 0 ? maxScale / 15.0f : 0.0f);
    if (maxMinimum > 0) {
        const float toCode = 15.0f / maxMinimum;
        for (std::size_t j = 0; j < 16; ++j) {
            const auto code = static_cast<unsigned>(roundToInt(toCode * minima[j]));
            block.scaleBytes[j] = static_cast<std::uint8_t>(block.scaleBytes[j] | (code << 4));
        }
    }
    block.dmin = floatToFp16Bits(maxMinimum > 0 ? maxMinimum / 15.0f : 0.0f);
}

void fitWeightedQ2(std::span<const float> x, std::span<const float> importance, Q2Block& block)
{
    // Unlike Q4_K / Q5_K, Q2_K's σ² is the plain mean square.
    const float sigma2 = squareSum(x) / static_cast<float>(kSuperBlock);
    std::array<float, 16> scales{};
    std::array<float, 16> minima{};
    std::array<float, 16> weightSums{};
    std::array<float, 16> weights{};
    for (std::size_t j = 0; j < 16; ++j) {
        const auto values = x.subspan(16 * j, 16);
        importanceWeights(values, importance.subspan(16 * j, 16), sigma2, weights);
        weightSums[j] = plainSum(weights);
        const ScaleAndMin fit = searchScaleAndMin(values, weights, importanceSweep(3),
                                                  std::span(block.codes).subspan(16 * j, 16));
        scales[j] = fit.scale;
        minima[j] = fit.minimum;
    }
    std::array<std::uint8_t, 16> scaleCodes{};
    std::array<std::uint8_t, 16> minimumCodes{};
    block.d = floatToFp16Bits(fitScaleCodes(scales, weightSums, 15, scaleCodes));
    block.dmin = floatToFp16Bits(fitScaleCodes(minima, weightSums, 15, minimumCodes));
    for (std::size_t j = 0; j < 16; ++j) {
        block.scaleBytes[j] = static_cast<std::uint8_t>(scaleCodes[j] | (minimumCodes[j] << 4));
    }
}

void requantizeQ2(std::span<const float> x, Q2Block& block)
{
    const float d = fp16BitsToFloat(block.d);
    const float dmin = fp16BitsToFloat(block.dmin);
    for (std::size_t j = 0; j < 16; ++j) {
        const unsigned sc = block.scaleBytes[j];
        requantize(x.subspan(16 * j, 16), d * static_cast<float>(sc & 0xFu),
                   dmin * static_cast<float>(sc >> 4), 3,
                   std::span(block.codes).subspan(16 * j, 16));
    }
}

// Layout: 16 scale bytes, 64 bytes of 2-bit codes (byte l of each 32-byte half holds values
// l, l+32, l+64, l+96 of its 128 from the low bits up), fp16 d, fp16 dmin.
void storeQ2(const Q2Block& block, std::byte* out)
{
    for (std::size_t j = 0; j < 16; ++j) {
        out[j] = static_cast<std::byte>(block.scaleBytes[j]);
    }
    for (std::size_t half = 0; half < 2; ++half) {
        const std::uint8_t* c = block.codes.data() + 128 * half;
        for (std::size_t l = 0; l < 32; ++l) {
            const unsigned packed = c[l] | (c[l + 32] << 2) | (c[l + 64] << 4) | (c[l + 96] << 6);
            out[16 + 32 * half + l] = static_cast<std::byte>(packed);
        }
    }
    storeU16(out + 80, block.d);
    storeU16(out + 82, block.dmin);
}

} // namespace

void quantizeQ2K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance)
{
    assert(row.size() % kSuperBlock == 0);
    assert(out.size() == row.size() / kSuperBlock * kQ2KBytes);
    assert(importance.empty() || importance.size() == row.size());
    for (std::size_t b = 0; b < row.size() / kSuperBlock; ++b) {
        const auto x = row.subspan(b * kSuperBlock, kSuperBlock);
        Q2Block block;
        if (importance.empty()) {
            fitPlainQ2(x, block);
        } else {
            fitWeightedQ2(x, importance.subspan(b * kSuperBlock, kSuperBlock), block);
        }
        requantizeQ2(x, block);
        storeQ2(block, out.data() + b * kQ2KBytes);
    }
}

void decodeQ2K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids)
{
    assert(blocks.size() % kQ2KBytes == 0);
    const std::size_t count = blocks.size() / kQ2KBytes;
    assert(codes.size() == count * kSuperBlock && grids.size() == count * 16);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kQ2KBytes;
        const float d = fp16BitsToFloat(loadU16(block + 80));
        const float dmin = fp16BitsToFloat(loadU16(block + 82));
        for (std::size_t j = 0; j < 16; ++j) {
            const auto sc = std::to_integer<unsigned>(block[j]);
            grids[16 * b + j] = {d * static_cast<float>(sc & 0xFu),
                                 offsetOf(dmin * static_cast<float>(sc >> 4))};
        }
        for (std::size_t v = 0; v < kSuperBlock; ++v) {
            // value v: half v/128, bit pair (v%128)/32, byte v%32 of that half's 32
            const auto byte = std::to_integer<unsigned>(block[16 + 32 * (v / 128) + v % 32]);
            codes[kSuperBlock * b + v] =
                static_cast<std::int32_t>((byte >> (2 * (v % 128 / 32))) & 3u);
        }
    }
}

void quantizeQ4K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance)
{
    assert(row.size() % kSuperBlock == 0);
    assert(out.size() == row.size() / kSuperBlock * kQ4KBytes);
    assert(importance.empty() || importance.size() == row.size());
    for (std::size_t b = 0; b < row.size() / kSuperBlock; ++b) {
        const auto weights =
            importance.empty() ? importance : importance.subspan(b * kSuperBlock, kSuperBlock);
        const MinSuperBlock block = quantizeMin32(row.subspan(b * kSuperBlock, kSuperBlock),
                                                  weights, kQ4KPlainSweep, false);
        std::byte* dst = out.data() + b * kQ4KBytes;
        storeMinHeader(block, dst);
        // four 32-byte runs: the low nibbles hold values 64g..64g+31, the high ones the next 32
        for (std::size_t g = 0; g < 4; ++g) {
            for (std::size_t l = 0; l < 32; ++l) {
                const unsigned packed =
                    block.codes[64 * g + l] | (block.codes[64 * g + 32 + l] << 4);
                dst[16 + 32 * g + l] = static_cast<std::byte>(packed);
            }
        }
    }
}

void decodeQ4K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids)
{
    assert(blocks.size() % kQ4KBytes == 0);
    const std::size_t count = blocks.size() / kQ4KBytes;
    assert(codes.size() == count * kSuperBlock && grids.size() == count * 8);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kQ4KBytes;
        decodeMinGrids(block, grids.subspan(8 * b, 8));
        for (std::size_t v = 0; v < kSuperBlock; ++v) {
            const auto byte = std::to_integer<unsigned>(block[16 + 32 * (v / 64) + v % 32]);
            codes[kSuperBlock * b + v] =
                static_cast<std::int32_t>((byte >> (4 * (v % 64 / 32))) & 0xFu);
        }
    }
}

void quantizeQ5K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance)
{
    assert(row.size() % kSuperBlock == 0);
    assert(out.size() == row.size() / kSuperBlock * kQ5KBytes);
    assert(importance.empty() || importance.size() == row.size());
    for (std::size_t b = 0; b < row.size() / kSuperBlock; ++b) {
        const auto weights =
            importance.empty() ? importance : importance.subspan(b * kSuperBlock, kSuperBlock);
        const MinSuperBlock block =
            quantizeMin32(row.subspan(b * kSuperBlock, kSuperBlock), weights, kQ5KPlainSweep, true);
        std::byte* dst = out.data() + b * kQ5KBytes;
        storeMinHeader(block, dst);
        // Q4_K's nibbles at byte 48, and bit 4 of value 64g+l (64g+32+l) as bit 2g (2g+1) of
        // byte 16 + l
        std::array<unsigned, 32> high{};
        for (std::size_t g = 0; g < 4; ++g) {
            for (std::size_t l = 0; l < 32; ++l) {
                const unsigned low = block.codes[64 * g + l];
                const unsigned upper = block.codes[64 * g + 32 + l];
                high[l] |= ((low >> 4) << (2 * g)) | ((upper >> 4) << (2 * g + 1));
                dst[48 + 32 * g + l] = static_cast<std::byte>((low & 0xFu) | ((upper & 0xFu) << 4));
            }
        }
        for (std::size_t l = 0; l < 32; ++l) {
            dst[16 + l] = static_cast<std::byte>(high[l]);
        }
    }
}

void decodeQ5K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids)
{
    assert(blocks.size() % kQ5KBytes == 0);
    const std::size_t count = blocks.size() / kQ5KBytes;
    assert(codes.size() == count * kSuperBlock && grids.size() == count * 8);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kQ5KBytes;
        decodeMinGrids(block, grids.subspan(8 * b, 8));
        for (std::size_t v = 0; v < kSuperBlock; ++v) {
            const std::size_t sub = v / 32; // also the bit of byte 16 + v%32 that holds bit 4
            const auto byte = std::to_integer<unsigned>(block[48 + 32 * (v / 64) + v % 32]);
            const auto high = std::to_integer<unsigned>(block[16 + v % 32]);
            const unsigned code = ((byte >> (4 * (sub % 2))) & 0xFu) | (((high >> sub) & 1u) << 4);
            codes[kSuperBlock * b + v] = static_cast<std::int32_t>(code);
        }
    }
}

} // namespace qs::ggml
