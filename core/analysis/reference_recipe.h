#pragma once
// The recipe of a quantized file measured against its reference (analysis/reference_comparison.h
// with the ladder): for each matrix, the types of the ladder quantized from the reference and its
// stored type as it is, and the least-error choice within a bits-per-value budget
// (analysis/gguf_recipe.h). Tensors that were not compared (norms, unmatched, lattice types) keep
// their stored bytes: fixed costs in the budget.

#include "analysis/gguf_recipe.h"
#include "analysis/reference_comparison.h"

#include <string>
#include <vector>

namespace qs {

struct ReferenceRecipe
{
    double budget = 0; // the bits per value asked for
    std::vector<RecipeTensor> tensors;
    Recipe recipe;
    double currentBitsPerValue = 0; // the file as it is
    double currentError = 0;        // Σ MSE × n of the compared tensors as stored
    std::string arguments;          // llama-quantize --tensor-type lines
};

// Errors: InvalidArgument (a budget below the cheapest choice, ...), from chooseRecipe.
Result<ReferenceRecipe> recipeFor(const ReferenceComparison& comparison, double bitsPerValue);

} // namespace qs
