#include "quant/presets.h"

#include "common/translatable.h"

#include <array>
#include <string>

namespace qs {
namespace {

const std::array<SchemePreset, 6>& presets()
{
    static const std::array<SchemePreset, 6> table = [] {
        std::array<SchemePreset, 6> t{
            SchemePreset{
                "pytorch-per-tensor-affine-quint8",
                QS_TRANSLATABLE("SchemePreset", "PyTorch per-tensor affine quint8"),
                QS_TRANSLATABLE("SchemePreset",
                                "PyTorch MinMaxObserver defaults: quint8 codes 0..255; "
                                "the range is widened to include 0; "
                                "Scale = (max − min)/255 and Z = 0 − round(min/Scale), clamped, "
                                "all in float32; codes round(R·(1/Scale)) + Z, half to even."),
                {.scheme = Scheme::Asymmetric,
                 .bits = 8,
                 .isSigned = false,
                 .narrowRange = false,
                 .rounding = Rounding::HalfEven,
                 .zeroPointAnchor = ZeroPointAnchor::Min,
                 .convention = Convention::PyTorch}},
            SchemePreset{
                "pytorch-per-tensor-symmetric-qint8",
                QS_TRANSLATABLE("SchemePreset", "PyTorch per-tensor symmetric qint8"),
                QS_TRANSLATABLE("SchemePreset",
                                "PyTorch MinMaxObserver with torch.per_tensor_symmetric: "
                                "qint8 codes −128..127, "
                                "Scale = max|R| / ((127 − (−128))/2) = max|R|/127.5, Z = 0 — "
                                "so +max lands on 127.5 and is clamped to 127."),
                {.scheme = Scheme::Symmetric,
                 .bits = 8,
                 .isSigned = true,
                 .narrowRange = false,
                 .rounding = Rounding::HalfEven,
                 .zeroPointAnchor = ZeroPointAnchor::Min,
                 .convention = Convention::PyTorch}},
            SchemePreset{
                "pytorch-per-channel-symmetric-qint8",
                QS_TRANSLATABLE("SchemePreset", "PyTorch per-channel symmetric qint8"),
                QS_TRANSLATABLE(
                    "SchemePreset",
                    "PyTorch PerChannelMinMaxObserver (the default for conv and linear "
                    "weights): the symmetric qint8 preset with one scale per output channel, "
                    "axis 0."),
                {.scheme = Scheme::Symmetric,
                 .bits = 8,
                 .isSigned = true,
                 .narrowRange = false,
                 .rounding = Rounding::HalfEven,
                 .zeroPointAnchor = ZeroPointAnchor::Min,
                 .granularity = Granularity::Channel,
                 .convention = Convention::PyTorch}},
            SchemePreset{
                "tensorrt-int8",
                QS_TRANSLATABLE("SchemePreset", "TensorRT int8"),
                QS_TRANSLATABLE("SchemePreset",
                                "TensorRT's int8: symmetric codes −127..127, Scale = amax/127, "
                                "half to even — the tutorial's symmetric scheme."),
                {.scheme = Scheme::Symmetric,
                 .bits = 8,
                 .isSigned = true,
                 .narrowRange = true,
                 .rounding = Rounding::HalfEven,
                 .zeroPointAnchor = ZeroPointAnchor::Min,
                 .convention = Convention::Tutorial}},
            SchemePreset{
                "llama-q8_0",
                QS_TRANSLATABLE("SchemePreset", "llama.cpp Q8_0"),
                QS_TRANSLATABLE("SchemePreset",
                                "llama.cpp Q8_0: blocks of 32 along the last axis, d = amax/127, "
                                "codes roundf(R·(1/d)) (half away from zero), "
                                "d stored as float16 and R′ = Q·d with that float16 d."),
                {.scheme = Scheme::Symmetric,
                 .bits = 8,
                 .isSigned = true,
                 .narrowRange = true,
                 .rounding = Rounding::HalfAwayFromZero,
                 .zeroPointAnchor = ZeroPointAnchor::Min,
                 .granularity = Granularity::Group,
                 .convention = Convention::LlamaQ8_0}},
            SchemePreset{"llama-q4_0",
                         QS_TRANSLATABLE("SchemePreset", "llama.cpp Q4_0"),
                         QS_TRANSLATABLE(
                             "SchemePreset",
                             "llama.cpp Q4_0: blocks of 32, d = m/−8 with m the value of largest "
                             "magnitude, codes min(15, (int)(R·(1/d) + 8.5)) in 0..15, "
                             "R′ = (Q − 8)·d with d as float16."),
                         {.scheme = Scheme::Symmetric,
                          .bits = 4,
                          .isSigned = false,
                          .narrowRange = false,
                          .rounding = Rounding::Floor,
                          .zeroPointAnchor = ZeroPointAnchor::Min,
                          .granularity = Granularity::Group,
                          .convention = Convention::LlamaQ4_0}},
        };
        for (SchemePreset& preset : t) {
            preset.spec.preset = std::string(preset.name);
        }
        return t;
    }();
    return table;
}

} // namespace

std::span<const SchemePreset> schemePresets()
{
    return presets();
}

std::optional<QuantSpec> schemePreset(std::string_view name)
{
    for (const SchemePreset& preset : presets()) {
        if (preset.name == name) {
            return preset.spec;
        }
    }
    return std::nullopt;
}

} // namespace qs
