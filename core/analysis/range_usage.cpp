#include "analysis/range_usage.h"

#include "quant/element_quantizer.h"

namespace qs {
namespace {

Rounding deterministic(Rounding rounding)
{
    return rounding == Rounding::Stochastic ? Rounding::HalfEven : rounding;
}

} // namespace

RangeUsage rangeUsage(const QuantParams& params, Rounding rounding, double dataMin, double dataMax)
{
    const Rounding mode = deterministic(rounding);
    RangeUsage usage;
    usage.lowestCode = quantizeElement(params, mode, static_cast<float>(dataMin)).code;
    usage.highestCode = quantizeElement(params, mode, static_cast<float>(dataMax)).code;
    usage.reachableCodes = std::int64_t{usage.highestCode} - usage.lowestCode + 1;
    usage.unusedFraction = 1.0 - static_cast<double>(usage.reachableCodes) /
                                     static_cast<double>(params.range().codeCount());

    const double half = 0.5 * static_cast<double>(params.elementScale());
    if (usage.lowestCode > params.qmin) {
        usage.unusedBelow = {params.representableMin() - half,
                             params.dequantize(usage.lowestCode) - half};
    }
    if (usage.highestCode < params.qmax) {
        usage.unusedAbove = {params.dequantize(usage.highestCode) + half,
                             params.representableMax() + half};
    }
    return usage;
}

RealInterval clipThresholds(const QuantParams& params, Rounding rounding)
{
    const double scale = params.elementScale();
    const double zero = params.zeroPoint;
    if (deterministic(rounding) == Rounding::Floor) {
        // floor(v) < Qmin  <=>  v < Qmin;   floor(v) > Qmax  <=>  v >= Qmax + 1
        return {(params.qmin - zero) * scale, (params.qmax + 1 - zero) * scale};
    }
    return {(params.qmin - 0.5 - zero) * scale, (params.qmax + 0.5 - zero) * scale};
}

} // namespace qs
