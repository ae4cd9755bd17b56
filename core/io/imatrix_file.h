#pragma once
// llama.cpp's importance matrices (the output of `llama-imatrix`), read into the per-column
// weights llama-quantize hands to ggml_quantize_chunk as `quant_weights` for each tensor. Both
// formats llama-quantize reads are read, told apart by content (the GGUF magic), not by name.
//
// Legacy .dat (llama-imatrix --output-format dat; save_imatrix_legacy / load_legacy_imatrix),
// little-endian int32 and float32, no magic:
//     n_entries                                       (at least 1)
//     n_entries × { len, name[len], ncall, nval, value[nval] }   (nval at least 1)
//     optional trailer: chunk_count, len, dataset[len]
//   weight[i] = value[i] / ncall when ncall > 0, else value[i] unchanged.
//   The name ends at its first NUL byte, as llama-quantize reads it; a name given twice keeps its
//   last entry (llama-quantize overwrites). Bytes after the trailer are ignored, as there.
//
// GGUF (llama-imatrix's default; load_imatrix): per tensor NAME two float32 tensors,
//     NAME.in_sum2  [ne0, n]   Σx² over the calibration tokens, n slices of ne0 values
//     NAME.counts   [1, n]     the tokens each slice saw
//   and the metadata imatrix.datasets (strings), imatrix.chunk_count and imatrix.chunk_size
//   (uint32), which llama-quantize requires. general.type, which it does not read, must be
//   "imatrix" when present, so that a model file is named for what it is.
//   weight[j·ne0 + i] = in_sum2[j·ne0 + i] / counts[j] when counts[j] > 0, else 1
//   (a slice that never saw a token — an expert the calibration text never routed to — weighs
//   all its columns equally). Other tensors (in_sum, from forks) are ignored; a file without any
//   pair reads with no entries, as llama-quantize then quantizes without weights.
//
// For a 3-D (expert) tensor of ne[2] matrices the weights are ne[2] slices of ne[0] values one
// after another: matrix e uses weights[e·ne[0], (e+1)·ne[0]).
//
// Refused where ggml's GGUF reader refuses the file (a name of 64 bytes or more, a key or tensor
// twice), where llama-quantize would crash, abort or misread (a negative length, a counts tensor
// shorter than its slices, a non-float32 tensor, a metadata value of the wrong type, sums of
// more than two dimensions), and for weights that are NaN, infinite or negative: llama-quantize
// does not check them but hands them to ggml's quantizers, where a non-finite weight can make a
// block's scale NaN (the rows then fail its validation) and a negative one makes the weighted
// error it minimises meaningless. Counts must be finite and non-negative for the same reason.

#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct ImportanceMatrix
{
    std::string path;
    std::string format; // "dat" or "gguf"
    // Per tensor name, the weights llama-quantize would pass (see above), by name in O(log n).
    std::map<std::string, std::vector<float>, std::less<>> entries;
    std::vector<std::string> datasets; // the calibration files, where recorded
    std::int64_t chunks = 0;           // the chunks it was computed on, where recorded (else 0)

    friend bool operator==(const ImportanceMatrix&, const ImportanceMatrix&) = default;
};

// Every count and length is checked against the file before it is used. Errors, naming the file
// (and the tensor where one applies): FileNotFound, ReadFailed, BadMagic, BadHeader, Truncated,
// BadValue (a NaN, infinite or negative weight or count), TooLarge.
Result<ImportanceMatrix> readImportanceMatrix(const std::string& path);

// The weights for tensor `name`, whose rows hold `rowLength` values and which has `matrices`
// matrices (1, or the expert count ne[2] of a 3-D tensor): rowLength × matrices of them, as
// llama-quantize requires. Errors: TensorNotFound (no entry for the tensor), InvalidArgument
// (a size that does not match, both sizes named; llama-quantize stops there too, except for
// token_embd.weight, which it then quantizes without weights — the caller decides).
Result<std::span<const float>> importanceFor(const ImportanceMatrix& m, std::string_view name,
                                             std::size_t rowLength, std::size_t matrices = 1);

} // namespace qs
