// Q3_K and Q6_K, the k-quants without a minimum: 16 sub-blocks of 16 values per super-block of
// 256, each sub-block's scale stored as a signed integer multiple (6 bits for Q3_K, 8 for Q6_K)
// of the super-block's fp16 d.
//
//   Q3_K (110 bytes): hmask[32] (bit 2 of each code), qs[64] (bits 0–1), scales[12], d
//   Q6_K (210 bytes): ql[128] (bits 0–3), qh[64] (bits 4–5), scales[16] (int8), d

#include "ggml/ggml_scalars.h"
#include "ggml/k_quant_search_symmetric.h"
#include "ggml/k_quants.h"
#include "ggml/packed_scales.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstring>

namespace qs::ggml {
namespace {

constexpr std::size_t kSuperBlock = 256;
constexpr std::size_t kSubBlock = 16;
constexpr std::size_t kSubBlocks = kSuperBlock / kSubBlock;
constexpr std::size_t kQ3Bytes = 110;
constexpr std::size_t kQ6Bytes = 210;

using SuperBlockCodes = std::array<std::int8_t, kSuperBlock>;
using SubBlockScales = std::array<float, kSubBlocks>;

std::span<const float> subBlock(std::span<const float> values, std::size_t j)
{
    return values.subspan(j * kSubBlock, kSubBlock);
}

std::span<std::int8_t> subBlock(SuperBlockCodes& codes, std::size_t j)
{
    return std::span(codes).subspan(j * kSubBlock, kSubBlock);
}

// The scale of largest magnitude, signed, the first one on a tie: both types map it to the
// negative end of their scale range.
float signedLargestScale(const SubBlockScales& scales)
{
    float largest = 0;
    float magnitude = 0;
    for (const float s : scales) {
        if (std::fabs(s) > magnitude) {
            magnitude = std::fabs(s);
            largest = s;
        }
    }
    return largest;
}

// Requantises every sub-block against the scale the block now stores, fp16 d times the integer
// sub-scale, as ggml's final pass does. A sub-block whose stored scale is 0 keeps the codes its
// search found.
void requantise(std::span<const float> values, float storedD,
                std::span<const int, kSubBlocks> subScales, int nmax, SuperBlockCodes& codes)
{
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        const float d = storedD * static_cast<float>(subScales[j]);
        if (d == 0.0f) {
            continue; // NaN goes on, as `if (!d)` lets it in ggml
        }
        for (std::size_t i = j * kSubBlock; i < (j + 1) * kSubBlock; ++i) {
            const int l = std::clamp(nearestIntWrapped(values[i] / d), -nmax, nmax - 1);
            codes[i] = static_cast<std::int8_t>(l + nmax);
        }
    }
}

// ---- Q3_K ----------------------------------------------------------------------------------

// The 6-bit sub-scales (stored as scale + 32): low nibbles in bytes 0–7 (sub-blocks 8–15 in the
// high halves), the two high bits of sub-block j in byte 8 + j % 4 at bit 2·(j / 4).
void packQ3Scales(std::span<const int, kSubBlocks> biased, std::byte* scales)
{
    std::array<std::uint8_t, 12> packed{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        const auto l = static_cast<std::uint8_t>(biased[j]);
        packed[j % 8] |= static_cast<std::uint8_t>((l & 0xf) << (j < 8 ? 0 : 4));
        packed[8 + j % 4] |= static_cast<std::uint8_t>((l >> 4) << (2 * (j / 4)));
    }
    std::memcpy(scales, packed.data(), packed.size());
}

// Codes 0..7: bit 2 of value j goes to hmask byte j % 32 at bit j / 32; bits 0–1 of value
// 128·h + 32·s + l to qs byte 32·h + l at bit 2·s.
void packQ3Codes(const SuperBlockCodes& codes, std::byte* block)
{
    std::array<std::uint8_t, 32> hmask{};
    std::array<std::uint8_t, 64> qs{};
    for (std::size_t j = 0; j < kSuperBlock; ++j) {
        const auto code = static_cast<std::uint8_t>(codes[j]);
        hmask[j % 32] |= static_cast<std::uint8_t>(((code >> 2) & 1) << (j / 32));
        qs[32 * (j / 128) + j % 32] |=
            static_cast<std::uint8_t>((code & 3) << (2 * (j % 128 / 32)));
    }
    std::memcpy(block, hmask.data(), hmask.size());
    std::memcpy(block + 32, qs.data(), qs.size());
}

// Stores d and the sub-scales, then requantises and packs the codes.
void finishQ3Block(std::span<const float> values, std::uint16_t d16,
                   std::span<const int, kSubBlocks> biasedScales, SuperBlockCodes& codes,
                   std::byte* block)
{
    packQ3Scales(biasedScales, block + 96);
    storeU16(block + 108, d16);
    std::array<int, kSubBlocks> subScales{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        subScales[j] = biasedScales[j] - 32;
    }
    requantise(values, fp16BitsToFloat(d16), subScales, 4, codes);
    packQ3Codes(codes, block);
}

// quantize_row_q3_K_ref: each sub-block's scale by coordinate descent, the scales then quantized
// to 6 bits linearly, the largest in magnitude onto −32; d = 1/iscale.
void quantizeQ3Block(std::span<const float> values, std::byte* block)
{
    SuperBlockCodes codes{};
    SubBlockScales scales{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        scales[j] = symmetricScaleByDescent(subBlock(values, j), 4, subBlock(codes, j));
    }
    const float largest = signedLargestScale(scales);
    std::array<int, kSubBlocks> biased{};
    std::uint16_t d16 = floatToFp16Bits(0.0f);
    if (largest != 0.0f) {
        const float iscale = -32.0f / largest;
        for (std::size_t j = 0; j < kSubBlocks; ++j) {
            // ggml keeps the rounded scale in an int8 before clamping; that matters only for
            // the wrapped result of a non-finite scale
            const auto l = static_cast<std::int8_t>(nearestIntWrapped(iscale * scales[j]));
            biased[j] = std::clamp<int>(l, -32, 31) + 32;
        }
        d16 = floatToFp16Bits(1 / iscale);
    }
    finishQ3Block(values, d16, biased, codes, block);
}

// quantize_row_q3_K_impl, ggml's path with importance: value weights qw·sqrt(σ² + x²) with
// σ² = 2·Σx²/256, each sub-block's scale by make_qx_quants under them, and the 16 scales
// themselves quantized by make_qx_quants (nmax 32) weighted by each sub-block's weight sum.
void quantizeQ3BlockWeighted(std::span<const float> values, std::span<const float> importance,
                             std::byte* block)
{
    float sumSquares = 0;
    for (const float v : values) {
        sumSquares += v * v;
    }
    const float sigma2 = 2 * sumSquares / static_cast<float>(kSuperBlock);

    SuperBlockCodes codes{};
    SubBlockScales scales{};
    SubBlockScales weightSums{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        const std::span<const float> x = subBlock(values, j);
        const std::span<const float> qw = subBlock(importance, j);
        std::array<float, kSubBlock> weights{};
        float sum = 0;
        for (std::size_t l = 0; l < kSubBlock; ++l) {
            weights[l] = qw[l] * std::sqrt(sigma2 + x[l] * x[l]);
        }
        for (const float w : weights) {
            sum += w;
        }
        weightSums[j] = sum;
        scales[j] = symmetricScaleBySweep(x, 4, weights, subBlock(codes, j));
    }
    std::array<std::int8_t, kSubBlocks> scaleCodes{};
    const float d = symmetricScaleBySweep(scales, 32, weightSums, scaleCodes);
    std::array<int, kSubBlocks> biased{};
    std::ranges::copy(scaleCodes, biased.begin());
    finishQ3Block(values, floatToFp16Bits(d), biased, codes, block);
}

// ---- Q6_K ----------------------------------------------------------------------------------

// Codes 0..63 of value 128·h + 32·s + l: bits 0–3 to ql byte 64·h + 32·(s & 1) + l (low nibble
// for s < 2, high for s ≥ 2), bits 4–5 to qh byte 32·h + l at bit 2·s.
void packQ6Codes(const SuperBlockCodes& codes, std::byte* block)
{
    std::array<std::uint8_t, 128> ql{};
    std::array<std::uint8_t, 64> qh{};
    for (std::size_t j = 0; j < kSuperBlock; ++j) {
        const auto code = static_cast<std::uint8_t>(codes[j]);
        const std::size_t h = j / 128;
        const std::size_t s = j % 128 / 32;
        const std::size_t l = j % 32;
        ql[64 * h + 32 * (s & 1) + l] |= static_cast<std::uint8_t>((code & 0xf) << (s < 2 ? 0 : 4));
        qh[32 * h + l] |= static_cast<std::uint8_t>(((code >> 4) & 3) << (2 * s));
    }
    std::memcpy(block, ql.data(), ql.size());
    std::memcpy(block + 128, qh.data(), qh.size());
}

// quantize_row_q6_K_ref and _impl (they differ only in the weights make_qx_quants gets: x², or
// the importance as given): the 16 scales quantized to int8, the largest in magnitude onto −128,
// d = 1/iscale. A super-block whose scales are all negligible is stored as zero bytes.
void quantizeQ6Block(std::span<const float> values, std::span<const float> importance,
                     std::byte* block)
{
    SuperBlockCodes codes{};
    SubBlockScales scales{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        const std::span<const float> qw = importance.empty() ? importance : subBlock(importance, j);
        scales[j] = symmetricScaleBySweep(subBlock(values, j), 32, qw, subBlock(codes, j));
    }
    const float largest = signedLargestScale(scales);
    if (std::fabs(largest) < kNegligibleMagnitude) {
        std::fill_n(block, kQ6Bytes, std::byte{0});
        return;
    }
    const float iscale = -128.0f / largest;
    const std::uint16_t d16 = floatToFp16Bits(1 / iscale);
    std::array<int, kSubBlocks> subScales{};
    for (std::size_t j = 0; j < kSubBlocks; ++j) {
        // stored as int8 after capping at 127; the floor −128 is reached by the largest itself
        const int l = std::min(127, nearestIntWrapped(iscale * scales[j]));
        subScales[j] = static_cast<std::int8_t>(l);
        block[192 + j] = static_cast<std::byte>(static_cast<std::uint8_t>(subScales[j]));
    }
    storeU16(block + 208, d16);
    requantise(values, fp16BitsToFloat(d16), subScales, 32, codes);
    packQ6Codes(codes, block);
}

std::size_t checkedBlocks(std::span<const float> row, std::span<std::byte> out,
                          std::span<const float> importance, std::size_t blockBytes)
{
    assert(row.size() % kSuperBlock == 0);
    assert(out.size() == row.size() / kSuperBlock * blockBytes);
    assert(importance.empty() || importance.size() == row.size());
    (void)out;
    (void)importance;
    (void)blockBytes;
    return row.size() / kSuperBlock;
}

std::size_t checkedDecodeBlocks(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                                std::span<SubBlockGrid> grids, std::size_t blockBytes)
{
    assert(blocks.size() % blockBytes == 0);
    const std::size_t count = blocks.size() / blockBytes;
    assert(codes.size() == count * kSuperBlock);
    assert(grids.size() == count * kSubBlocks);
    (void)codes;
    (void)grids;
    return count;
}

} // namespace

void quantizeQ3K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance)
{
    const std::size_t count = checkedBlocks(row, out, importance, kQ3Bytes);
    for (std::size_t b = 0; b < count; ++b) {
        const std::span<const float> values = row.subspan(b * kSuperBlock, kSuperBlock);
        std::byte* block = out.data() + b * kQ3Bytes;
        if (importance.empty()) {
            quantizeQ3Block(values, block);
        } else {
            quantizeQ3BlockWeighted(values, importance.subspan(b * kSuperBlock, kSuperBlock),
                                    block);
        }
    }
}

void decodeQ3K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids)
{
    const std::size_t count = checkedDecodeBlocks(blocks, codes, grids, kQ3Bytes);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kQ3Bytes;
        const float d = fp16BitsToFloat(loadU16(block + 108));
        for (std::size_t j = 0; j < kSubBlocks; ++j) {
            // ggml's dequantize_row_q3_K: d · (sc − 32), the subtraction in integers
            const int sc = static_cast<int>(unpackQ3ScaleCode(block + 96, j)) - 32;
            grids[b * kSubBlocks + j] = {d * static_cast<float>(sc), 0};
        }
        for (std::size_t j = 0; j < kSuperBlock; ++j) {
            const auto high = static_cast<unsigned>(block[j % 32]) >> (j / 32);
            const auto low =
                static_cast<unsigned>(block[32 + 32 * (j / 128) + j % 32]) >> (2 * (j % 128 / 32));
            codes[b * kSuperBlock + j] = static_cast<std::int32_t>((low & 3) | ((high & 1) << 2));
        }
    }
}

void quantizeQ6K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance)
{
    const std::size_t count = checkedBlocks(row, out, importance, kQ6Bytes);
    for (std::size_t b = 0; b < count; ++b) {
        const std::span<const float> qw =
            importance.empty() ? importance : importance.subspan(b * kSuperBlock, kSuperBlock);
        quantizeQ6Block(row.subspan(b * kSuperBlock, kSuperBlock), qw, out.data() + b * kQ6Bytes);
    }
}

void decodeQ6K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids)
{
    const std::size_t count = checkedDecodeBlocks(blocks, codes, grids, kQ6Bytes);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* block = blocks.data() + b * kQ6Bytes;
        const float d = fp16BitsToFloat(loadU16(block + 208));
        for (std::size_t j = 0; j < kSubBlocks; ++j) {
            // ggml's dequantize_row_q6_K: (d · sc) · (code − 32), sc a signed byte
            const auto sc = static_cast<std::int8_t>(block[192 + j]);
            grids[b * kSubBlocks + j] = {d * static_cast<float>(sc), 0};
        }
        for (std::size_t j = 0; j < kSuperBlock; ++j) {
            const std::size_t h = j / 128;
            const std::size_t s = j % 128 / 32;
            const std::size_t l = j % 32;
            const auto low =
                static_cast<unsigned>(block[64 * h + 32 * (s & 1) + l]) >> (s < 2 ? 0 : 4);
            const auto high = static_cast<unsigned>(block[128 + 32 * h + l]) >> (2 * s);
            codes[b * kSuperBlock + j] = static_cast<std::int32_t>((low & 0xf) | ((high & 3) << 4));
        }
    }
}

} // namespace qs::ggml
