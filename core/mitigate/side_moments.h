#pragma once
// The shape of one operand of a mitigation experiment: its stats (tensor/tensor_stats.h, one
// vectorised pass the quantization reuses) and one more vectorised pass for the fourth central
// moment about that mean — two passes keep E[(x − μ)⁴] free of the cancellation a one-pass
// formula from raw moments suffers when |μ| ≫ σ. Lanes sum in float over short blocks
// (common/simd_dispatch.h), the blocks and chunks in double, in order: the same figures whatever
// the thread count.

#include "tensor/tensor_stats.h"

#include <span>

namespace qs {

struct SideMoments
{
    TensorStats stats;
    double kurtosis = 0; // E[(x − μ)⁴]/σ⁴ (3 for a Gaussian; NaN when σ = 0)
    double energy = 0;   // Σ x²
};

// `values` must be finite and non-empty.
SideMoments sideMoments(std::span<const float> values, unsigned threads = 0);

} // namespace qs
