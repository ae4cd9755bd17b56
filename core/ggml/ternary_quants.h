#pragma once
// ggml's TQ1_0 and TQ2_0: ternary codes {−1, 0, 1} in blocks of 256 under one fp16 scale.
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

void quantizeTq1_0(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeTq1_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

void quantizeTq2_0(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeTq2_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

} // namespace qs::ggml
