#pragma once
// Which amax the scales of a minifloat, MX, NVFP4 or bitsandbytes format start from. min–max
// (the block's max |x|) applies to every format. Where a format has a free scale — a minifloat's
// scale per tensor, channel or group, NVFP4's tensor scale, bitsandbytes' absmax per block —
// percentile (the P-th percentile of |x|) and least MSE (the amax whose quantize–dequantize error
// under the format itself is least) apply too. An MX scale is a power of two fixed by its block's
// amax, so MX takes min–max only; KL and ACIQ model an integer grid and apply to none.

#include "common/error.h"
#include "common/progress.h"
#include "quant/format_params.h"
#include "quant/group_layout.h"
#include "quant/group_stats.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"

#include <span>
#include <vector>

namespace qs {

struct FormatAmaxes
{
    std::vector<BlockAmax> blocks; // one per group of the layout
    double tensorAmax = 0;         // NVFP4's tensor scale's
};

// InvalidArgument with the reason when spec's calibration does not apply to its format.
Result<void> checkFormatCalibration(const QuantSpec& spec);

// `values` in the layout's order, `groups` from computeGroupStats. Errors: those of
// checkFormatCalibration, Cancelled.
Result<FormatAmaxes> calibrateFormat(std::span<const float> values, const GroupLayout& layout,
                                     std::span<const GroupStats> groups, const TensorStats& stats,
                                     const QuantSpec& spec, const ProgressFn& progress = {},
                                     unsigned threads = 0);

} // namespace qs
