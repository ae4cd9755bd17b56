#include "analysis/underflow_range.h"

#include "quant/element_quantizer.h"
#include "quant/grid_geometry.h"

#include <cmath>
#include <limits>

namespace qs {
namespace {

// The last float from `inside` (R′ = 0) towards `outside` (R′ ≠ 0) whose R′ is still 0.
float lastZero(const QuantParams& params, Rounding rounding, float inside, float outside)
{
    auto isZero = [&](float x) {
        return quantizeElement(params, rounding, x).dequantized == 0.0f;
    };
    while (std::nextafter(inside, outside) != outside) {
        const float mid = inside / 2 + outside / 2;
        if (mid == inside || mid == outside) {
            break;
        }
        (isZero(mid) ? inside : outside) = mid;
    }
    return inside;
}

} // namespace

RealInterval underflowRange(const QuantParams& params, Rounding rounding)
{
    const Rounding mode = rounding == Rounding::Stochastic ? Rounding::HalfEven : rounding;
    if (quantizeElement(params, mode, 0.0f).dequantized != 0.0f) {
        return {};
    }
    const GridGeometry grid = gridGeometry(params);
    if (!grid.zeroLevel) {
        return {};
    }
    const std::size_t z = *grid.zeroLevel;
    // The neighbouring levels map to themselves, so each bounds the search on its side; beyond
    // the grid's end the search runs to the largest float.
    const float above = z + 1 < grid.levels.size() ? static_cast<float>(grid.levels[z + 1].value)
                                                   : std::numeric_limits<float>::max();
    const float below =
        z > 0 ? static_cast<float>(grid.levels[z - 1].value) : -std::numeric_limits<float>::max();
    RealInterval band;
    band.lo = quantizeElement(params, mode, below).dequantized == 0.0f
                  ? below
                  : lastZero(params, mode, 0.0f, below);
    band.hi = quantizeElement(params, mode, above).dequantized == 0.0f
                  ? above
                  : lastZero(params, mode, 0.0f, above);
    return band;
}

} // namespace qs
