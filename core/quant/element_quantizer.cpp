#include "quant/element_quantizer.h"

#include "quant/element_codecs.h"

#include <cmath>
#include <limits>

namespace qs {

QuantizedElement quantizeElement(const QuantParams& params, Rounding rounding, float x, float u)
{
    if (params.element.kind != ElementKind::Integer) {
        return quantizeFormatElement(params, x);
    }
    if (params.addend != 0) {
        // A grid with a stored minimum (ggml's Q4_1, Q4_K, ...): v = (R − min)/Scale, as ggml's
        // requantization divides (x + dmin·m) by d·sc; R′ adds the minimum back.
        QuantParams shifted = params;
        shifted.addend = 0;
        QuantizedElement q = quantizeElement(shifted, rounding, x - params.addend, u);
        q.dequantized = params.dequantize(q.code);
        return q;
    }
    const ElementQuantizer eq(params);
    switch (rounding) {
    case Rounding::HalfEven:
        return quantizeElementAs<Rounding::HalfEven>(eq, x, u);
    case Rounding::HalfAwayFromZero:
        return quantizeElementAs<Rounding::HalfAwayFromZero>(eq, x, u);
    case Rounding::HalfUp:
        return quantizeElementAs<Rounding::HalfUp>(eq, x, u);
    case Rounding::Floor:
        return quantizeElementAs<Rounding::Floor>(eq, x, u);
    case Rounding::Stochastic:
        return quantizeElementAs<Rounding::Stochastic>(eq, x, u);
    }
    return {};
}

QuantizedElement quantizeFormatElement(const QuantParams& params, float x)
{
    return quantizeFormatElement(params, x, minifloatCodecFor(params.element));
}

QuantizedElement quantizeFormatElement(const QuantParams& params, float x,
                                       const MinifloatCodec& minifloat)
{
    return withElementCodec(params, Rounding::HalfEven, minifloat, [x](const auto& codec) {
        const ElementLanes<float> e = codec.apply(x, 0.5f);
        QuantizedElement out;
        out.scaled = e.scaled;
        out.rounded = e.element;
        out.clipped = e.element;
        out.code = e.code;
        out.dequantized = e.dequantized;
        // A finite value whose R′ is not finite is clipped, as the fused pass counts it.
        const bool lost = !std::isfinite(e.dequantized);
        if (!(std::fabs(x) <= std::numeric_limits<float>::max())) {
            out.clip = ClipState::NonFinite;
        } else if (e.below || (lost && x < 0)) {
            out.clip = ClipState::Below;
        } else if (e.above || lost) {
            out.clip = ClipState::Above;
        } else {
            out.clip = ClipState::Inside;
        }
        return out;
    });
}

} // namespace qs
