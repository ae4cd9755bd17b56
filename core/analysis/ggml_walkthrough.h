#pragma once
// The walkthrough rows (analysis/walkthrough.h) of a ggml block type. ggml's codes come from its
// scale searches, not from rounding R/Scale, so a tensor value's row re-runs ggml's quantizer on
// the block that holds it (blocks are quantized independently: the bytes are the file's) and
// reads the code and R′ off the decoded block:
//     R  ->  v = (R − min) / Scale  ->  Q (ggml's)  ->  level(Q)  ->  R′ = Scale·level + min
// A value of the user's own takes the grid's nearest level (ties to the lower one).

#include "analysis/walkthrough.h"
#include "ggml/block_codec.h"

#include <span>
#include <vector>

namespace qs {

// Rows for values[first .. first + count) of rows of whole `type` blocks (clamped to the span).
std::vector<WalkthroughRow> ggmlWalkthrough(std::span<const float> values,
                                            const ggml::TypeInfo& type, std::size_t first,
                                            std::size_t count);

// `value` on the grid `params` (one of a ggml analysis' sub-block grids).
WalkthroughRow ggmlTrialRow(float value, const QuantParams& params);

} // namespace qs
