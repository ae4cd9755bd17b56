#include "quant/element_quantizer.h"

namespace qs {

QuantizedElement quantizeElement(const QuantParams& params, Rounding rounding, float x, float u)
{
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

} // namespace qs
