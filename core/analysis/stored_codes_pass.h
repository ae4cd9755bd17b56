#pragma once
// The pass over values whose codes and R′ are already decided — a ggml block type, whose codes
// ggml's own quantizer chooses (its scale searches are not a rounding of R/Scale), or a tensor a
// file stores quantized. It gives what quantizePass gives, by the same definitions
// (analysis/metrics.h), with these readings for a grid that is not chosen by rounding:
//   clipped     R beyond the grid's end level by more than half the step to its neighbour
//   zero code   R′ = 0 (the grid's level 0, where it has one)
//   unused range  per group, the share of codes whose level lies outside the levels its values
//               took, averaged over the groups
// Groups are the layout's runs of options.layout->groupSize values, which must tile the rows.

#include "analysis/quantize_pass.h"

#include <cstdint>
#include <span>

namespace qs {

struct StoredCodes
{
    std::span<const std::int32_t> codes; // one per value, in params' numbering (Qmin..Qmax)
    std::span<const float> dequantized;  // R′, one per value
};

// Errors: InvalidArgument when sizes or the layout do not match; Cancelled.
Result<PassResult> measureStoredCodes(std::span<const float> values, StoredCodes stored,
                                      std::span<const QuantParams> params,
                                      const PassOptions& options);

} // namespace qs
