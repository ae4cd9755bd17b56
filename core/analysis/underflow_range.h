#pragma once
// The real values a grid turns into R′ = 0: around 0 itself for most grids, from half the
// smallest positive value below to half above for the minifloats (ties to the even code, which
// is zero), between the codebook midpoints next to 0 for NF4. The histogram shades this band:
// whatever lands in it is lost, the underflow of a floating-point grid and the zero code of an
// integer one alike.

#include "analysis/range_usage.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

namespace qs {

// The smallest and largest float32 inputs whose R′ is 0, found exactly by bisection (R′ is
// monotonic in R). Empty when no input gives 0 (the zero point outside the codes, a NaN scale).
// Stochastic rounding is taken as half-even.
RealInterval underflowRange(const QuantParams& params, Rounding rounding);

} // namespace qs
