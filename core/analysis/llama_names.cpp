#include "analysis/llama_names.h"

#include <array>
#include <charconv>
#include <cstring>
#include <utility>

namespace qs {
namespace {

struct RoleName
{
    const char* gguf;
    const char* hf;
    RowPermutation permutation;
};

constexpr std::array kLayerRoles{
    RoleName{"attn_norm.weight", "input_layernorm.weight", RowPermutation::None},
    RoleName{"attn_q.weight", "self_attn.q_proj.weight", RowPermutation::Query},
    RoleName{"attn_k.weight", "self_attn.k_proj.weight", RowPermutation::Key},
    RoleName{"attn_v.weight", "self_attn.v_proj.weight", RowPermutation::None},
    RoleName{"attn_output.weight", "self_attn.o_proj.weight", RowPermutation::None},
    RoleName{"ffn_norm.weight", "post_attention_layernorm.weight", RowPermutation::None},
    RoleName{"ffn_gate.weight", "mlp.gate_proj.weight", RowPermutation::None},
    RoleName{"ffn_up.weight", "mlp.up_proj.weight", RowPermutation::None},
    RoleName{"ffn_down.weight", "mlp.down_proj.weight", RowPermutation::None},
};

constexpr std::array<std::pair<const char*, const char*>, 3> kModelNames{{
    {"token_embd.weight", "model.embed_tokens.weight"},
    {"output_norm.weight", "model.norm.weight"},
    {"output.weight", "lm_head.weight"},
}};

} // namespace

std::optional<ReferenceName> huggingFaceName(std::string_view ggufName)
{
    for (const auto& [gguf, hf] : kModelNames) {
        if (ggufName == gguf) {
            return ReferenceName{hf, RowPermutation::None};
        }
    }
    if (!ggufName.starts_with("blk.")) {
        return std::nullopt;
    }
    std::string_view rest = ggufName.substr(4);
    unsigned layer = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), layer);
    if (error != std::errc() || end == rest.data() + rest.size() || *end != '.') {
        return std::nullopt;
    }
    const std::string_view role(end + 1, rest.data() + rest.size());
    for (const RoleName& r : kLayerRoles) {
        if (role == r.gguf) {
            return ReferenceName{"model.layers." + std::to_string(layer) + "." + r.hf,
                                 r.permutation};
        }
    }
    return std::nullopt;
}

bool permuteRotaryRows(std::span<const float> in, std::size_t rows, std::size_t cols,
                       std::size_t heads, std::vector<float>& out)
{
    if (heads == 0 || rows % (2 * heads) != 0 || in.size() != rows * cols) {
        return false;
    }
    const std::size_t half = rows / heads / 2; // rows of one rotary half of a head
    out.resize(in.size());
    // Output row (h, i, s) of the [heads, half, 2] order takes input row (h, s, i) of [heads, 2, half].
    for (std::size_t h = 0; h < heads; ++h) {
        for (std::size_t i = 0; i < half; ++i) {
            for (std::size_t s = 0; s < 2; ++s) {
                const std::size_t to = (h * half + i) * 2 + s;
                const std::size_t from = (h * 2 + s) * half + i;
                std::memcpy(out.data() + to * cols, in.data() + from * cols, cols * sizeof(float));
            }
        }
    }
    return true;
}

} // namespace qs
