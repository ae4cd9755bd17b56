#pragma once
// The JSON objects every report shares: the tensor and the scheme, as the DESIGN.md contract
// spells them.

#include "quant/quant_spec.h"
#include "report/analysis_report.h"
#include "tensor/tensor_stats.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace qs {

// ordered_json keeps the contract's key order, which reads better than sorted keys.
using json = nlohmann::ordered_json;

// A finite number, or null (JSON has no infinities: SQNR of a lossless pass).
json number(double value);

json tensorJson(const TensorInfo& info, const TensorStats& stats);
json schemeJson(const QuantSpec& spec);
// {"name", the variant options in force, "block_size", "scale_format", "bits_per_value"
// [, "tensor_scale"]} for `spec` (an analysis' resolved spec) over `count` values in `groups`.
json formatJson(const QuantSpec& spec, std::size_t groups, std::size_t count,
                std::optional<double> tensorScale);

// Load and analysis warnings as one array of messages.
json warningsJson(const Warnings& first, const Warnings& second);

// One line; names come from files, so invalid UTF-8 is replaced rather than failing.
std::string dumpJson(const json& value);

} // namespace qs
