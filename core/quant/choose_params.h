#pragma once
// From a calibrated real range to QuantParams, for each scheme as the tutorial defines it.

#include "common/error.h"
#include "common/warning.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <limits>

namespace qs {

// A calibrated real range [lo, hi] of finite values (lo <= hi).
struct RealRange
{
    double lo = 0;
    double hi = 0;
    friend bool operator==(const RealRange&, const RealRange&) = default;
};

struct ParamsChoice
{
    QuantParams params;
    Warnings warnings;
};

// spec.convention picks whose arithmetic is followed.
//
// Tutorial — each numerical choice as the tutorial's NumPy code makes it:
//  * Rmax − Rmin is taken in float32 (NumPy subtracts two float32 scalars), then divided by
//    (Qmax − Qmin) in double; max|R| / Qmax likewise divides a float32 by an integer in double.
//  * Z = Qmax − Round(Rmax/Scale) (anchor max) or Qmin − Round(Rmin/Scale) (anchor min) is
//    computed in double and rounded half to even (np.round), whatever the element rounding.
//    Z is not clamped into [Qmin, Qmax]: the tutorial does not, and a warning says when real 0
//    then has no code.
//  * Unsigned symmetric grids put Z at the midpoint 2^(b−1) (PyTorch's quint8 convention) and
//    use Scale = max|R| / (Qmax − Z).
//  * Scale floor: a constant tensor (zero range), or a range so small that the scale would not
//    be a normal float32, gets Scale = float32 eps = 2^−23 ≈ 1.19e−7 (PyTorch's floor) and a
//    ScaleFloored warning. The scale is never zero, NaN or infinite.
//
// PyTorch — MinMaxObserver / PerChannelMinMaxObserver._calculate_qparams in PyTorch 1.13, all in
// float32 tensor arithmetic: the range is widened to include 0;
//   affine:    Scale = (max − min) / (Qmax − Qmin), Z = Qmin − round(min/Scale) clamped into
//              [Qmin, Qmax];
//   symmetric: Scale = max|R| / ((Qmax − Qmin)/2) (127.5 for int8) with Z = 0 (signed) or 128
//              (unsigned);
// Scale at least float32 eps. Codes as quantize_per_tensor: Round(R·(1/Scale)) + Z.
//
// LlamaQ8_0 — llama.cpp's quantize_row_q8_0: d = max|R| / 127 in float32, codes roundf(R·(1/d)),
// d stored as float16 and R' = Q·float16(d).
// LlamaQ4_0 — quantize_row_q4_0: m = the value of largest magnitude (`signedPeak`, sign kept),
// d = m / −8, codes min(15, (int)(R·(1/d) + 8.5)) in 0..15, R' = (Q − 8)·float16(d). Scale is
// then float16(d), which is negative when m is positive.
//
// Errors: InvalidArgument for bits outside [kMinBits, kMaxBits] or a non-finite range.
Result<ParamsChoice> chooseParams(RealRange range, const QuantSpec& spec,
                                  float signedPeak = std::numeric_limits<float>::quiet_NaN());

inline constexpr double kScaleFloor = 1.1920928955078125e-07; // float32 machine epsilon

} // namespace qs
