#pragma once
// Opening the float file a quantized file is measured against (analysis/reference_comparison.h):
// any tensor file QuantScope reads, or a Hugging Face folder, whose weights are its
// model.safetensors or, when sharded, the shards its model.safetensors.index.json lists. The
// command line's --reference and the window's File → Compare with Reference… open it here.

#include "common/error.h"
#include "io/tensor_archive.h"

#include <memory>
#include <string>

namespace qs {

// Errors: those of openTensorArchive, and FileNotFound naming a folder that holds neither
// model.safetensors.index.json nor model.safetensors.
Result<std::unique_ptr<TensorArchive>> openReferenceArchive(const std::string& path);

} // namespace qs
