#pragma once
// ggml's IQ4_NL and IQ4_XS: 4-bit indices into ggml's non-linear table (ggml/level_tables.h), an fp16
// scale per 32 values (IQ4_NL) or an fp16 d with 6-bit sub-scales per 256 (IQ4_XS).
//
// quantize*: one row as ggml_quantize_chunk writes it (the path llama-quantize takes); without
//   `importance` (an importance matrix's weights, one per value of the row) as it does with none,
//   with it as it does given those weights. Inputs:
//   `row`, a whole number of blocks of finite or non-finite
//   float32 values. Outputs: `out`, exactly row.size() / block values · block bytes bytes.
// decode*: whole blocks as stored. Outputs: `codes`, one per value (numbered as
//   ggml/sub_block_grid.h says), and `grids`, one per run of values sharing a scale.
// Sizes are the caller's to check (ggml/block_codec.h does); the kernels assert them.

#include "ggml/sub_block_grid.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace qs::ggml {

void quantizeIq4Nl(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeIq4Nl(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

void quantizeIq4Xs(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeIq4Xs(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

} // namespace qs::ggml
