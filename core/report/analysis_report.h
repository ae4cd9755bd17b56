#pragma once
// The report model of one analysis: everything `analyze` prints, as plain data, so the JSON and
// text writers (and later HTML/PDF) all say the same thing.

#include "analysis/analyze.h"
#include "common/warning.h"
#include "tensor/tensor.h"

#include <string>

namespace qs {

struct TensorInfo
{
    std::string name;
    Shape shape;
    Dtype dtype = Dtype::Float32;
};

struct AnalysisReport
{
    TensorInfo tensor;
    Analysis analysis;
    Warnings loadWarnings; // what the reader noticed; analysis.warnings follow
    // A ggml format quantized with an importance matrix: its file and format ("dat", "gguf").
    std::string importanceFile{};
    std::string importanceFormat{};
};

// The DESIGN.md contract: {"tensor", "scheme", "params", "metrics", "warnings"}, as one line of
// JSON. Infinite values (SQNR of a lossless pass) are written as null.
std::string analysisJson(const AnalysisReport& report);

// A readable summary for a terminal.
std::string analysisText(const AnalysisReport& report);

} // namespace qs
