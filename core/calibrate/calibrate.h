#pragma once
// Range estimators: which real range [Rmin, Rmax] each group's grid should cover.
//   minmax        the finite extremes (the tutorial)
//   percentile    calibrate/percentile.h
//   mse           calibrate/mse_search.h
//   kl            calibrate/kl_divergence.h (a threshold t on |R|: [−t, t], inside [min, max])
//   aciq-gauss, aciq-laplace   calibrate/aciq.h

#include "common/error.h"
#include "common/progress.h"
#include "quant/choose_params.h"
#include "quant/group_layout.h"
#include "quant/group_stats.h"
#include "quant/quant_spec.h"

#include <span>
#include <vector>

namespace qs {

struct CalibratedRange
{
    RealRange range;
    float signedPeak = 0; // the group's value of largest magnitude (llama.cpp Q4_0)
};

inline constexpr int kMaxKlBins = 1 << 20;

// Kl's quantized levels for `spec`: klLevels, or 2^(bits − 1).
int klLevels(const QuantSpec& spec);

// One range per group of `layout` (values in the layout's order, stats from computeGroupStats).
// Errors: InvalidArgument for calibration arguments out of their domain; NoFiniteValues for a
// group without a finite value; Cancelled. `threads` bounds the MSE search's error passes.
Result<std::vector<CalibratedRange>>
calibrateGroups(std::span<const float> values, const GroupLayout& layout,
                std::span<const GroupStats> stats, const QuantSpec& spec,
                const ProgressFn& progress = {}, unsigned threads = 0);

} // namespace qs
