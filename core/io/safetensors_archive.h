#pragma once
// .safetensors checkpoints (Hugging Face): an 8-byte little-endian header length, a JSON header
// {"NAME": {"dtype": "BF16", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
// then the data. The file is memory-mapped; a tensor is converted only when loaded. Sharded
// checkpoints are opened through their model.safetensors.index.json ({"weight_map": {NAME: FILE}}).

#include "io/tensor_archive.h"

namespace qs {

// Every offset, size and dtype the header claims is checked against the file before the archive
// is returned: header length past the file, bad JSON, unknown fields' types, offsets past the end,
// overlapping or misaligned ranges, sizes that disagree with shape × dtype.
Result<std::unique_ptr<TensorArchive>> openSafetensors(const std::string& path);

// A sharded checkpoint: the index's weight_map, each shard validated as above, and every mapped
// name checked to exist in its shard.
Result<std::unique_ptr<TensorArchive>> openSafetensorsIndex(const std::string& indexPath);

} // namespace qs
