#include "analysis/walkthrough.h"

#include "quant/codebook.h"
#include "quant/e8m0.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace qs {
namespace {

constexpr float kE4M3Max = 448.0f;
constexpr float kE2M1Max = 6.0f;

// MXINT8: an integer grid of step X/64 under an E8M0 block scale (quant/format_params.h).
bool isMxint8(const QuantParams& params)
{
    return params.element.kind == ElementKind::Integer && params.scaleCode >= 0;
}

float elementValue(const QuantParams& params, const QuantizedElement& q)
{
    if (isMxint8(params)) {
        return static_cast<float>(q.code) / 64.0f; // exact
    }
    return q.clipped; // Q, or the format element's value before scaling
}

// floor(log2 |x|) read from the exponent bits (−127 for zero and subnormals), as the OCP rule.
int exponentOf(float x)
{
    const auto biased = static_cast<int>((std::bit_cast<std::uint32_t>(std::fabs(x)) >> 23) & 0xFF);
    return biased == 0 ? -127 : biased - 127;
}

// Transformer Engine's S_enc = 448·6 / gamax (1 for an all-zero tensor).
float teEncode(float gamax)
{
    const float encode =
        std::fmin((kE4M3Max * kE2M1Max) / gamax, std::numeric_limits<float>::max());
    return gamax == 0 || encode == 0 ? 1.0f : encode;
}

// NVFP4's block scale before its cast to E4M3, in each flavour's float32 order
// (quant/format_params.cpp computes the stored one).
float nvfp4Unrounded(const FormatSpec& format, float vmax, float gamax)
{
    switch (format.nvfp4Flavour) {
    case Nvfp4Flavour::TransformerEngine:
        return std::fmin(vmax * (teEncode(gamax) * (1.0f / kE2M1Max)), kE4M3Max);
    case Nvfp4Flavour::Modelopt: {
        const float wsf2 = gamax / (kE4M3Max * kE2M1Max);
        const float s = vmax / (kE2M1Max * wsf2);
        return s == 0 || std::isnan(s) ? 1.0f : std::fmax(s, 0x1p-9f);
    }
    case Nvfp4Flavour::Torchao: {
        float pts = gamax / (kE4M3Max * kE2M1Max);
        if (!(pts > 0)) {
            pts = 1.0f;
        }
        return std::fmin(std::fmax((vmax / kE2M1Max) / pts, 0x1p-6f), kE4M3Max);
    }
    }
    return 0;
}

} // namespace

MinifloatFields minifloatFields(const MinifloatType& type, std::int32_t code)
{
    const auto c = static_cast<std::uint32_t>(code);
    return {static_cast<int>((c >> (type.exponentBits + type.mantissaBits)) & 1u),
            static_cast<int>((c >> type.mantissaBits) & ((1u << type.exponentBits) - 1u)),
            static_cast<int>(c & ((1u << type.mantissaBits) - 1u))};
}

std::vector<WalkthroughRow> walkthrough(std::span<const float> values, const QuantParams& params,
                                        Rounding rounding, std::uint64_t roundingSeed,
                                        std::size_t first, std::size_t count)
{
    std::vector<WalkthroughRow> rows;
    const std::size_t begin = std::min(first, values.size());
    const std::size_t end = begin + std::min(count, values.size() - begin);
    for (std::size_t i = begin; i < end; ++i) {
        const float u =
            stochasticUniform(stochasticKey(roundingSeed, static_cast<std::uint32_t>(i >> 32)),
                              static_cast<std::uint32_t>(i));
        const QuantizedElement q = quantizeElement(params, rounding, values[i], u);
        WalkthroughRow row{i,         values[i], q.scaled,      q.rounded,
                           q.clipped, q.code,    q.dequantized, q.dequantized - values[i],
                           q.clip};
        row.element = elementValue(params, q);
        // X is a power of two: V/X = (V/(X/64))/64 exactly.
        row.ratio = isMxint8(params) ? q.scaled / 64.0f : q.scaled;
        if (params.element.kind == ElementKind::Minifloat) {
            row.fields = minifloatFields(params.element.minifloat, q.code);
        }
        rows.push_back(row);
    }
    return rows;
}

BlockScaleSteps blockScaleSteps(const FormatSpec& format, const QuantParams& params,
                                std::optional<double> tensorAmax, std::optional<double> tensorScale)
{
    const FormatInfo& info = formatInfo(format.format);
    BlockScaleSteps steps;
    steps.family = info.family;
    steps.amax = params.clipMax;
    steps.scaleCode = params.scaleCode;
    steps.blockScale = params.scale;
    steps.unrounded = params.scale;
    const auto amax = static_cast<float>(params.clipMax);
    switch (info.family) {
    case FormatFamily::Minifloat:
        steps.unrounded = format.noScale || !(amax > 0) ? 1.0 : amax / info.minifloat->maxFinite();
        break;
    case FormatFamily::Mx: {
        steps.elementMaxExponent = info.minifloat ? info.minifloat->maxExponent() : 0;
        steps.amaxExponent = exponentOf(amax);
        const auto c = static_cast<std::uint8_t>(std::clamp(params.scaleCode, 0, 255));
        steps.nonFinite = c == kE8M0Nan;
        steps.sharedExponent = static_cast<int>(c) - 127;
        steps.blockScale = e8m0Value(c);
        steps.unrounded = steps.blockScale;
        break;
    }
    case FormatFamily::Nvfp4: {
        const auto gamax = static_cast<float>(tensorAmax.value_or(0));
        steps.tensorAmax = gamax;
        steps.tensorScale = tensorScale.value_or(1);
        steps.tensorEncode =
            format.nvfp4Flavour == Nvfp4Flavour::TransformerEngine ? teEncode(gamax) : 1.0;
        steps.unrounded = nvfp4Unrounded(format, amax, gamax);
        steps.blockScale = kE4M3.decode(static_cast<std::uint32_t>(params.scaleCode));
        break;
    }
    case FormatFamily::Bitsandbytes:
        steps.amax = params.scale; // absmax is the block's scale
        break;
    case FormatFamily::Integer:
    case FormatFamily::Ggml: // a sub-block's scale is stored as it is used
        break;
    }
    return steps;
}

} // namespace qs
