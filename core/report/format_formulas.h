#pragma once
// The equations of a minifloat, MX, NVFP4 or bitsandbytes format as plain text, in the
// tutorial's notation (R, Q, Scale, R′, Clip, Round), for the tensor report's "formulas". The
// constants are the format's own (448, 6, 32, the E8M0 rule's emax); when the tensor has one
// block, a line also works its scale out with the analysis' numbers (float32 digits). The
// window's scheme panel says the same in rich text (ui/panels/format_texts.cpp).

#include "analysis/analyze.h"

#include <string>
#include <vector>

namespace qs {

// Empty for the integer grid (the report writes the scheme's own formulas).
std::vector<std::string> formatFormulas(const Analysis& analysis);

} // namespace qs
