#pragma once
// What a GGUF file's tensors are stored as, against what the file says it is. llama-quantize
// writes `general.file_type` (llama_ftype: 15 is "Q4_K_M") for a recipe that mixes types — Q4_K_M
// keeps some tensors in Q6_K — but a label can hide a file whose tensors are mostly another type
// (an MoE model's experts in MXFP4, a file re-quantized by hand). The audit counts, per ggml type,
// the tensors, values and bytes; the file's bits per value; and flags the label when the type it
// stands for is not the one that holds most of the quantized (2-D and larger) tensors' values.
//
// The type map groups tensors by layer (`blk.N.`) and role (the name after it without its
// `.weight` / `.bias`: attn_q, ffn_down, ...), the picture people draw to tune a recipe.

#include "io/tensor_archive.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct GgufTypeTotal
{
    std::string type; // ggml's name: "q4_k"
    std::size_t tensors = 0;
    std::uint64_t values = 0;
    std::uint64_t bytes = 0;
    double bitsPerValue() const;
};

struct TypeMapCell
{
    int layer = -1;   // the N of blk.N., −1 for tensors outside the layers (token_embd, output)
    std::string role; // "attn_q", "ffn_down", "token_embd"
    std::string name; // the whole tensor name
    std::string type;
};

struct GgufAudit
{
    std::vector<GgufTypeTotal> types; // most bytes first
    std::uint64_t values = 0;
    std::uint64_t bytes = 0;
    std::optional<std::uint32_t> fileType; // general.file_type
    std::string fileTypeName;              // "Q4_K_M", or "" when unknown
    std::string claimedType;               // the ggml type the label stands for: "q4_k"
    std::string dominantType; // the type holding most values of the 2-D and larger tensors
    bool labelDisagrees = false;
    std::string note; // why the label disagrees, in a sentence
    std::vector<TypeMapCell> typeMap;

    double bitsPerValue() const;
};

// The audit of a GGUF file's tensor table (nothing is read beyond the header); nullopt for files
// of other formats.
std::optional<GgufAudit> auditGguf(const TensorArchive& archive);

// llama_ftype's name ("Q4_K_M") and the ggml type it stands for ("q4_k"); empty for an unknown
// value.
std::pair<std::string, std::string> llamaFileType(std::uint32_t fileType);

// The layer and role of a llama.cpp tensor name.
TypeMapCell typeMapCell(const std::string& name, const std::string& type);

} // namespace qs
