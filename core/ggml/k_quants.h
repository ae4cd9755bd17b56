#pragma once
// ggml's Q2_K, Q3_K, Q4_K, Q5_K and Q6_K: super-blocks of 256 values, sub-blocks of 16 or 32 with
// quantized sub-scales (and minima) under an fp16 d (and dmin).
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

void quantizeQ2K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance = {});
void decodeQ2K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids);

void quantizeQ3K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance = {});
void decodeQ3K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids);

void quantizeQ4K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance = {});
void decodeQ4K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids);

void quantizeQ5K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance = {});
void decodeQ5K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids);

void quantizeQ6K(std::span<const float> row, std::span<std::byte> out,
                 std::span<const float> importance = {});
void decodeQ6K(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
               std::span<SubBlockGrid> grids);

} // namespace qs::ggml
