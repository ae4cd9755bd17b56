#pragma once
// The whole analysis of one tensor under one QuantSpec — what the GUI shows and
// `quantscope-cli analyze` prints:
//     stats -> calibrate -> chooseParams -> quantizePass (fused) -> Analysis

#include "analysis/quantize_pass.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/warning.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"
#include "tensor/tensor_view.h"

#include <vector>

namespace qs {

struct AnalysisOptions
{
    std::size_t valueBins = 256;
    std::size_t errorBins = 128;
    std::span<std::int32_t> codesOut; // optional: one slot per element
    std::span<float> dequantOut;      // optional: one slot per element
    unsigned threads = 0;             // 0 = automatic
    ProgressFn progress;              // fraction of the whole analysis; false cancels
};

struct Analysis
{
    TensorStats stats;
    QuantSpec spec;
    std::vector<QuantParams> params; // one per group (a single group for per-tensor)
    Metrics metrics;
    PassHistograms histograms;
    Warnings warnings;
};

// Errors: EmptyTensor, NoFiniteValues, InvalidArgument (spec), Cancelled.
Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options = {});

// The same with the tensor's stats already computed (computeStats(tensor.values)), for callers
// that analyse one tensor under several specs.
Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options, const TensorStats& stats);

} // namespace qs
