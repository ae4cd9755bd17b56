// ggml's legacy block types, Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0, written byte for byte as
// ggml_quantize_chunk writes them on a build without fused multiply-add.
//
// Block layouts (little-endian):
//   Q4_0  fp16 d, 16 bytes of nibbles               (value j low nibble of byte j, j+16 high)
//   Q4_1  fp16 d, fp16 m, 16 bytes of nibbles
//   Q5_0  fp16 d, u32 fifth bits (bit j of value j), 16 bytes of low nibbles
//   Q5_1  fp16 d, fp16 m, u32 fifth bits, 16 bytes of low nibbles
//   Q8_0  fp16 d, 32 signed bytes
//
// Without importance ggml uses its reference rounding (quantize_row_*_ref). With importance the
// 4- and 5-bit types search their scale (and minimum) weighted by importance · sqrt(σ² + x²),
// σ² the row's mean square; Q8_0 has no search and ignores the weights, as ggml does.

#include "ggml/legacy_quants.h"

#include "ggml/ggml_scalars.h"

#include <array>
#include <bit>
#include <cassert>
#include <cfloat>
#include <cmath>
#include <cstdint>

namespace qs::ggml {
namespace {

constexpr std::size_t kValues = 32;
constexpr std::size_t kHalf = kValues / 2;

using Codes = std::array<std::uint8_t, kValues>;

// ggml casts floats to its 8-bit codes with a plain C conversion. Its x86-64 build truncates to a
// 32-bit integer (cvttss2si / cvttps2dq, which give 0x80000000 for NaN and out-of-range values)
// and keeps the low byte. Spelling that out makes non-finite input give ggml's bytes on any host.
std::uint8_t truncatedLowByte(float value)
{
    std::uint32_t bits = 0x80000000u;
    if (value > -2147483904.0f && value < 2147483648.0f) {
        bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(value));
    }
    return static_cast<std::uint8_t>(bits & 0xffu);
}

// ggml's nearest_int reads the mantissa of value + 1.5·2^23; its range assert is compiled out of
// release builds, so the searches below see those mantissa bits for every input, NaN included.
int nearestIntUnchecked(float value)
{
    const float shifted = value + 12582912.0f;
    return static_cast<int>(std::bit_cast<std::uint32_t>(shifted) & 0x7fffffu) - 0x400000;
}

// MIN(top, (int8_t)v) compares the byte as signed, so a byte ≥ 0x80 passes unchanged.
std::uint8_t clampedSignedByte(float value, int top)
{
    const auto code = static_cast<std::int8_t>(truncatedLowByte(value));
    return static_cast<std::uint8_t>(code > top ? top : code);
}

void storeNibbles(const Codes& codes, std::byte* at)
{
    for (std::size_t j = 0; j < kHalf; ++j) {
        at[j] = static_cast<std::byte>(codes[j] | (codes[j + kHalf] << 4));
    }
}

// Q5_*: the low nibbles as Q4_*, the fifth bit of value j as bit j of a u32.
void storeFiveBitCodes(const Codes& codes, std::byte* highBits, std::byte* nibbles)
{
    std::uint32_t high = 0;
    for (std::size_t j = 0; j < kValues; ++j) {
        high |= static_cast<std::uint32_t>((codes[j] >> 4) & 1u) << j;
    }
    storeU32(highBits, high);
    for (std::size_t j = 0; j < kHalf; ++j) {
        nibbles[j] = static_cast<std::byte>((codes[j] & 0x0fu) | ((codes[j + kHalf] & 0x0fu) << 4));
    }
}

// The first value of largest magnitude, with its sign (0 for a block of zeros and NaNs).
float signedPeak(std::span<const float> block)
{
    float amax = 0.0f;
    float peak = 0.0f;
    for (const float v : block) {
        if (amax < std::fabs(v)) {
            amax = std::fabs(v);
            peak = v;
        }
    }
    return peak;
}

// Q4_0 / Q5_0 rounding: d = peak / −half, so the peak maps to code 0; x·(1/d) + half + ½ is
// truncated (not rounded) and capped at the top code. Returns the float32 d, fp16-rounded later.
float roundSymmetric(std::span<const float> block, int half, Codes& codes)
{
    const float d = signedPeak(block) / static_cast<float>(-half);
    const float id = d != 0.0f ? 1.0f / d : 0.0f; // from the float32 d, not the stored fp16 one
    const float bias = static_cast<float>(half) + 0.5f;
    for (std::size_t j = 0; j < kValues; ++j) {
        codes[j] = clampedSignedByte(block[j] * id + bias, 2 * half - 1);
    }
    return d;
}

struct Affine
{
    float d;
    float min;
};

// Q4_1 / Q5_1 rounding: the block's range in `top` steps from its minimum, codes truncated
// after adding ½. ggml caps Q4_1's codes at 15 but not Q5_1's ((x − min)/d stays within 31).
Affine roundAffine(std::span<const float> block, int top, bool capped, Codes& codes)
{
    float min = FLT_MAX;
    float max = -FLT_MAX;
    for (const float v : block) {
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }
    const float d = (max - min) / static_cast<float>(top);
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (std::size_t j = 0; j < kValues; ++j) {
        const float scaled = (block[j] - min) * id + 0.5f;
        codes[j] = capped ? clampedSignedByte(scaled, top) : truncatedLowByte(scaled);
    }
    return {d, min};
}

// The weighted sums of one trial scale in the symmetric search: codes l = round(iscale·x)
// clamped to [−nmax, nmax − 1], Σ w·x·l and Σ w·l², accumulated in index order.
struct TrialSums
{
    float xl = 0.0f;
    float l2 = 0.0f;
};

TrialSums symmetricTrial(std::span<const float> x, std::span<const float> w, int nmax, float iscale,
                         Codes* codes)
{
    TrialSums sums;
    for (std::size_t i = 0; i < kValues; ++i) {
        int l = nearestIntUnchecked(iscale * x[i]);
        l = l < -nmax ? -nmax : (l > nmax - 1 ? nmax - 1 : l);
        if (codes != nullptr) {
            (*codes)[i] = static_cast<std::uint8_t>(l + nmax);
        }
        const auto fl = static_cast<float>(l);
        sums.xl += w[i] * x[i] * fl;
        sums.l2 += w[i] * fl * fl;
    }
    return sums;
}

// ggml's make_qx_quants for a weighted block (Q4_0 nmax 8, Q5_0 nmax 16): start from the scale
// that puts the peak on −nmax, try 18 nearby ones, keep the best weighted least-squares fit.
float searchSymmetric(std::span<const float> x, std::span<const float> w, int nmax, Codes& codes)
{
    float peak = 0.0f;
    float amax = 0.0f;
    for (const float v : x) {
        if (std::fabs(v) > amax) {
            amax = std::fabs(v);
            peak = v;
        }
    }
    if (amax < 1e-15f) { // GROUP_MAX_EPS: ggml stores code 0 and a zero scale
        codes.fill(0);
        return 0.0f;
    }
    const TrialSums first = symmetricTrial(x, w, nmax, static_cast<float>(-nmax) / peak, &codes);
    float scale = first.l2 != 0.0f ? first.xl / first.l2 : 0.0f;
    float best = scale * first.xl;
    for (int step = -9; step <= 9; ++step) {
        if (step == 0) {
            continue;
        }
        const float iscale = -(static_cast<float>(nmax) + 0.1f * static_cast<float>(step)) / peak;
        const TrialSums trial = symmetricTrial(x, w, nmax, iscale, nullptr);
        if (trial.l2 > 0.0f && trial.xl * trial.xl > best * trial.l2) {
            symmetricTrial(x, w, nmax, iscale, &codes);
            scale = trial.xl / trial.l2;
            best = scale * trial.xl;
        }
    }
    return scale;
}

// Codes of one trial in the affine search: round(iscale·(x − min)) clamped to [0, nmax].
void affineCodes(std::span<const float> x, int nmax, float iscale, float min, Codes& codes)
{
    for (std::size_t i = 0; i < kValues; ++i) {
        const int l = nearestIntUnchecked(iscale * (x[i] - min));
        codes[i] = static_cast<std::uint8_t>(l > nmax ? nmax : (l < 0 ? 0 : l));
    }
}

float affineError(std::span<const float> x, std::span<const float> w, const Codes& codes,
                  float scale, float min)
{
    float error = 0.0f;
    for (std::size_t i = 0; i < kValues; ++i) {
        const float diff = scale * static_cast<float>(codes[i]) + min - x[i];
        error += w[i] * (diff * diff);
    }
    return error;
}

// ggml's make_qkx3_quants for a weighted block (Q4_1 nmax 15, Q5_1 nmax 31; rmin −0.9,
// rdelta 0.05, 36 steps, squared error): weighted least squares for scale and minimum (≤ 0) over
// 37 trial quantizations. The trials divide by max − min with the best minimum found so far, so
// iscale·(x − min) can be huge or NaN: the ggml these bytes match (node-llama-cpp 3.22.1's build)
// rounds it unchecked and clamps the integer; newer llama.cpp clamps the float first, which
// differs only in those cases.
Affine searchAffine(std::span<const float> x, std::span<const float> w, int nmax, Codes& codes)
{
    float min = x[0];
    float max = x[0];
    float sumW = w[0];
    float sumX = sumW * x[0];
    for (std::size_t i = 1; i < kValues; ++i) {
        min = x[i] < min ? x[i] : min;
        max = x[i] > max ? x[i] : max;
        sumW += w[i];
        sumX += w[i] * x[i];
    }
    min = min > 0.0f ? 0.0f : min;
    if (max <= min) {
        codes.fill(0);
        return {0.0f, min};
    }
    float iscale = static_cast<float>(nmax) / (max - min);
    float scale = 1.0f / iscale;
    affineCodes(x, nmax, iscale, min, codes);
    float best = affineError(x, w, codes, scale, min);
    Codes trial{};
    for (int step = 0; step <= 36; ++step) {
        iscale =
            (-0.9f + 0.05f * static_cast<float>(step) + static_cast<float>(nmax)) / (max - min);
        affineCodes(x, nmax, iscale, min, trial);
        float sumL = 0.0f;
        float sumL2 = 0.0f;
        float sumXL = 0.0f;
        for (std::size_t i = 0; i < kValues; ++i) {
            const auto l = static_cast<float>(trial[i]);
            sumL += w[i] * l;
            sumL2 += w[i] * l * l;
            sumXL += w[i] * l * x[i];
        }
        const float det = sumW * sumL2 - sumL * sumL;
        if (!(det > 0.0f)) {
            continue;
        }
        float trialScale = (sumW * sumXL - sumX * sumL) / det;
        float trialMin = (sumL2 * sumX - sumL * sumXL) / det;
        if (trialMin > 0.0f) {
            trialMin = 0.0f;
            trialScale = sumXL / sumL2;
        }
        const float error = affineError(x, w, trial, trialScale, trialMin);
        if (error < best) {
            codes = trial;
            best = error;
            scale = trialScale;
            min = trialMin;
        }
    }
    return {scale, min};
}

// σ² of the whole row, the same for each of its blocks.
float rowMeanSquare(std::span<const float> row)
{
    float sum = 0.0f;
    for (const float v : row) {
        sum += v * v;
    }
    return sum / static_cast<float>(row.size());
}

std::array<float, kValues> searchWeights(std::span<const float> block,
                                         std::span<const float> importance, float sigma2)
{
    std::array<float, kValues> w{};
    for (std::size_t j = 0; j < kValues; ++j) {
        w[j] = importance[j] * std::sqrt(sigma2 + block[j] * block[j]);
    }
    return w;
}

// One row of a 4- or 5-bit type: `write` stores block b's codes (and scale) at `at`.
template <typename WriteBlock>
void forEachBlock(std::span<const float> row, std::span<std::byte> out, std::size_t blockBytes,
                  std::span<const float> importance, WriteBlock write)
{
    assert(row.size() % kValues == 0 && out.size() == row.size() / kValues * blockBytes);
    assert(importance.empty() || importance.size() == row.size());
    const float sigma2 = importance.empty() ? 0.0f : rowMeanSquare(row);
    for (std::size_t b = 0; b < row.size() / kValues; ++b) {
        const auto block = row.subspan(b * kValues, kValues);
        std::byte* at = out.data() + b * blockBytes;
        if (importance.empty()) {
            write(block, std::span<const float>{}, at);
        } else {
            const auto w = searchWeights(block, importance.subspan(b * kValues, kValues), sigma2);
            write(block, std::span<const float>(w), at);
        }
    }
}

void quantizeSymmetric(std::span<const float> row, std::span<std::byte> out,
                       std::span<const float> importance, int half)
{
    const bool fiveBit = half == 16;
    const std::size_t blockBytes = fiveBit ? 22 : 18;
    forEachBlock(
        row, out, blockBytes, importance,
        [half, fiveBit](std::span<const float> block, std::span<const float> w, std::byte* at) {
            Codes codes{};
            const float d = w.empty() ? roundSymmetric(block, half, codes)
                                      : searchSymmetric(block, w, half, codes);
            storeU16(at, floatToFp16Bits(d));
            if (fiveBit) {
                storeFiveBitCodes(codes, at + 2, at + 6);
            } else {
                storeNibbles(codes, at + 2);
            }
        });
}

void quantizeAffine(std::span<const float> row, std::span<std::byte> out,
                    std::span<const float> importance, int top)
{
    const bool fiveBit = top == 31;
    const std::size_t blockBytes = fiveBit ? 24 : 20;
    forEachBlock(
        row, out, blockBytes, importance,
        [top, fiveBit](std::span<const float> block, std::span<const float> w, std::byte* at) {
            Codes codes{};
            // The search returns the minimum itself (ggml negates it twice).
            const Affine fit = w.empty() ? roundAffine(block, top, !fiveBit, codes)
                                         : searchAffine(block, w, top, codes);
            storeU16(at, floatToFp16Bits(fit.d));
            storeU16(at + 2, floatToFp16Bits(fit.min));
            if (fiveBit) {
                storeFiveBitCodes(codes, at + 4, at + 8);
            } else {
                storeNibbles(codes, at + 4);
            }
        });
}

// Decoding: `layout` gives the offsets of d, m (or none), the fifth bits (or none), the nibbles.
struct Layout
{
    std::size_t bytes;
    int mAt;    // −1: no minimum
    int highAt; // −1: no fifth bits
    std::size_t nibblesAt;
};

void decodeNibbleBlocks(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                        std::span<SubBlockGrid> grids, const Layout& layout)
{
    const std::size_t count = blocks.size() / layout.bytes;
    assert(blocks.size() == count * layout.bytes);
    assert(codes.size() == count * kValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* at = blocks.data() + b * layout.bytes;
        grids[b].scale = fp16BitsToFloat(loadU16(at));
        grids[b].offset = layout.mAt < 0 ? 0.0f : fp16BitsToFloat(loadU16(at + layout.mAt));
        const std::uint32_t high = layout.highAt < 0 ? 0 : loadU32(at + layout.highAt);
        std::int32_t* out = codes.data() + b * kValues;
        for (std::size_t j = 0; j < kHalf; ++j) {
            const auto byte = std::to_integer<std::uint32_t>(at[layout.nibblesAt + j]);
            out[j] = static_cast<std::int32_t>((byte & 0x0fu) | (((high >> j) & 1u) << 4));
            out[j + kHalf] =
                static_cast<std::int32_t>((byte >> 4) | (((high >> (j + kHalf)) & 1u) << 4));
        }
    }
}

} // namespace

void quantizeQ4_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance)
{
    quantizeSymmetric(row, out, importance, 8);
}

void decodeQ4_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids)
{
    decodeNibbleBlocks(blocks, codes, grids, {18, -1, -1, 2});
}

void quantizeQ4_1(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance)
{
    quantizeAffine(row, out, importance, 15);
}

void decodeQ4_1(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids)
{
    decodeNibbleBlocks(blocks, codes, grids, {20, 2, -1, 4});
}

void quantizeQ5_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance)
{
    quantizeSymmetric(row, out, importance, 16);
}

void decodeQ5_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids)
{
    decodeNibbleBlocks(blocks, codes, grids, {22, -1, 2, 6});
}

void quantizeQ5_1(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance)
{
    quantizeAffine(row, out, importance, 31);
}

void decodeQ5_1(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids)
{
    decodeNibbleBlocks(blocks, codes, grids, {24, 2, 4, 8});
}

// Q8_0 has no search: ggml ignores the importance weights and so does this.
void quantizeQ8_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> /*importance*/)
{
    constexpr std::size_t kBytes = 34;
    assert(row.size() % kValues == 0 && out.size() == row.size() / kValues * kBytes);
    for (std::size_t b = 0; b < row.size() / kValues; ++b) {
        const auto block = row.subspan(b * kValues, kValues);
        std::byte* at = out.data() + b * kBytes;
        float amax = 0.0f;
        for (const float v : block) {
            // MAX(amax, |v|) as ggml's macro has it: a NaN replaces amax until the next value.
            amax = amax > std::fabs(v) ? amax : std::fabs(v);
        }
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        storeU16(at, floatToFp16Bits(d));
        for (std::size_t j = 0; j < kValues; ++j) {
            // roundf: ties away from zero, unlike nearestInt
            at[2 + j] = static_cast<std::byte>(truncatedLowByte(std::round(block[j] * id)));
        }
    }
}

void decodeQ8_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids)
{
    constexpr std::size_t kBytes = 34;
    const std::size_t count = blocks.size() / kBytes;
    assert(blocks.size() == count * kBytes);
    assert(codes.size() == count * kValues && grids.size() == count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::byte* at = blocks.data() + b * kBytes;
        grids[b] = {fp16BitsToFloat(loadU16(at)), 0.0f};
        for (std::size_t j = 0; j < kValues; ++j) {
            codes[b * kValues + j] =
                static_cast<std::int8_t>(std::to_integer<std::uint8_t>(at[2 + j]));
        }
    }
}

} // namespace qs::ggml
