#pragma once
// llama.cpp's tensor names against Hugging Face's, for comparing a GGUF file with the checkpoint
// it was converted from (convert_hf_to_gguf.py's mapping for the llama family):
//     token_embd.weight          model.embed_tokens.weight
//     output_norm.weight         model.norm.weight
//     output.weight              lm_head.weight
//     blk.N.attn_norm.weight     model.layers.N.input_layernorm.weight
//     blk.N.attn_q / attn_k / attn_v / attn_output .weight
//                                model.layers.N.self_attn.q_proj / k_proj / v_proj / o_proj .weight
//     blk.N.ffn_norm.weight      model.layers.N.post_attention_layernorm.weight
//     blk.N.ffn_gate / ffn_up / ffn_down .weight
//                                model.layers.N.mlp.gate_proj / up_proj / down_proj .weight
// The converter also reorders the rows of Q and K (its `permute`): within each head, the rows
// of the two rotary halves are interleaved, so that ggml's RoPE pairs neighbouring rows:
//     W.reshape(heads, 2, rows/heads/2, cols).swapaxes(1, 2).reshape(rows, cols)
// with heads = llama.attention.head_count for Q and head_count_kv for K.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class RowPermutation
{
    None,
    Query, // by the attention head count
    Key,   // by the key-value head count
};

struct ReferenceName
{
    std::string name;
    RowPermutation permutation = RowPermutation::None;
};

// The Hugging Face name of a llama.cpp tensor name, nullopt when the mapping has none.
std::optional<ReferenceName> huggingFaceName(std::string_view ggufName);

// The converter's row order applied to a [rows, cols] matrix (rows a multiple of 2·heads).
// Returns false (and leaves `out` alone) when the rows do not split into the heads.
bool permuteRotaryRows(std::span<const float> in, std::size_t rows, std::size_t cols,
                       std::size_t heads, std::vector<float>& out);

} // namespace qs
