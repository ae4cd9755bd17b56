#include "analysis/analysis_walkthrough.h"

#include "analysis/ggml_walkthrough.h"
#include "quant/ggml_formats.h"

namespace qs {

std::vector<WalkthroughRow> analysisWalkthrough(const Analysis& analysis,
                                                std::span<const float> values, const Shape& shape,
                                                std::size_t first, std::size_t count)
{
    const QuantSpec& spec = analysis.spec;
    if (isGgmlFormat(spec.format.format)) {
        return ggmlWalkthrough(values, ggmlTypeOf(spec.format.format), first, count);
    }
    std::vector<WalkthroughRow> rows;
    const std::size_t end = std::min(values.size(), first + std::min(count, values.size()));
    for (std::size_t i = first; i < end; ++i) {
        const std::size_t group = groupOfElement(analysis.layout, shape, i);
        const auto row =
            walkthrough(values, analysis.params.at(group), spec.rounding, spec.roundingSeed, i, 1);
        rows.insert(rows.end(), row.begin(), row.end());
    }
    return rows;
}

WalkthroughRow trialWalkthrough(const Analysis& analysis, float value, std::size_t group)
{
    const QuantSpec& spec = analysis.spec;
    const QuantParams& params = analysis.params.at(group);
    if (isGgmlFormat(spec.format.format)) {
        return ggmlTrialRow(value, params);
    }
    return walkthrough(std::span(&value, 1), params, spec.rounding, spec.roundingSeed, 0, 1)
        .front();
}

} // namespace qs
