#pragma once
// Error metrics of one quantize–dequantize pass. With R the input, R' the dequantized value and
// e = R' − R (float32, as NumPy's `diff`), over the n finite inputs (NaN/±Inf excluded):
//
//   mse = Σe²/n    rmse = √mse    mae = Σ|e|/n    max_abs_error = max|e|
//   sqnr_db = 10·log10(ΣR² / Σe²)               (+∞ when e ≡ 0)
//   cosine_similarity = ΣR·R' / (√ΣR² · √ΣR'²)  (1 when both are all zero)
//   clipped_below / clipped_above: inputs whose Round(R/Scale + Z) fell below Qmin / above Qmax
//   clipped_fraction = (clipped_below + clipped_above) / n
//   codes_used: distinct codes taken by finite inputs; codes_total = Qmax − Qmin + 1
//   zero_code_fraction: share of finite inputs whose code is the zero point (the code of real 0)
//   unused_range_fraction = 1 − (q(max R) − q(min R) + 1) / (Qmax − Qmin + 1)
//       (with groups: the unused codes of every group over all the groups' codes)
//       where q is the scheme's quantize function (with clipping) and min R, max R are the finite
//       extremes: the share of the integer range that no value inside the tensor's own range can
//       reach. Symmetric int8 on all-positive data leaves about half unused (the tutorial's red
//       area); the general scheme on the tutorial's three values leaves the codes below
//       q(−1.0161772) = −112 unused.

#include <cstdint>

namespace qs {

struct Metrics
{
    double mse = 0;
    double rmse = 0;
    double mae = 0;
    double maxAbsError = 0;
    double sqnrDb = 0;
    double cosineSimilarity = 0;
    std::uint64_t clippedBelow = 0;
    std::uint64_t clippedAbove = 0;
    double clippedFraction = 0;
    std::int64_t codesUsed = 0;
    std::int64_t codesTotal = 0;
    double zeroCodeFraction = 0;
    double unusedRangeFraction = 0;
    // The part of mse that comes from clipped values (mse − clippingMse is the rounding part).
    // Not in the JSON contract; the window and the sweeps show it.
    double clippingMse = 0;

    friend bool operator==(const Metrics&, const Metrics&) = default;
};

} // namespace qs
