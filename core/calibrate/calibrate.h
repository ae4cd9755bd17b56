#pragma once
// Range estimators: which real range [Rmin, Rmax] each group's grid should cover.
//   minmax        the finite extremes (the tutorial)
//   percentile    calibrate/percentile.h
//   mse           calibrate/mse_search.h
//   kl            calibrate/kl_divergence.h (a threshold t on |R|: [−t, t], inside [min, max])
//   aciq-gauss, aciq-laplace   calibrate/aciq.h
//   manual        the spec's [clipMin, clipMax] for every group (symmetric: ±max of their
//                 magnitudes); the integer grid only
// and, for percentile, mse and kl, the variants that compute what a framework computes
// (calibrate/histogram_calibrators.h, calibrate/kl_variants.h). A variant that yields one
// threshold t gives [−t, t] to a symmetric grid and [max(min R, −t), min(max R, t)] otherwise
// (the whole [min R, max R] where that would be empty: data all beyond t on one side).

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

// Kl's histogram bins, first threshold bin and quantized levels for `spec`: the spec's own, or
// its variant's defaults —
//   tensorrt-published     2048 bins, from bin 128, 2^(bits − 1) levels
//   pytorch-quantization   2048 bins, from bin 128, 2^(bits − 1 + unsigned) levels
//   onnxruntime            128 bins, 128 levels (no start bin: every window from levels/2)
//   mxnet                  8001 bins, 255 levels (no start bin)
int klBins(const QuantSpec& spec);
int klStartBin(const QuantSpec& spec);
int klLevels(const QuantSpec& spec);
// Whether the variant searches from a start bin (the others try every window).
bool klHasStartBin(KlVariant variant);

// One range per group of `layout` (values in the layout's order, stats from computeGroupStats).
// Errors: InvalidArgument for calibration arguments out of their domain; NoFiniteValues for a
// group without a finite value; Cancelled. `threads` bounds the MSE search's error passes.
Result<std::vector<CalibratedRange>>
calibrateGroups(std::span<const float> values, const GroupLayout& layout,
                std::span<const GroupStats> stats, const QuantSpec& spec,
                const ProgressFn& progress = {}, unsigned threads = 0);

} // namespace qs
