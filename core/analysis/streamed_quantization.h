#pragma once
// The model report's numbers for one tensor in two reads of its values, however many schemes the
// row measures (the chosen one and, beside it, one scale per tensor and one per output channel):
//   read 1  the stats, each channel layout's finite extremes (the schemes' parameters follow from
//           them), and the top-bit counts of |x| (analysis/percentile_counts.h)
//   read 2  each scheme's ΣR², Σe², finite and zero-code counts (the lean error kernel of
//           quant/quantization_error.h over each channel's stretch of the slice), the central
//           moments and outlier counts of analysis/outlier_stats.h, and the percentile's low bits
// The values come slice by slice from a ValueSource, converted or decoded per worker: a bfloat16
// checkpoint or a tensor of ggml blocks never becomes a float32 copy, and memory stays at a few
// slices per worker whatever the tensor's size. The numbers are those of computeStats,
// computeOutlierStats and analyzeTensor for the same specs up to the order in which partial sums
// are added, and the same for any thread count.
//
// It covers the specs whose parameters follow from each group's extremes alone: min–max
// calibration, per tensor or per channel along the first or last axis, deterministic rounding,
// the tutorial's or PyTorch's arithmetic, the integer grid with its scale as computed. Other specs
// (the minifloat, MX, NVFP4, bitsandbytes and ggml formats among them) need the whole tensor
// (analyzeTensor).

#include "analysis/outlier_stats.h"
#include "common/error.h"
#include "io/value_source.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"
#include "tensor/tensor_stats.h"

#include <span>
#include <vector>

namespace qs {

struct QuantSummary
{
    double sqnrDb = 0;
    double zeroCodeFraction = 0;
};

bool canStream(const QuantSpec& spec, const Shape& shape);

struct StreamedNumbers
{
    TensorStats stats;
    OutlierStats outliers;
    // One per spec, in order: its summary, or why it does not apply (NoFiniteValues for a tensor
    // without a finite value; a spec whose parameters cannot be chosen).
    std::vector<Result<QuantSummary>> schemes;
};

// Errors: InvalidArgument when a spec does not stream (canStream) or `specs` is empty.
Result<StreamedNumbers> measureStreamed(const ValueSource& source, const Shape& shape,
                                        std::span<const QuantSpec> specs, unsigned threads = 0);

} // namespace qs
