#pragma once
// The walkthrough rows of an analysis, whatever its format: each value on its own group's grid
// (analysis/walkthrough.h), and for a ggml block type the codes ggml's quantizer chose
// (analysis/ggml_walkthrough.h). The window's walkthrough table and the reports take their rows
// from here.

#include "analysis/analyze.h"
#include "analysis/walkthrough.h"

#include <span>
#include <vector>

namespace qs {

// Rows for values[first .. first + count) of the tensor `analysis` was made of.
std::vector<WalkthroughRow> analysisWalkthrough(const Analysis& analysis,
                                                std::span<const float> values, const Shape& shape,
                                                std::size_t first, std::size_t count);

// A value of the user's own on the grid of `group`.
WalkthroughRow trialWalkthrough(const Analysis& analysis, float value, std::size_t group);

} // namespace qs
