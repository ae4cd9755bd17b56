#pragma once
// The model-wide view: every floating-point tensor of a file analysed under one scheme, with the
// statistics that say which tensors will not survive it. Tensors are loaded, analysed and
// released one at a time, so memory stays near one tensor however large the model is.

#include "analysis/gguf_audit.h"
#include "analysis/outlier_stats.h"
#include "analysis/reference_comparison.h"
#include "analysis/reference_recipe.h"
#include "common/error.h"
#include "common/progress.h"
#include "io/tensor_archive.h"
#include "quant/quant_spec.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct TensorReportRow
{
    std::string name;
    Shape shape;
    std::string dtype;
    std::uint64_t count = 0;
    std::uint64_t bytes = 0; // as the file stores it
    bool alreadyQuantized = false;

    double min = 0;
    double max = 0;
    double mean = 0;
    double std = 0;
    double maxAbsOverStd = 0; // max|x| / σ
    OutlierStats outliers;

    double sqnrDb = 0;           // under the chosen scheme
    double zeroCodeFraction = 0; // of the finite values, under the chosen scheme
    // The same scheme per tensor and per output channel, and the difference (per channel − per
    // tensor); empty for tensors of rank < 2 or schemes that have no per-tensor form.
    std::optional<double> perTensorSqnrDb;
    std::optional<double> perChannelSqnrDb;
    std::optional<double> perChannelGainDb() const;

    // With ModelReportOptions::bestFormatBits: the shoot-out's best row (analysis/shootout.h).
    struct BestFormat
    {
        std::string name;
        double sqnrDb = 0;
        double bitsPerValue = 0;
    };
    std::optional<BestFormat> bestFormat;
};

// The reason given for integer and boolean tensors.
inline constexpr std::string_view kNotFloatingPoint = "not floating-point";

struct SkippedTensor
{
    std::string name;
    std::string reason;
};

struct ModelReport
{
    std::string file;
    // A model folder's name and architecture from its config.json ("tiny/llama,
    // LlamaForCausalLM"), empty for a file.
    std::string model;
    ArchiveFormat format = ArchiveFormat::Npy;
    QuantSpec spec;
    int channelAxis = 0;
    std::vector<TensorReportRow> tensors;
    std::vector<SkippedTensor> skipped; // not floating-point, empty, unreadable
    int bestFormatBits = 0;             // the shoot-out class of TensorReportRow::bestFormat
    std::optional<GgufAudit> gguf;      // a GGUF file: its types against its label
    // With a reference file: each tensor's stored values against it (compareWithReference).
    std::optional<ReferenceComparison> reference;
    // With a reference and a budget: the least-error types within it (analysis/reference_recipe.h).
    std::optional<ReferenceRecipe> recipe;
};

struct ModelReportOptions
{
    unsigned threads = 0; // 0 = automatic
    ProgressFn progress;  // over the whole file, weighted by element count; false cancels
    // Called from the calling thread after each tensor, for views that fill in as it runs.
    std::function<void(const TensorReportRow&)> onTensor;
    // 4 or 8: each tensor's best format of that bits class of the shoot-out, by SQNR within
    // bits + 1 per value (bestWithinBudget; a dozen more analyses per tensor, each tensor
    // loaded whole); 0: none.
    int bestFormatBits = 0;
};

// The axis of output channels for a file's weights: 0 (PyTorch, ONNX, safetensors, npz), or the
// last axis for TF.js, whose Keras kernels are laid out [kh, kw, in, out].
int outputChannelAxis(ArchiveFormat format);

// Errors: Cancelled, InvalidArgument (spec, bestFormatBits). A tensor that cannot be read or analysed is listed
// in `skipped` with the reason; the rest of the report goes on.
Result<ModelReport> analyzeModel(TensorArchive& archive, const QuantSpec& spec,
                                 const ModelReportOptions& options = {});

// One tensor's row (the tensor already loaded). Schemes that stream (canStream) are measured in
// the two reads of measureStreamed; others get the window's whole-tensor analyses.
Result<TensorReportRow> analyzeModelTensor(const Tensor& tensor, const TensorEntry& entry,
                                           const QuantSpec& spec, int channelAxis,
                                           unsigned threads = 0);

// One tensor's row read slice by slice from `source` (canStream(spec, shape) must hold).
Result<TensorReportRow> streamedModelRow(const ValueSource& source, const Shape& shape,
                                         const TensorEntry& entry, const QuantSpec& spec,
                                         int channelAxis, unsigned threads = 0);

} // namespace qs
