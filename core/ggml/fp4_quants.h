#pragma once
// ggml's MXFP4 (ggml type 39) and NVFP4 (type 40) as ggml stores them: E2M1 elements (ggml's doubled
// table, ggml/level_tables.h) under an E8M0 scale per 32 values, or a UE4M3 scale per 16 values.
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

// The scale values ggml multiplies its doubled E2M1 table by (half the stored scale's value):
// GGML_E8M0_TO_FP32_HALF, 2^(e − 128); ggml_ue4m3_to_fp32 halved, the UE4M3 value (bias 7, no
// sign: the top bit is ignored, 0x7F reads as 0) times 1/2.
float e8m0Half(std::uint8_t e);
float ue4m3Half(std::uint8_t code);

void quantizeMxfp4(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeMxfp4(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

void quantizeNvfp4(std::span<const float> row, std::span<std::byte> out,
                   std::span<const float> importance = {});
void decodeNvfp4(std::span<const std::byte> blocks, std::span<std::int32_t> codes,
                 std::span<SubBlockGrid> grids);

} // namespace qs::ggml
