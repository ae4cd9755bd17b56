#include "analysis/range_usage.h"

#include "quant/element_codecs.h"
#include "quant/element_quantizer.h"
#include "quant/grid_geometry.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

Rounding deterministic(Rounding rounding)
{
    return rounding == Rounding::Stochastic ? Rounding::HalfEven : rounding;
}

// Minifloat and codebook grids: the element levels between the extremes' levels are reachable.
RangeUsage formatRangeUsage(const QuantParams& params, double dataMin, double dataMax,
                            std::span<const float> levels, const MinifloatCodec& minifloat)
{
    RangeUsage usage;
    const QuantizedElement low =
        quantizeFormatElement(params, static_cast<float>(dataMin), minifloat);
    const QuantizedElement high =
        quantizeFormatElement(params, static_cast<float>(dataMax), minifloat);
    usage.lowestCode = low.code;
    usage.highestCode = high.code;
    if (levels.empty() || !std::isfinite(low.clipped) || !std::isfinite(high.clipped)) {
        return usage;
    }
    const auto first = std::lower_bound(levels.begin(), levels.end(), low.clipped);
    const auto last = std::upper_bound(levels.begin(), levels.end(), high.clipped);
    usage.reachableCodes = std::max<std::int64_t>(0, last - first);
    usage.unusedFraction =
        1.0 - static_cast<double>(usage.reachableCodes) / static_cast<double>(levels.size());
    // Each level covers the real values that round to it: up to the midpoints with its
    // neighbours (half the outer gap beyond the end levels).
    const double scaling = static_cast<double>(params.elementScale()) * params.outerScale;
    const auto edge = [&](std::size_t below) { // the edge between levels[below] and the next
        return 0.5 * (static_cast<double>(levels[below]) + levels[below + 1]) * scaling;
    };
    const std::size_t n = levels.size();
    const double outer = n > 1 ? 0.5 * (static_cast<double>(levels[n - 1]) - levels[n - 2]) : 0;
    if (first != levels.begin() && first != levels.end()) {
        const auto index = static_cast<std::size_t>(first - levels.begin());
        usage.unusedBelow = {(levels[0] - outer) * scaling, edge(index - 1)};
    }
    if (last != levels.end() && last != levels.begin()) {
        const auto index = static_cast<std::size_t>(last - levels.begin());
        usage.unusedAbove = {edge(index - 1), (levels[n - 1] + outer) * scaling};
    }
    return usage;
}

} // namespace

RangeUsage rangeUsage(const QuantParams& params, Rounding rounding, double dataMin, double dataMax,
                      std::span<const float> levels)
{
    if (params.element.kind != ElementKind::Integer) {
        const std::vector<float> own =
            levels.empty() ? elementValues(params.element) : std::vector<float>{};
        return formatRangeUsage(params, dataMin, dataMax, levels.empty() ? own : levels,
                                minifloatCodecFor(params.element));
    }
    return rangeUsage(params, rounding, dataMin, dataMax, levels, MinifloatCodec());
}

RangeUsage rangeUsage(const QuantParams& params, Rounding rounding, double dataMin, double dataMax,
                      std::span<const float> levels, const MinifloatCodec& minifloat)
{
    if (params.element.kind != ElementKind::Integer) {
        return formatRangeUsage(params, dataMin, dataMax, levels, minifloat);
    }
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
    if (params.element.kind != ElementKind::Integer) {
        // Past the largest level and half the top step (a minifloat's tie there rounds to the
        // even largest code, so the threshold itself still fits); a codebook past its last level.
        if (params.element.kind == ElementKind::Codebook) { // its ends, which may be asymmetric
            return {params.representableMin(), params.representableMax()};
        }
        const double top = params.representableMax();
        return {-(top + 0.5 * params.largestStep()), top + 0.5 * params.largestStep()};
    }
    const double scale = params.elementScale();
    const double zero = params.zeroPoint;
    const double shift = params.addend; // a ggml block's stored minimum
    if (deterministic(rounding) == Rounding::Floor) {
        // floor(v) < Qmin  <=>  v < Qmin;   floor(v) > Qmax  <=>  v >= Qmax + 1
        return {(params.qmin - zero) * scale + shift, (params.qmax + 1 - zero) * scale + shift};
    }
    return {(params.qmin - 0.5 - zero) * scale + shift, (params.qmax + 0.5 - zero) * scale + shift};
}

} // namespace qs
