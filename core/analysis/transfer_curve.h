#pragma once
// The quantizer as a function R -> R' over an interval: the staircase of the transfer plot.

#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <vector>

namespace qs {

struct TransferCurve
{
    // Step plot points: R' equals y[i] from x[i] up to x[i + 1]. The last point closes the range.
    std::vector<double> x;
    std::vector<double> y;
};

// R' for R in [lo, hi]. Each code's step begins where the element function changes code, found
// exactly by bisection on float32 inputs. With more than `maxSteps` codes in the interval the
// curve is sampled at maxSteps points instead (the steps are then finer than a pixel anyway).
TransferCurve transferCurve(const QuantParams& params, Rounding rounding, double lo, double hi,
                            std::size_t maxSteps = 2048);

} // namespace qs
