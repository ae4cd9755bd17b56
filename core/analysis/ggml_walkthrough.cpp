#include "analysis/ggml_walkthrough.h"

#include "analysis/ggml_quantization.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

WalkthroughRow rowOf(std::size_t index, float value, std::int32_t code, float dequantized,
                     const QuantParams& grid)
{
    WalkthroughRow row;
    row.index = index;
    row.input = value;
    row.scaled = grid.scale != 0 ? (value - grid.addend) / static_cast<float>(grid.scale) : 0.0f;
    row.code = code;
    row.dequantized = dequantized;
    row.error = dequantized - value;
    // level(Q): R′ without its scale and minimum, as the grid defines it.
    QuantParams unit = grid;
    unit.scale = 1;
    unit.addend = 0;
    row.element = unit.dequantize(code);
    row.rounded = row.element;
    row.clipped = row.element;
    const float low = grid.representableMin();
    const float high = grid.representableMax();
    const double halfStep = grid.largestStep() / 2;
    row.clip = value < low - halfStep    ? ClipState::Below
               : value > high + halfStep ? ClipState::Above
                                         : ClipState::Inside;
    row.ratio = row.scaled;
    return row;
}

} // namespace

std::vector<WalkthroughRow> ggmlWalkthrough(std::span<const float> values,
                                            const ggml::TypeInfo& type, std::size_t first,
                                            std::size_t count)
{
    std::vector<WalkthroughRow> rows;
    const std::size_t begin = std::min(first, values.size());
    const std::size_t end = begin + std::min(count, values.size() - begin);
    std::size_t blockStart = SIZE_MAX;
    GgmlQuantization block;
    for (std::size_t i = begin; i < end; ++i) {
        const std::size_t start = i - i % type.blockValues;
        if (start != blockStart) {
            if (start + type.blockValues > values.size()) {
                break; // not a whole block: nothing ggml would store
            }
            auto quantized = quantizeToGgml(values.subspan(start, type.blockValues),
                                            type.blockValues, type, {}, 1);
            if (!quantized) {
                break;
            }
            block = std::move(*quantized);
            blockStart = start;
        }
        const std::size_t k = i - start;
        rows.push_back(rowOf(i, values[i], block.codes[k], block.dequantized[k],
                             block.params[k / type.gridValues]));
    }
    return rows;
}

WalkthroughRow ggmlTrialRow(float value, const QuantParams& params)
{
    std::int32_t best = params.qmin;
    float bestDistance = INFINITY;
    for (std::int32_t code = params.qmin; code <= params.qmax; ++code) {
        const float distance = std::fabs(params.dequantize(code) - value);
        if (distance < bestDistance) {
            best = code;
            bestDistance = distance;
        }
    }
    return rowOf(0, value, best, params.dequantize(best), params);
}

} // namespace qs
