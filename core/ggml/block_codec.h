#pragma once
// ggml's tensor types as QuantScope knows them: every type id a GGUF file may carry, its block
// (values and bytes), and for the block types QuantScope quantizes into and decodes, the codec.
//
//   quantizeRows    float32 rows → the bytes ggml_quantize_chunk writes (ggml/*_quants.h)
//   decodeBlocks    stored blocks → one code per value and one SubBlockGrid per run of values
//                   sharing a scale (ggml/sub_block_grid.h)
//   dequantizeBlocks  stored blocks → R′ exactly as ggml's dequantize_row_* computes it
//
// Rows run along a tensor's last axis and must be a whole number of blocks, as in ggml. The
// lattice types (IQ1_S, IQ1_M, IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S) decode through tables of
// ggml's own that QuantScope does not carry: they are known by size only.

#include "common/error.h"
#include "ggml/sub_block_grid.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace qs::ggml {

using QuantizeRowFn = void (*)(std::span<const float> row, std::span<std::byte> out,
                               std::span<const float> importance);
using DecodeFn = void (*)(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                          std::span<SubBlockGrid> grids);

// How a type's values are stored.
enum class TypeKind : std::uint8_t
{
    Plain,   // F32, F16, BF16, F64, I8..I64: one value per element
    Block,   // a block type QuantScope quantizes into and decodes
    Lattice, // a block type whose grid is one of ggml's lattice tables: listed, not decoded
    Other, // Q8_1, Q8_K: ggml's intermediate types, never written to model files by llama-quantize
};

struct TypeInfo
{
    std::uint32_t id;        // ggml_type
    std::string_view name;   // ggml's name in lower case: "q4_k", "iq4_xs", "bf16"
    std::string_view option; // the CLI's --format name ("mxfp4-ggml"), empty when not one
    TypeKind kind;
    std::size_t blockValues;
    std::size_t blockBytes;
    // Block types:
    std::size_t gridValues = 0;    // values per SubBlockGrid
    std::int32_t codeMin = 0;      // the lowest code (Q8_0 −128, the others 0)
    std::span<const float> levels; // level(code) = levels[code − codeMin]
    bool hasOffset = false;        // R′ = scale · level + offset
    bool usesImportance = false;   // ggml's quantizer takes an importance matrix's weights
    QuantizeRowFn quantizeRow = nullptr;
    DecodeFn decode = nullptr;

    double bitsPerValue() const { return 8.0 * static_cast<double>(blockBytes) / blockValues; }
    std::size_t codeCount() const { return levels.size(); }
};

// Every type id ggml defines that a file may hold, in id order.
std::span<const TypeInfo> typeCatalog();
const TypeInfo* typeById(std::uint32_t id);
const TypeInfo* typeByName(std::string_view name);     // ggml's name ("q4_k")
const TypeInfo* typeByOption(std::string_view option); // the --format name
std::span<const char* const> formatOptionNames();      // every block type's --format name

// Bytes of `values` values stored as `type` (values a multiple of its block), or nullopt on
// overflow.
std::optional<std::uint64_t> storedBytes(const TypeInfo& type, std::uint64_t values);

// Checks that rows of `rowLength` values are whole blocks of `type`: InvalidArgument naming the
// row length and the block size otherwise.
Result<void> checkRowLength(const TypeInfo& type, std::uint64_t rowLength);

// Quantizes `values` (rows of `rowLength`, row after row) into `out` (storedBytes bytes).
// `importance` is empty or one weight per value of a row (shared by every row, as an importance
// matrix's entry for the tensor is). Precondition: checkRowLength, and the sizes agree.
void quantizeRows(const TypeInfo& type, std::span<const float> values, std::size_t rowLength,
                  std::span<std::byte> out, std::span<const float> importance = {});

// Decodes whole blocks: codes (one per value) and grids (one per gridValues values).
void decodeBlocks(const TypeInfo& type, std::span<const std::byte> blocks,
                  std::span<std::int32_t> codes, std::span<SubBlockGrid> grids);

// R′ of whole blocks, bit for bit as ggml's dequantize_row_* of the type.
void dequantizeBlocks(const TypeInfo& type, std::span<const std::byte> blocks,
                      std::span<float> values);

// R′ of one code on a grid, as dequantizeBlocks evaluates it.
inline float dequantize(const TypeInfo& type, const SubBlockGrid& grid, std::int32_t code)
{
    const float r = grid.scale * type.levels[static_cast<std::size_t>(code - type.codeMin)];
    return type.hasOffset ? r + grid.offset : r;
}

} // namespace qs::ggml
