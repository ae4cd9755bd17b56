#pragma once
// The searches behind ggml's k-quants with a minimum (Q2_K, Q4_K, Q5_K), kept to ggml's float32
// operations and their order so that the codes and scales they find are ggml's bit for bit.
//
// searchScaleAndMin: codes l in 0..levelMax and a grid scale·l − minimum fitted to one sub-block
//   by weighted least squares over a sweep of trial step sizes. It is ggml's make_qkx2_quants
//   (path without an importance matrix) and, given weights, also its make_qkx3_quants (path
//   with one) as the ggml of our reference build has it. Newer ggml caps a trial's scaled value
//   at levelMax before rounding it in make_qkx3_quants; that changes codes only where the value
//   lies beyond nearest_int's range.
// fitScaleCodes: the sub-blocks' scales (or minima) themselves quantized to 0..levelMax under
//   one scale, also by weighted least squares (ggml's make_qp_quants, importance path only).
// roundToInt: ggml's nearest_int on every input, including those outside its asserted range.

#include <cstdint>
#include <span>

namespace qs::ggml {

// ggml asserts |x| ≤ 2^22 − 1 before rounding but builds with the assert compiled out, and the
// searches do reach larger, infinite and NaN arguments (sub-normal rows, fp16 overflow); this
// returns what ggml's rounding trick yields then, and nearestInt's result inside the range.
int roundToInt(float value);

struct MinSearchSweep
{
    int levelMax = 0;           // codes are 0..levelMax
    float firstOffset = 0;      // trial k divides the range into levelMax + firstOffset + k·step
    float offsetStep = 0;       //   steps
    int lastTrial = 0;          // trials k = 0..lastTrial
    bool absoluteError = false; // weigh |error| (true) or error² (false)
};

struct ScaleAndMin
{
    float scale = 0;
    float minimum = 0; // the amount subtracted: value ≈ scale·code − minimum, minimum ≥ 0
};

// values, weights and codes of one sub-block (at most 32 values).
ScaleAndMin searchScaleAndMin(std::span<const float> values, std::span<const float> weights,
                              const MinSearchSweep& sweep, std::span<std::uint8_t> codes);

// values, weights and codes of one super-block's sub-block scales (at most 16); returns the
// scale of the codes (0 when every value is below ggml's epsilon).
float fitScaleCodes(std::span<const float> values, std::span<const float> weights, int levelMax,
                    std::span<std::uint8_t> codes);

} // namespace qs::ggml
