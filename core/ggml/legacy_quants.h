#pragma once
// ggml's Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0: blocks of 32 values under one fp16 scale (and minimum).
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

void quantizeQ4_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance = {});
void decodeQ4_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids);

void quantizeQ4_1(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance = {});
void decodeQ4_1(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids);

void quantizeQ5_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance = {});
void decodeQ5_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids);

void quantizeQ5_1(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance = {});
void decodeQ5_1(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids);

void quantizeQ8_0(std::span<const float> row, std::span<std::byte> out,
                  std::span<const float> importance = {});
void decodeQ8_0(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                std::span<SubBlockGrid> grids);

} // namespace qs::ggml
