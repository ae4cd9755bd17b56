#pragma once
// A quantized file measured against its float source: each tensor of the quantized file (a GGUF
// file's decoded blocks, or any file QuantScope reads) matched with the reference tensor of the
// same name — or, for a llama-family GGUF against a Hugging Face checkpoint, by llama.cpp's name
// mapping with the converter's Q/K row order re-applied (analysis/llama_names.h) — and:
//   stored        the stored values against the reference: sqnr_db, mse, max_abs_error,
//                 cosine_similarity (analysis/metrics.h's definitions, e = stored − reference)
//   alternatives  each other ggml type of the same bits class (the element bits: 2, 3, 4, 5, 6,
//                 8) quantized from the reference values as ggml_quantize_chunk does, the same
//                 metrics and its bits per value
//   ladder        the candidates a recipe chooses from (analysis/gguf_recipe.h): the k-quants
//                 q2_k … q6_k and q8_0 for rows of whole 256-blocks, q4_0, q5_0, q8_0 for rows
//                 of 32-blocks, and the stored type as it is
// Tensors are read one pair at a time: memory holds the two float copies and one quantization.

#include "analysis/metrics.h"
#include "common/error.h"
#include "common/progress.h"
#include "io/tensor_archive.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

struct ReferenceMetrics
{
    double sqnrDb = 0;
    double mse = 0;
    double maxAbsError = 0;
    double cosineSimilarity = 0;
};

struct TypeOnReference
{
    std::string type; // ggml's name
    double bitsPerValue = 0;
    std::uint64_t bytes = 0;
    ReferenceMetrics metrics;
};

struct ReferenceMatch
{
    std::string name;          // in the quantized file
    std::string referenceName; // in the reference, empty when unmatched
    std::string type;          // as stored
    std::uint64_t count = 0;
    std::uint64_t bytes = 0; // as stored
    std::optional<ReferenceMetrics> stored;
    std::vector<TypeOnReference> alternatives;
    std::vector<TypeOnReference> ladder;
    std::string note; // why there is nothing to compare, when so
};

struct ReferenceComparison
{
    std::string referenceFile;
    std::vector<ReferenceMatch> tensors; // the quantized file's order
};

struct ReferenceOptions
{
    unsigned threads = 0;
    ProgressFn progress;
    bool ladder = false; // quantize the recipe's candidates too
};

// Errors: Cancelled. Tensors that cannot be matched, read or compared are listed with a note.
Result<ReferenceComparison> compareWithReference(TensorArchive& quantized, TensorArchive& reference,
                                                 const ReferenceOptions& options = {});

// The stored values against the reference (same size).
ReferenceMetrics referenceMetrics(std::span<const float> stored, std::span<const float> reference);

} // namespace qs
