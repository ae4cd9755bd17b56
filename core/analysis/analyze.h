#pragma once
// The whole analysis of one tensor under one QuantSpec — what the GUI shows and
// `quantscope-cli analyze` prints:
//     stats -> calibrate -> chooseParams -> quantizePass (fused) -> Analysis
// For a minifloat, MX, NVFP4 or bitsandbytes format (spec.format) the middle steps are
// calibrateFormat and chooseFormatParams, and Analysis::spec is the resolved spec
// (quant/format_params.h: what the format does, in the integer grid's fields). A ggml block type
// is quantized by ggml's own rules (analysis/ggml_quantization.h) and measured on the codes it
// chose (analysis/stored_codes_pass.h); calibration does not apply to it.

#include "analysis/quantize_pass.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/warning.h"
#include "io/loaded_tensor.h"
#include "quant/group_layout.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"
#include "tensor/tensor_stats.h"
#include "tensor/tensor_view.h"

#include <optional>
#include <vector>

namespace qs {

struct AnalysisOptions
{
    std::size_t valueBins = 256;
    std::size_t errorBins = 128;
    std::span<std::int32_t> codesOut; // optional: one slot per element
    std::span<float> dequantOut;      // optional: one slot per element
    // optional, ggml formats: receives the blocks as ggml stores them (analysis/ggml_quantization.h)
    std::vector<std::byte>* ggmlBlocksOut = nullptr;
    // optional, ggml formats: an importance matrix's weights for the tensor (one per value of a
    // row, or that many per matrix of an expert tensor: io/imatrix_file.h), as llama-quantize
    // passes them to ggml's quantizers
    std::span<const float> ggmlImportance;
    // optional: the blocks the tensor is stored in (a GGUF tensor). Under its own type the
    // analysis measures them as they are — the file's codes and grids, the error against the
    // stored values 0 by construction — instead of quantizing the decoded values again.
    const StoredGgmlBlocks* storedBlocks = nullptr;
    unsigned threads = 0; // 0 = automatic
    ProgressFn progress;  // fraction of the whole analysis; false cancels
};

// One group's data and error, for the per-channel view.
struct GroupSummary
{
    double min = 0;
    double max = 0;
    double mean = 0;
    double std = 0;
    double mse = 0;
    double sqnrDb = 0;
    std::uint64_t clipped = 0;

    friend bool operator==(const GroupSummary&, const GroupSummary&) = default;
};

struct Analysis
{
    TensorStats stats;
    QuantSpec spec;
    GroupLayout layout;
    std::vector<QuantParams> params;  // one per group (a single group for per-tensor)
    std::vector<GroupSummary> groups; // likewise
    Metrics metrics;
    PassHistograms histograms;
    Warnings warnings;
    // NVFP4: the per-tensor decode scale and the amax it came from (quant/format_params.h).
    std::optional<double> tensorScale;
    std::optional<double> tensorAmax;
};

// Errors: EmptyTensor, NoFiniteValues, InvalidArgument (spec), Cancelled.
Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options = {});

// The same with the tensor's stats already computed (computeStats(tensor.values)), for callers
// that analyse one tensor under several specs.
Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options, const TensorStats& stats);

// One group of `tensor` as a tensor of its own (the values of channel or group `group` of
// spec's layout, in order), for looking at a channel by itself.
Result<Tensor> extractGroup(TensorView tensor, const QuantSpec& spec, std::size_t group);

// The analysis of `tensor` under fixed parameters (no calibration): a channel under the
// parameters its whole tensor gave it. spec.granularity is taken as per-tensor.
Result<Analysis> analyzeWithParams(TensorView tensor, const QuantSpec& spec,
                                   const QuantParams& params, const AnalysisOptions& options = {});

} // namespace qs
