#pragma once
// A Hugging Face model folder opened as one tensor file: config.json (the architecture and the
// model's name, shown as metadata first) beside the weights, taken in this order —
// model.safetensors.index.json, the *.safetensors files, pytorch_model.bin.index.json, the
// pytorch_model*.bin (and *.pt, *.pth) files. Sharded weights open through their index, whose
// names must be in the shards it points to.

#include "common/error.h"
#include "io/tensor_archive.h"

#include <memory>
#include <string>

namespace qs {

// Errors: the folder holds no weights QuantScope reads (naming what it looked for); a
// config.json that is not JSON; anything a shard's reader refuses (a shard that asks to run
// code refuses the folder).
Result<std::unique_ptr<TensorArchive>> openModelFolder(const std::string& folder);

} // namespace qs
