#pragma once
// ONNX models, read with the ONNX project's protobuf classes: graph initializers, the tensors of
// Constant nodes (named by the node's output), and both kinds inside subgraphs (If branches,
// Loop and Scan bodies), at any depth. Data in raw_data or the typed fields; external data is
// listed but refused.

#include "io/tensor_archive.h"

namespace qs {

// Errors: not a protobuf ModelProto, no graph, a tensor whose data disagrees with its dims and
// type. The whole model is parsed (ONNX keeps everything in one message); tensors are converted
// one at a time when loaded.
Result<std::unique_ptr<TensorArchive>> openOnnx(const std::string& path);

} // namespace qs
