#pragma once
// MSE calibration: the clip range whose quantize–dequantize error (rounding plus clipping) is
// least, for the scheme, bits, rounding and convention of `spec`.
//
// Method. Symmetric grids search a threshold t in (0, max|R|]; general and asymmetric grids
// search (lo, hi) inside [min R, max R].
//  1. Coarse. Symmetric: 400 thresholds scored on a 2048-bin histogram of the values — each
//     bin's values taken at its centre, with the within-bin spread added as width²/12, and a
//     rounding error of Scale²/12 once the bins are finer than the grid. Two ends: every pair
//     of a 48-point grid over [min R, max R] scored on a 256-bin histogram (the surface has
//     one valley per side an outlier can be clipped from, so a local search alone can stop in
//     the wrong one), then two rounds of coordinate descent, 60 candidates within ±1 grid cell
//     per end, on the 2048-bin histogram.
//  2. Exact: the error of the real values (quantizationError) on a 41-point scan of ±2 coarse
//     steps around the best threshold, then 21 points over ±1/10 of a step (two ends: ±1/10
//     cell with 41 points, then ±1/200 cell with 21, per end, twice each).
// Groups of at most 2048 values (per-channel rows, llama.cpp and GPTQ blocks) start coarser and
// are then scored exactly: 100 thresholds; or a 16-point grid of pairs (exact, or on the 256-bin
// histogram above 256 values) followed by three exact coordinate scans (±1 cell, ±1/12, ±1/150;
// 25, 25 and 21 candidates per end, twice each).
// Error bound. The exact scans resolve a threshold to max|R|/40000 and two ends to
// (max R − min R)/96000 (small groups: 1/100 of a step, span/48000); the MSE is flat to first
// order at its minimum, so stopping there costs an error second order in that step. The tests
// compare with brute-force scans (2000 thresholds; 120 × 120 pairs of ends) on a heavy-tailed
// tensor and on blocks of 32 and 1000 of it, and require every result within 0.2 %.
// Cost: about 60 (symmetric) or 250 (two ends) exact passes over a large group.

#include "common/progress.h"
#include "quant/choose_params.h"
#include "quant/group_stats.h"
#include "quant/quant_spec.h"

#include <optional>
#include <span>

namespace qs {

// `progress` follows the exact scans of a large group; nullopt when it asked to cancel.
std::optional<RealRange> mseRange(std::span<const float> values, const GroupStats& stats,
                                  const QuantSpec& spec, std::uint64_t firstIndex = 0,
                                  const ProgressFn& progress = {}, unsigned threads = 0);

} // namespace qs
