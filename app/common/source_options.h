#pragma once
// --input / --generate / --preset-data: where the tensor comes from.

#include "common/error.h"
#include "io/tensor_source.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace qs::cli {

struct SourceOptions
{
    std::string input;
    std::string rawDtype;
    std::string rawShape;
    std::uint64_t rawOffset = 0;
    std::string distribution;
    std::string presetData;
    std::optional<std::uint64_t> count;
    std::string shape;
    std::uint32_t seed = 0;
    GenerateSpec generate; // distribution parameters are written straight into it
    std::string outlierUnit = "sigma";
    std::string outlierSign = "positive";
};

void addSourceOptions(CLI::App& command, SourceOptions& options);

// Errors: InvalidArgument (usage) when no source or several are given, or a value is malformed.
Result<TensorSource> makeTensorSource(const SourceOptions& options);

// An error of the work done on a loaded file, named after that file if it names none yet.
Error withSourceFile(Error error, const TensorSource& source);

// "3,64,64" or "3x64x64" -> {3, 64, 64}.
Result<Shape> parseShape(const std::string& text);

} // namespace qs::cli
