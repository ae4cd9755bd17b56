#include "analysis/reference_recipe.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

RecipeTensor recipeTensor(const ReferenceMatch& match)
{
    RecipeTensor tensor;
    tensor.name = match.name;
    tensor.count = match.count;
    tensor.current = match.type;
    // The stored type as it is (its error against the reference, 0 when not compared) ...
    const double storedError =
        match.stored ? match.stored->mse * static_cast<double>(match.count) : 0.0;
    tensor.candidates.push_back({match.type, match.bytes, storedError});
    // ... and the ladder's other types quantized from the reference.
    for (const TypeOnReference& t : match.ladder) {
        if (t.type != match.type && t.bytes > 0 && std::isfinite(t.metrics.mse)) {
            tensor.candidates.push_back(
                {t.type, t.bytes, t.metrics.mse * static_cast<double>(match.count)});
        }
    }
    return tensor;
}

} // namespace

Result<ReferenceRecipe> recipeFor(const ReferenceComparison& comparison, double bitsPerValue)
{
    ReferenceRecipe out;
    out.budget = bitsPerValue;
    std::uint64_t bytes = 0;
    std::uint64_t values = 0;
    for (const ReferenceMatch& match : comparison.tensors) {
        out.tensors.push_back(recipeTensor(match));
        bytes += match.bytes;
        values += match.count;
        out.currentError += out.tensors.back().candidates.front().error;
    }
    out.currentBitsPerValue =
        values == 0 ? 0.0 : 8.0 * static_cast<double>(bytes) / static_cast<double>(values);
    auto recipe = chooseRecipe(out.tensors, bitsPerValue);
    if (!recipe) {
        return std::unexpected(recipe.error());
    }
    out.recipe = std::move(*recipe);
    out.arguments = llamaQuantizeArguments(out.tensors, out.recipe);
    return out;
}

} // namespace qs
