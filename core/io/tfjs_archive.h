#pragma once
// TensorFlow.js weights: a model.json (its "weightsManifest") or a bare *weights_manifest.json,
// with the binary shard files beside it. Each manifest group's weights lie back to back across
// the group's shards, in manifest order. float32, int32, float16 and bool entries are read; a
// "quantization": {"dtype": "uint8"|"uint16", "scale", "min"} entry holds codes q and its values
// are q·scale + min (already quantized once), a "float16" quantization holds half floats.

#include "io/tensor_archive.h"

namespace qs {

// `manifest` is the parsed JSON text of the file at `path`. Errors: a malformed manifest, a
// missing shard, a weight that runs past the end of its group's shards.
Result<std::unique_ptr<TensorArchive>> openTfjs(const std::string& path, const std::string& text);

} // namespace qs
