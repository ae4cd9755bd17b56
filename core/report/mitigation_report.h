#pragma once
// What `quantscope-cli mitigate` prints: one linear layer before and after the outlier-mitigation
// transforms, as JSON (the contract) or a table for a terminal:
//   {"weight": {tensor…, "matrix", "format"}, "activations": {tensor…, "matrix", "format",
//    "source", "synthetic"}, "before": {measures}, "after": {measures},
//    "smooth": {"alpha", "auto", "scales", "zero_channels", "alpha_scan"} | null,
//    "rotation": {"kind", "seed", "size", "block", "block_diagonal"} | null,
//    "int8_decomposition": {"threshold", "float16_channels", "count"} | null, "warnings"}
// measures: {"output_sqnr_db", "weight_sqnr_db", "activation_sqnr_db", "weight_kurtosis",
//   "activation_kurtosis", "weight_max_over_std", "activation_max_over_std",
//   "output_channel_sqnr_db", "weight_channel_abs_max", "activation_channel_abs_max"}
// Infinite SQNRs (a lossless product) are null, as everywhere in QuantScope's JSON.

#include "common/warning.h"
#include "generate/activation_generator.h"
#include "mitigate/mitigation.h"
#include "report/analysis_report.h"

#include <optional>
#include <string>

namespace qs {

struct MitigationReport
{
    TensorInfo weight;
    TensorInfo activations;
    std::optional<ActivationSpec> synthetic; // the generator's settings when X is synthetic
    std::string weightFormat;                // the format names the user gave
    std::string activationFormat;
    std::size_t outputs = 0;
    std::size_t inputs = 0;
    std::size_t tokens = 0;
    MitigationSettings settings;
    MitigationOutcome before;
    MitigationOutcome after;
    std::optional<AlphaScan> alphaScan; // SmoothQuant's α chosen by the scan
    Warnings loadWarnings;
};

std::string mitigationJson(const MitigationReport& report);
std::string mitigationText(const MitigationReport& report);

// "SmoothQuant α = 0.5 (auto) · Hadamard rotation, seed 0 · LLM.int8(), |x| ≥ 6: 3 channels in
// float16", or "none".
std::string transformsSummary(const MitigationReport& report);

} // namespace qs
