#pragma once
// Percentiles by exact selection (no histogram), interpolated linearly between order statistics
// as numpy.percentile's default ("linear") method does.

#include "quant/choose_params.h"

#include <span>
#include <vector>

namespace qs {

// The p-th percentile (0 ≤ p ≤ 100) of `values`, which it reorders. NaN when empty.
double percentileInPlace(std::vector<float>& values, double p);

// symmetric: [−t, t] with t the p-th percentile of |R|; otherwise the (100 − p)-th and p-th
// percentiles of R. Non-finite values are skipped.
RealRange percentileRange(std::span<const float> values, double p, bool symmetric);

} // namespace qs
