#pragma once
// The ggml part of `quantscope-cli bench --model-files`: quantizing 16M values to Q4_K (ggml's
// bytes, then their decoding), and the model report over a generated 2 GB Q4_K GGUF file (one
// set of blocks repeated in every tensor: real blocks, written fast), with its anonymous memory.

#include "bench_progress.h"
#include "common/error.h"
#include "quant/quant_spec.h"

#include <filesystem>

namespace qs::bench {

// Writes and removes its file inside `folder`; prints on stdout. Steps `firstStep` (quantizing)
// and `firstStep` + 1 (the report) of `totalSteps` go to `progress`.
Result<void> runGgufModelBench(const QuantSpec& spec, const std::filesystem::path& folder,
                               unsigned threads, const BenchProgress& progress = {},
                               int firstStep = 0, int totalSteps = 2);

} // namespace qs::bench
