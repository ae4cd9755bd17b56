#pragma once
// A tensor's stats and quantization error computed slice by slice from a ValueSource, for the
// model-wide report: a bfloat16 checkpoint is never turned into a float32 copy, so memory stays
// at a few slices per worker whatever the tensor's size. The numbers are those of analyzeTensor
// for the same spec, up to the order in which partial sums are added.
//
// It covers the specs whose parameters follow from each group's extremes alone: min–max
// calibration, per tensor or per channel along the first or last axis, deterministic rounding,
// the tutorial's or PyTorch's arithmetic, the integer grid with its scale as computed. Other specs
// (the minifloat, MX, NVFP4 and bitsandbytes formats among them) need the whole tensor
// (analyzeTensor).

#include "common/error.h"
#include "io/value_source.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"
#include "tensor/tensor_stats.h"

namespace qs {

struct QuantSummary
{
    double sqnrDb = 0;
    double zeroCodeFraction = 0;
};

bool canStream(const QuantSpec& spec, const Shape& shape);

// computeStats over the source, slice by slice.
TensorStats streamedStats(const ValueSource& source, unsigned threads = 0);

// `stats` must be streamedStats(source). Errors: InvalidArgument (spec, shape).
Result<QuantSummary> streamedQuantization(const ValueSource& source, const Shape& shape,
                                          const QuantSpec& spec, const TensorStats& stats,
                                          unsigned threads = 0);

} // namespace qs
