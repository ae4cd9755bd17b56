#pragma once
// MSE calibration: the clip range whose quantize–dequantize error (rounding plus clipping) is
// least, for the scheme, bits, rounding and convention of `spec`.
//
// Method. Symmetric grids search a threshold t in (0, max|R|]; general and asymmetric grids
// search (lo, hi) inside [min R, max R].
//  1. Coarse: 400 thresholds (or, for two ends, coordinate descent over 120 candidates per end,
//     three rounds) scored on a 2048-bin histogram of the values — each bin's values taken at
//     its centre, with the within-bin spread added as width²/12 and a rounding error of
//     Scale²/12 once the bins are finer than the grid. Small groups (≤ 4096 values) are scored
//     exactly instead.
//  2. Exact: the error of the real values (quantizationError) on a 41-point scan of ±2 coarse
//     steps around the best candidate, then a 21-point scan of ±1/10 of a step around the
//     best of those (per end, twice, for two ends).
// Error bound. The exact scans resolve the threshold to 1/100 of the coarse step, max|R|/40000;
// near its minimum the MSE is flat to first order, so the error of stopping there is second
// order in that step — the test suite checks the result against a brute-force scan of 2000
// thresholds and requires it within 0.2 %.

#include "quant/choose_params.h"
#include "quant/quant_spec.h"
#include "tensor/group_stats.h"

#include <span>

namespace qs {

RealRange mseRange(std::span<const float> values, const GroupStats& stats, const QuantSpec& spec,
                   std::uint64_t firstIndex = 0);

} // namespace qs
