#pragma once
// GGUF files (llama.cpp, version 2 and 3): the header's metadata and tensor table, the file
// memory-mapped. Tensors stored as F32, F16, BF16, F64, I8, I16, I32 or I64 are read; quantized
// ggml types (Q4_0, Q8_0, the K-quants, ...) are listed with their size and marked unsupported.
// ggml lists dimensions fastest first; QuantScope's shapes are C order, so they are reversed.

#include "io/tensor_archive.h"

namespace qs {

// Every count, length and offset the header claims is checked against the file before it is
// used: the magic and version, string and array lengths, dimension counts, tensor data past the
// end of the file, overlapping or misaligned tensors.
Result<std::unique_ptr<TensorArchive>> openGguf(const std::string& path);

} // namespace qs
