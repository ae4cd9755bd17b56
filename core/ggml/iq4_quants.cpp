#include "ggml/iq4_quants.h"

#include "ggml/ggml_scalars.h"
#include "ggml/level_tables.h"
#include "ggml/packed_scales.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace qs::ggml {
namespace {

constexpr std::size_t kSubBlockValues = 32; // one scale per 32 values in both types
constexpr std::size_t kNlBlockBytes = 18;   // fp16 d, 16 bytes of nibbles
constexpr std::size_t kXsSuperValues = 256;
constexpr std::size_t kXsSubBlocks = kXsSuperValues / kSubBlockValues;
constexpr std::size_t kXsBlockBytes = 136; // fp16 d, u16 scales_h, 4 bytes scales_l, 128 of nibbles
constexpr std::size_t kXsScalesHighAt = 2;
constexpr std::size_t kXsScalesLowAt = 4;
constexpr std::size_t kXsCodesAt = 8;

// ggml_quantize_chunk asks for 7 refinement tries each side of the table's end (the _ref
// quantizer of IQ4_NL asks for none, which is why its bytes differ).
constexpr int kTries = 7;
// Below this magnitude ggml treats a sub-block as zero (GROUP_MAX_EPS).
constexpr float kNegligibleMagnitude = 1e-15f;
// IQ4_XS stores a sub-block's scale as l + 32, l in [−32, 31], against d = −max/32.
constexpr int kXsScaleBias = 32;

float level(int code)
{
    return static_cast<float>(kIq4Levels[static_cast<std::size_t>(code)]);
}

// The index of the table level nearest to x, the upper one on an exact tie, as ggml's
// best_index_int8 finds it. Differences are formed in float32 exactly as there, since a rounded
// difference can decide a near-tie. A NaN compares false everywhere, which walks ggml's bisection
// to the top level, so it gets 15 here too.
int nearestLevel(float x)
{
    constexpr int kTop = static_cast<int>(kIq4Levels.size()) - 1;
    if (x <= level(0)) {
        return 0;
    }
    if (x >= level(kTop) || std::isnan(x)) {
        return kTop;
    }
    int below = 0; // level(below) <= x < level(above) holds throughout
    int above = kTop;
    while (above - below > 1) {
        const int mid = (below + above) / 2;
        if (x < level(mid)) {
            above = mid;
        } else {
            below = mid;
        }
    }
    return x - level(below) < level(above) - x ? below : above;
}

// ggml's nearest_int through its own bit trick for the values that leave nearestInt's range: NaN
// becomes 0 and ±∞ becomes −2^22 (both are then clamped by the caller).
int nearestIntAsGgml(float value)
{
    if (std::isnan(value)) {
        return 0;
    }
    if (std::isinf(value)) {
        return -(1 << 22);
    }
    return nearestInt(value);
}

// 2·mean(x²) over the super-block, accumulated in index order: the spread ggml adds to each x²
// before it weighs a value by an importance matrix.
float spreadOf(std::span<const float> superBlock)
{
    float sum = 0;
    for (const float v : superBlock) {
        sum += v * v;
    }
    return sum * (2.0f / static_cast<float>(superBlock.size()));
}

// Without an importance matrix ggml weighs each value by x²; with one, by qw·√(σ² + x²).
void fillWeights(std::span<const float> x, std::span<const float> importance, float spread,
                 std::span<float> weights)
{
    for (std::size_t j = 0; j < x.size(); ++j) {
        weights[j] =
            importance.empty() ? x[j] * x[j] : importance[j] * std::sqrt(spread + x[j] * x[j]);
    }
}

// Σ w·q·x and Σ w·q² for the codes the reciprocal scale `inverse` picks; ggml forms the products
// left to right, (w·q)·x and (w·q)·q.
struct FitSums
{
    float qx = 0;
    float qq = 0;
};

FitSums fitAt(std::span<const float> x, std::span<const float> weights, float inverse)
{
    FitSums sums;
    for (std::size_t j = 0; j < x.size(); ++j) {
        const float q = level(nearestLevel(inverse * x[j]));
        sums.qx += weights[j] * q * x[j];
        sums.qq += weights[j] * q * q;
    }
    return sums;
}

// The weighted least-squares scale of one 32-value sub-block: a first fit with the value of
// largest magnitude on the table's −127 end (negated, so it may also land on +113), then
// 2·kTries + 1 fits whose reciprocal scales run (t − 127)/max for t in [−7, 7], keeping the best
// Σqx²/Σq² (compared cross-multiplied, as ggml does). 0 for a negligible sub-block.
float searchScale(std::span<const float> x, std::span<const float> weights)
{
    float magnitude = 0;
    float max = 0; // the first value of largest magnitude, signed
    for (const float v : x) {
        if (std::fabs(v) > magnitude) {
            magnitude = std::fabs(v);
            max = v;
        }
    }
    if (magnitude < kNegligibleMagnitude) {
        return 0;
    }
    const float tableEnd = level(0);
    const float first = -max / tableEnd;
    FitSums sums = fitAt(x, weights, 1 / first);
    float scale = sums.qq > 0 ? sums.qx / sums.qq : 0.0f;
    float best = scale * sums.qx;
    for (int t = -kTries; t <= kTries; ++t) {
        const float inverse = static_cast<float>(t + kIq4Levels[0]) / max;
        sums = fitAt(x, weights, inverse);
        if (sums.qq > 0 && sums.qx * sums.qx > best * sums.qq) {
            scale = sums.qx / sums.qq;
            best = scale * sums.qx;
        }
    }
    return scale;
}

// Codes of x under the reciprocal scale `inverse`, two per byte: value j of each 32 in the low
// nibble of byte j, value j + 16 in its high nibble.
void packCodes(std::span<const float> x, float inverse, std::byte* out)
{
    for (std::size_t j = 0; j < kSubBlockValues / 2; ++j) {
        const int low = nearestLevel(inverse * x[j]);
        const int high = nearestLevel(inverse * x[j + kSubBlockValues / 2]);
        out[j] = static_cast<std::byte>(low | (high << 4));
    }
}

void unpackCodes(const std::byte* in, std::span<std::int32_t> codes)
{
    for (std::size_t j = 0; j < kSubBlockValues / 2; ++j) {
        const auto byte = std::to_integer<std::int32_t>(in[j]);
        codes[j] = byte & 0xf;
        codes[j + kSubBlockValues / 2] = byte >> 4;
    }
}

void quantizeNlBlock(std::span<const float> x, std::span<const float> importance, std::byte* out)
{
    std::array<float, kSubBlockValues> weights{};
    fillWeights(x, importance, spreadOf(x), weights);
    const float scale = searchScale(x, weights);
    storeU16(out, floatToFp16Bits(scale));
    // The codes come from the float32 scale's reciprocal, not the stored fp16 one's.
    packCodes(x, scale != 0 ? 1 / scale : 0.0f, out + 2);
}

// IQ4_XS's sub-block scale field l + 32: four low bits in scales_l (two sub-blocks a byte, the
// even one low), two high bits in the u16 scales_h (bits 2·ib, 2·ib + 1).
void storeXsScale(std::byte* block, std::size_t ib, int biased)
{
    const auto low = static_cast<unsigned>(biased & 0xf) << (4 * (ib % 2));
    block[kXsScalesLowAt + ib / 2] |= static_cast<std::byte>(low);
    const auto high = static_cast<unsigned>(biased >> 4) << (2 * ib);
    storeU16(block + kXsScalesHighAt,
             static_cast<std::uint16_t>(loadU16(block + kXsScalesHighAt) | high));
}

void quantizeXsBlock(std::span<const float> x, std::span<const float> importance, std::byte* out)
{
    std::fill(out, out + kXsBlockBytes, std::byte{0});
    const float spread = spreadOf(x);
    std::array<float, kXsSubBlocks> scales{};
    std::array<float, kSubBlockValues> weights{};
    float largest = 0; // the first sub-block scale of largest magnitude, signed
    for (std::size_t ib = 0; ib < kXsSubBlocks; ++ib) {
        const auto xb = x.subspan(ib * kSubBlockValues, kSubBlockValues);
        const auto wb = importance.empty()
                            ? importance
                            : importance.subspan(ib * kSubBlockValues, kSubBlockValues);
        fillWeights(xb, wb, spread, weights);
        scales[ib] = searchScale(xb, weights);
        if (std::fabs(scales[ib]) > std::fabs(largest)) {
            largest = scales[ib];
        }
    }
    const float d = -largest / static_cast<float>(kXsScaleBias);
    storeU16(out, floatToFp16Bits(d));
    const float inverse = d != 0 ? 1 / d : 0.0f;
    for (std::size_t ib = 0; ib < kXsSubBlocks; ++ib) {
        const int l =
            std::clamp(nearestIntAsGgml(inverse * scales[ib]), -kXsScaleBias, kXsScaleBias - 1);
        // The codes are requantised against the float32 d·l, not the stored fp16 d.
        const float subScale = d * static_cast<float>(l);
        packCodes(x.subspan(ib * kSubBlockValues, kSubBlockValues),
                  subScale != 0 ? 1 / subScale : 0.0f,
                  out + kXsCodesAt + ib * (kSubBlockValues / 2));
        storeXsScale(out, ib, l + kXsScaleBias);
    }
}

} // namespace

void quantizeIq4Nl(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance)
{
    const std::size_t blocks = row.size() / kSubBlockValues;
    assert(row.size() % kSubBlockValues == 0 && out.size() == blocks * kNlBlockBytes);
    assert(importance.empty() || importance.size() == row.size());
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto wb = importance.empty()
                            ? importance
                            : importance.subspan(b * kSubBlockValues, kSubBlockValues);
        quantizeNlBlock(row.subspan(b * kSubBlockValues, kSubBlockValues), wb,
                        out.data() + b * kNlBlockBytes);
    }
}

void decodeIq4Nl(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kNlBlockBytes;
    assert(blocks.size() % kNlBlockBytes == 0);
    assert(codes.size() == count * kSubBlockValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kNlBlockBytes;
        grids[b] = SubBlockGrid{fp16BitsToFloat(loadU16(block)), 0.0f};
        unpackCodes(block + 2, codes.subspan(b * kSubBlockValues, kSubBlockValues));
    }
}

void quantizeIq4Xs(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance)
{
    const std::size_t blocks = row.size() / kXsSuperValues;
    assert(row.size() % kXsSuperValues == 0 && out.size() == blocks * kXsBlockBytes);
    assert(importance.empty() || importance.size() == row.size());
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto wb = importance.empty() ? importance
                                           : importance.subspan(b * kXsSuperValues, kXsSuperValues);
        quantizeXsBlock(row.subspan(b * kXsSuperValues, kXsSuperValues), wb,
                        out.data() + b * kXsBlockBytes);
    }
}

void decodeIq4Xs(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids)
{
    const std::size_t count = blocks.size() / kXsBlockBytes;
    assert(blocks.size() % kXsBlockBytes == 0);
    assert(codes.size() == count * kXsSuperValues && grids.size() == count * kXsSubBlocks);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kXsBlockBytes;
        const float d = fp16BitsToFloat(loadU16(block));
        for (std::size_t ib = 0; ib < kXsSubBlocks; ++ib) {
            // ggml's dequantize_row_iq4_xs forms d·(ls − 32) once per sub-block.
            const int ls = static_cast<int>(unpackIq4XsScaleCode(block, ib)) - kXsScaleBias;
            grids[b * kXsSubBlocks + ib] = SubBlockGrid{d * static_cast<float>(ls), 0.0f};
            unpackCodes(block + kXsCodesAt + ib * (kSubBlockValues / 2),
                        codes.subspan((b * kXsSubBlocks + ib) * kSubBlockValues, kSubBlockValues));
        }
    }
}

} // namespace qs::ggml
