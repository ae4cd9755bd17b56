#include "ggml/k_quant_search_min.h"

#include "ggml/ggml_scalars.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstddef>

namespace qs::ggml {
namespace {

constexpr std::size_t kMaxSubBlock = 32;
// ggml's GROUP_MAX_EPS: scales whose largest is below it count as all zero.
constexpr float kAllZeroBelow = 1e-15f;
// nearest_int's exact range: 1.5·2^23 + x keeps x's rounded integer in the low mantissa bits.
constexpr float kExactRoundingLimit = 4194303.0f;
constexpr float kRoundingShift = 12582912.0f;

int clampCode(int code, int levelMax)
{
    return code < 0 ? 0 : (code > levelMax ? levelMax : code);
}

struct WeightedRange
{
    float low = 0; // the smallest value, raised to 0: the grid always reaches 0
    float high = 0;
    float weightSum = 0;
    float weightedValueSum = 0;
};

WeightedRange scanRange(std::span<const float> values, std::span<const float> weights)
{
    // Seeded from the first value and compared with <, > so that NaNs behave as in ggml.
    WeightedRange range{values[0], values[0], weights[0], weights[0] * values[0]};
    for (std::size_t i = 1; i < values.size(); ++i) {
        if (values[i] < range.low) {
            range.low = values[i];
        }
        if (values[i] > range.high) {
            range.high = values[i];
        }
        range.weightSum += weights[i];
        range.weightedValueSum += weights[i] * values[i];
    }
    if (range.low > 0) {
        range.low = 0;
    }
    return range;
}

// The weighted error of codes on the grid scale·code + offset (offset ≤ 0), summed in order.
float gridError(std::span<const float> values, std::span<const float> weights,
                std::span<const std::uint8_t> codes, float scale, float offset, bool absolute)
{
    float error = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        float diff = scale * static_cast<float>(codes[i]) + offset - values[i];
        diff = absolute ? std::fabs(diff) : diff * diff;
        error += weights[i] * diff;
    }
    return error;
}

// Least squares for scale and offset given the trial codes; false when the normal equations are
// singular. An offset above 0 is refitted as a scale alone through the origin.
bool fitGrid(std::span<const float> values, std::span<const float> weights,
             const WeightedRange& range, std::span<const std::uint8_t> codes, float& scale,
             float& offset)
{
    float sumL = 0;
    float sumL2 = 0;
    float sumXL = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto level = static_cast<float>(codes[i]);
        sumL += weights[i] * level;
        sumL2 += weights[i] * level * level;
        sumXL += weights[i] * level * values[i];
    }
    const float det = range.weightSum * sumL2 - sumL * sumL;
    if (!(det > 0)) {
        return false;
    }
    scale = (range.weightSum * sumXL - range.weightedValueSum * sumL) / det;
    offset = (sumL2 * range.weightedValueSum - sumL * sumXL) / det;
    if (offset > 0) {
        offset = 0;
        scale = sumXL / sumL2;
    }
    return true;
}

// make_qp_quants' closing coordinate descent: each code in turn moves to the level that the
// least-squares scale of the others asks for, kept when the fit (Σwlx)²/Σwl² improves.
void refineCodes(std::span<const float> values, std::span<const float> weights, int levelMax,
                 std::span<std::uint8_t> codes, float& sumLX, float& sumL2)
{
    for (int pass = 0; pass < 5; ++pass) {
        int changed = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const float w = weights[i];
            const float x = values[i];
            const auto current = static_cast<float>(codes[i]);
            float lx = sumLX - w * x * current;
            float l2 = sumL2 - w * current * current;
            if (!(lx > 0 && l2 > 0)) {
                continue;
            }
            const int candidate = std::min(levelMax, roundToInt(x * l2 / lx));
            if (candidate == codes[i]) {
                continue;
            }
            const auto level = static_cast<float>(candidate);
            lx += w * x * level;
            l2 += w * level * level;
            if (lx * lx * sumL2 > sumLX * sumLX * l2) {
                // ggml stores the code in a byte: a negative candidate wraps, as here.
                codes[i] = static_cast<std::uint8_t>(candidate);
                sumLX = lx;
                sumL2 = l2;
                ++changed;
            }
        }
        if (changed == 0) {
            return;
        }
    }
}

// The weighted squared error of values against scale·min(levelMax, round(inverse·value)).
float cappedError(std::span<const float> values, std::span<const float> weights, int levelMax,
                  float inverse, float scale)
{
    float error = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int level = std::min(levelMax, roundToInt(inverse * values[i]));
        const float diff = values[i] - scale * static_cast<float>(level);
        error += weights[i] * diff * diff;
    }
    return error;
}

} // namespace

int roundToInt(float value)
{
    if (std::fabs(value) <= kExactRoundingLimit) {
        return nearestInt(value);
    }
    const float shifted = value + kRoundingShift;
    return static_cast<int>(std::bit_cast<std::uint32_t>(shifted) & 0x007fffffu) - 0x00400000;
}

ScaleAndMin searchScaleAndMin(std::span<const float> values, std::span<const float> weights,
                              const MinSearchSweep& sweep, std::span<std::uint8_t> codes)
{
    assert(!values.empty() && values.size() <= kMaxSubBlock);
    assert(weights.size() == values.size() && codes.size() == values.size());
    const WeightedRange range = scanRange(values, weights);
    float offset = range.low;
    if (range.high == offset) {
        std::ranges::fill(codes, std::uint8_t{0});
        return {0.0f, -offset};
    }
    // Start from the grid that spans [low, high] exactly.
    float inverse = static_cast<float>(sweep.levelMax) / (range.high - offset);
    float scale = 1.0f / inverse;
    for (std::size_t i = 0; i < values.size(); ++i) {
        codes[i] = static_cast<std::uint8_t>(
            clampCode(roundToInt(inverse * (values[i] - offset)), sweep.levelMax));
    }
    float bestError = gridError(values, weights, codes, scale, offset, sweep.absoluteError);

    std::array<std::uint8_t, kMaxSubBlock> trialStorage{};
    const std::span<std::uint8_t> trial(trialStorage.data(), values.size());
    for (int k = 0; k <= sweep.lastTrial; ++k) {
        // ggml divides by the range down from the best offset so far, not the initial one.
        const float steps = sweep.firstOffset + sweep.offsetStep * static_cast<float>(k) +
                            static_cast<float>(sweep.levelMax);
        inverse = steps / (range.high - offset);
        for (std::size_t i = 0; i < values.size(); ++i) {
            // The offset tried can lie well inside the values, so this may round values far outside
            // nearest_int's range; ggml rounds them as they are and clamps the integer.
            trial[i] = static_cast<std::uint8_t>(
                clampCode(roundToInt(inverse * (values[i] - offset)), sweep.levelMax));
        }
        float trialScale = 0;
        float trialOffset = 0;
        if (!fitGrid(values, weights, range, trial, trialScale, trialOffset)) {
            continue;
        }
        const float error =
            gridError(values, weights, trial, trialScale, trialOffset, sweep.absoluteError);
        if (error < bestError) {
            std::ranges::copy(trial, codes.begin());
            bestError = error;
            scale = trialScale;
            offset = trialOffset;
        }
    }
    return {scale, -offset};
}

float fitScaleCodes(std::span<const float> values, std::span<const float> weights, int levelMax,
                    std::span<std::uint8_t> codes)
{
    assert(weights.size() == values.size() && codes.size() == values.size());
    float top = 0;
    for (const float value : values) {
        top = top > value ? top : value; // as ggml's MAX: a NaN value replaces the maximum
    }
    if (top < kAllZeroBelow) {
        std::ranges::fill(codes, std::uint8_t{0});
        return 0.0f;
    }
    // First guess: the largest value on the top level, codes not capped (nor refitted).
    float inverse = static_cast<float>(levelMax) / top;
    const float firstScale = 1.0f / inverse;
    float bestError = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        codes[i] = static_cast<std::uint8_t>(roundToInt(inverse * values[i]));
        const float diff = values[i] - firstScale * static_cast<float>(codes[i]);
        bestError += weights[i] * diff * diff;
    }
    for (int k = -4; k <= 4; ++k) {
        if (k == 0) {
            continue;
        }
        const float trialInverse =
            (0.1f * static_cast<float>(k) + static_cast<float>(levelMax)) / top;
        const float error =
            cappedError(values, weights, levelMax, trialInverse, 1.0f / trialInverse);
        if (error < bestError) {
            bestError = error;
            inverse = trialInverse;
        }
    }
    float sumLX = 0;
    float sumL2 = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int code = std::min(levelMax, roundToInt(inverse * values[i]));
        codes[i] = static_cast<std::uint8_t>(code);
        const auto level = static_cast<float>(code);
        sumLX += weights[i] * values[i] * level;
        sumL2 += weights[i] * level * level;
    }
    refineCodes(values, weights, levelMax, codes, sumLX, sumL2);
    return sumL2 > 0.0f ? sumLX / sumL2 : 0.0f;
}

} // namespace qs::ggml
