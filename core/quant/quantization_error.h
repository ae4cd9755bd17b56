#pragma once
// The quantize–dequantize error of values under given parameters, split into the error of the
// values inside the grid (rounding) and of the clipped ones — the quantity the MSE calibration
// minimises and the clip sweep plots. A lean SIMD pass: no histograms, no outputs.

#include "quant/choose_params.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <span>

namespace qs {

struct ErrorSums
{
    std::uint64_t count = 0;   // finite values
    std::uint64_t clipped = 0; // of which clipped
    std::uint64_t atZero = 0;  // of which on the code that holds 0 (the zero point's)
    double sumX2 = 0;          // ΣR²
    double sumE2 = 0;          // Σ(R' − R)² over all finite values
    double sumE2Clipped = 0;   // the part from clipped values

    double mse() const { return count == 0 ? 0 : sumE2 / static_cast<double>(count); }
    double clippingMse() const
    {
        return count == 0 ? 0 : sumE2Clipped / static_cast<double>(count);
    }
    double roundingMse() const { return mse() - clippingMse(); }
};

// `firstIndex` is the index of values[0] in the tensor (stochastic rounding's counter).
// `threads`: 0 = automatic (one thread for small inputs); the sums do not depend on it.
ErrorSums quantizationError(std::span<const float> values, const QuantParams& params,
                            Rounding rounding, std::uint64_t roundingSeed = 0,
                            std::uint64_t firstIndex = 0, unsigned threads = 0);

// Whether any finite value of a group with these finite extremes may round outside
// [Qmin, Qmax] (the integer grid). Quantization is monotonic in R, so the extremes tell; stochastic
// rounding may go either way, so both ways are tried.
bool mayClip(const QuantParams& params, RealRange extremes, Rounding rounding);

// quantizationError on one thread for values the caller has proven finite and inside the grid
// (the integer grid, deterministic rounding, !mayClip on their extremes): the same sums, bit for
// bit, without the masks that finite and clipped values need.
ErrorSums insideQuantizationError(std::span<const float> values, const QuantParams& params,
                                  Rounding rounding);

} // namespace qs
