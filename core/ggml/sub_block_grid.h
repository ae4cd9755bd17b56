#pragma once
// What a decoded ggml block says about its values: one code per value and, per run of values
// that share a scale (a k-quant's sub-block, the whole block of Q8_0), the grid they lie on:
//
//     R′ = scale · level(code)            types without a stored minimum
//     R′ = scale · level(code) + offset   Q4_1, Q5_1, Q2_K, Q4_K, Q5_K (offset = m, or −dmin·m)
//
// evaluated in float32 in that order, which is exactly how ggml's dequantize_row_* computes R′.
// level(code) is the type's table (ggml/block_codec.h): code − 8 for Q4_0, code − 32 for Q6_K,
// the IQ4_NL table, ... Codes are numbered as the type stores them: Q8_0 −128..127, Q4_0 0..15,
// Q3_K 0..7 (two low bits, the high-mask bit as bit 2), TQ1_0/TQ2_0 0..2.

namespace qs::ggml {

struct SubBlockGrid
{
    float scale = 0;
    float offset = 0; // 0 and unused for the types without a minimum

    friend bool operator==(const SubBlockGrid&, const SubBlockGrid&) = default;
};

} // namespace qs::ggml
