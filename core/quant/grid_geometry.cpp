#include "quant/grid_geometry.h"

#include "quant/codebook.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

// The codes of a minifloat or codebook element that have a place on the real axis.
bool onTheAxis(const ElementType& element, std::int32_t code)
{
    if (element.kind == ElementKind::Minifloat) {
        const MinifloatType& t = element.minifloat;
        const auto c = static_cast<std::uint32_t>(code);
        return !t.isNanCode(c) && !t.isInfinityCode(c) && c != t.signBit();
    }
    const Codebook& book = *element.codebook;
    return !(book.signMagnitude && code == (1 << (book.bits - 1))); // FP4's negative zero
}

} // namespace

GridGeometry gridGeometry(const QuantParams& params, std::size_t maxLevels)
{
    GridGeometry grid;
    grid.lo = params.representableMin();
    grid.hi = params.representableMax();
    if (params.element.kind == ElementKind::Integer) {
        const std::int64_t count = params.range().codeCount();
        if (static_cast<std::uint64_t>(count) <= maxLevels) {
            grid.levels.reserve(static_cast<std::size_t>(count));
            for (std::int64_t code = params.qmin; code <= params.qmax; ++code) {
                const auto c = static_cast<std::int32_t>(code);
                grid.levels.push_back({params.dequantize(c), c});
            }
            if (!grid.levels.empty() && grid.levels.front().value > grid.levels.back().value) {
                std::reverse(grid.levels.begin(), grid.levels.end());
            }
        }
    } else {
        for (std::int32_t code = 0; code < params.element.codeCount(); ++code) {
            if (onTheAxis(params.element, code)) {
                grid.levels.push_back({params.dequantize(code), code});
            } else {
                grid.specialCodes.push_back(code);
            }
        }
        std::stable_sort(grid.levels.begin(), grid.levels.end(),
                         [](const GridLevel& a, const GridLevel& b) { return a.value < b.value; });
    }
    for (std::size_t i = 0; i < grid.levels.size(); ++i) {
        if (grid.levels[i].value == 0.0) {
            grid.zeroLevel = i;
            break;
        }
    }
    return grid;
}

std::vector<float> elementValues(const ElementType& element)
{
    std::vector<float> values;
    if (element.kind == ElementKind::Integer) {
        return values;
    }
    QuantParams unit;
    unit.element = element;
    unit.scale = 1;
    for (std::int32_t code = 0; code < element.codeCount(); ++code) {
        if (onTheAxis(element, code)) {
            values.push_back(unit.dequantize(code));
        }
    }
    std::sort(values.begin(), values.end());
    return values;
}

} // namespace qs
