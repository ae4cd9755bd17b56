#pragma once
// `quantscope-cli bench --model-files`: generates a 2 GB float32 safetensors checkpoint (sparse:
// only its header is written) and a 1 GB bfloat16 one (real data), times listing the first and
// the model report over the second, samples the report's anonymous memory, and removes both.

#include "quant/quant_spec.h"

#include <string>

namespace qs::cli {

// Files go to a fresh folder inside `parent` (the system's temporary folder when empty).
int runModelFilesBench(const QuantSpec& spec, const std::string& parent, unsigned threads);

} // namespace qs::cli
