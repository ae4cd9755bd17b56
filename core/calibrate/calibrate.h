#pragma once
// Range estimators: which real range [Rmin, Rmax] the quantization grid should cover.

#include "common/error.h"
#include "quant/choose_params.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"
#include "tensor/tensor_view.h"

namespace qs {

// minmax: the finite extremes [min R, max R], as the tutorial uses them.
// Errors: NoFiniteValues when the tensor has no finite value.
Result<RealRange> calibrateRange(TensorView tensor, const TensorStats& stats,
                                 CalibrationMethod method);

} // namespace qs
