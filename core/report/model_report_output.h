#pragma once
// `quantscope-cli model` output: the per-tensor table of a model report as JSON, CSV or text.
// One column list serves all three, so they always agree.

#include "analysis/model_report.h"
#include "report/report_words.h"

#include <string>

namespace qs {

// {"file", "format", "scheme", "channel_axis", "tensors": [{"name", "shape", "dtype", "count",
//  "min", "max", "mean", "std", "max_over_std", "excess_kurtosis", "abs_p97_5", "peak_ratio",
//  "outlier_model_report", "beyond_6_sigma", "magnitude_ge_6", "outlier_llm_int8", "sqnr_db",
//  "zero_code_fraction", "per_tensor_sqnr_db", "per_channel_sqnr_db", "per_channel_gain_db",
//  "already_quantized", "bytes", "bits_per_value" (as stored), "type" (GGUF: ggml's type)}],
//  "skipped": [{"name", "reason"}], "gguf" (GGUF files: {"file_type", "file_type_name",
//  "claimed_type", "dominant_type", "label_disagrees", "note", "values", "bytes",
//  "bits_per_value", "types": [{"type", "tensors", "values", "bytes", "bits_per_value"}],
//  "type_map": [{"name", "layer", "role", "type"}]})}
std::string modelReportJson(const ModelReport& report);
// A header row, then one row per analysed tensor, in file order.
std::string modelReportCsv(const ModelReport& report);
// A table for the terminal, worst SQNR first, then the skipped tensors.
std::string modelReportText(const ModelReport& report);

// A document for people: the scheme, the worst-tensors chart (`chart`: markup for HTML, a file
// name for Markdown; empty for none) and the per-tensor table worst SQNR first, with the rules
// that fire, in the language of `words`. Numbers rounded for reading.
std::string modelReportHtml(const ModelReport& report, const std::string& chart,
                            const ReportWords& words = {});
std::string modelReportMarkdown(const ModelReport& report, const std::string& chart,
                                const ReportWords& words = {});

// The tensors flagged by any of the three outlier rules.
bool isOutlierTensor(const TensorReportRow& row);

} // namespace qs
