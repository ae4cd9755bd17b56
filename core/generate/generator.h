#pragma once
// Seeded tensor generation and outlier injection.

#include "common/error.h"
#include "generate/generate_spec.h"
#include "tensor/tensor.h"

namespace qs {

// Draws spec.shape values of the distribution, then injects spec.outliers. The same spec always
// gives the same tensor. Errors: InvalidArgument for parameters outside a distribution's domain,
// TooLarge beyond kMaxGeneratedElements.
Result<Tensor> generateTensor(const GenerateSpec& spec);

// Replaces `outliers.count` distinct, seeded positions of `values` with outliers. Positions come
// from their own stream (seed + 1) so adding outliers never changes the other values.
// `mean` and `std` are those of the clean data (used by OutlierUnit::Sigma).
Result<void> injectOutliers(std::span<float> values, const OutlierSpec& outliers,
                            std::uint32_t seed, double mean, double std);

} // namespace qs
