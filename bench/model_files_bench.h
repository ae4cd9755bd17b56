#pragma once
// `quantscope-cli bench --model-files`: generates a 2 GB float32 safetensors checkpoint (sparse:
// only its header is written) and a 1 GB bfloat16 one (real data), times listing the first and
// the model report over the second, samples the report's anonymous memory, and removes both.

#include "bench_progress.h"
#include "common/error.h"
#include "quant/quant_spec.h"

#include <string>

namespace qs::bench {

// Prints its table on stdout. Files go to a fresh folder inside `parent` (the system's temporary
// folder when empty). Its four steps (listing, the bfloat16 report, Q4_K quantization, the GGUF
// report) go to `progress`. Errors: WriteFailed, and those of opening or reading the files.
inline constexpr int kModelFilesBenchSteps = 4;
Result<void> runModelFilesBench(const QuantSpec& spec, const std::string& parent, unsigned threads,
                                const BenchProgress& progress = {});

} // namespace qs::bench
