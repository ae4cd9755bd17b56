#include "analysis/transfer_curve.h"

#include "quant/element_quantizer.h"

#include <cmath>

namespace qs {
namespace {

// The smallest float in (a, b] whose code differs from code(a), given code(b) != code(a).
float firstChange(const QuantParams& params, Rounding rounding, float a, float b)
{
    const std::int32_t start = quantizeElement(params, rounding, a).code;
    while (std::nextafter(a, b) < b) {
        const float mid = a / 2 + b / 2; // no overflow even across ±FLT_MAX
        if (mid <= a || mid >= b) {
            break;
        }
        (quantizeElement(params, rounding, mid).code == start ? a : b) = mid;
    }
    return b;
}

} // namespace

TransferCurve transferCurve(const QuantParams& params, Rounding rounding, double lo, double hi,
                            std::size_t maxSteps)
{
    // Stochastic rounding has no single staircase: draw its expectation's neighbour, half-even.
    const Rounding mode = rounding == Rounding::Stochastic ? Rounding::HalfEven : rounding;
    TransferCurve curve;
    if (!(hi > lo) || maxSteps < 2) {
        return curve;
    }
    const auto a = static_cast<float>(lo);
    const auto b = static_cast<float>(hi);
    const std::int32_t first = quantizeElement(params, mode, a).code;
    const std::int32_t last = quantizeElement(params, mode, b).code;
    auto add = [&](double x, float value) {
        curve.x.push_back(x);
        curve.y.push_back(quantizeElement(params, mode, value).dequantized);
    };
    if (static_cast<std::size_t>(std::abs(std::int64_t{last} - first)) + 1 > maxSteps) {
        for (std::size_t i = 0; i < maxSteps; ++i) {
            const double x =
                lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(maxSteps - 1);
            add(x, static_cast<float>(x));
        }
        return curve;
    }
    add(lo, a);
    float from = a;
    while (quantizeElement(params, mode, from).code != last) {
        from = firstChange(params, mode, from, b);
        add(from, from);
    }
    add(hi, b);
    return curve;
}

} // namespace qs
