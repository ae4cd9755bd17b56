#pragma once
// GGUF files (llama.cpp, version 2 and 3): the header's metadata and tensor table, the file
// memory-mapped. Tensors stored as F32, F16, BF16, F64, I8, I16, I32 or I64 are read as values;
// the block types of ggml/block_codec.h (Q4_0 … Q6_K, IQ4_NL, IQ4_XS, MXFP4, NVFP4, TQ1_0,
// TQ2_0) are decoded exactly as ggml decodes them and marked already quantized; the lattice
// types (IQ1_*, IQ2_*, IQ3_*), ggml's intermediate types and unknown type ids are listed with
// their size and refused with the reason.
// ggml lists dimensions fastest first; QuantScope's shapes are C order, so they are reversed.

#include "io/tensor_archive.h"

namespace qs {

// Every count, length and offset the header claims is checked against the file before it is
// used: the magic and version, string and array lengths, dimension counts, tensor data past the
// end of the file, overlapping or misaligned tensors.
Result<std::unique_ptr<TensorArchive>> openGguf(const std::string& path);

} // namespace qs
