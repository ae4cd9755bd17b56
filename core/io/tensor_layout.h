#pragma once
// Memory-order conversions between storage layouts.

#include "tensor/tensor.h"

#include <span>
#include <vector>

namespace qs {

// Values stored in Fortran (column-major) order for `shape`, returned in C (row-major) order.
std::vector<float> fortranToC(std::span<const float> fortran, const Shape& shape);

} // namespace qs
