#pragma once
// An owning tensor: float32 values in C order, shape, name and the dtype it was loaded from.

#include "tensor/dtype.h"
#include "tensor/tensor_view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qs {

using Shape = std::vector<std::int64_t>;

struct Tensor
{
    std::string name;
    Shape shape;
    Dtype sourceDtype = Dtype::Float32;
    std::vector<float> values;

    TensorView view() const { return {values, shape}; }

    friend bool operator==(const Tensor&, const Tensor&) = default;
};

// Product of the dimensions, or nullopt if a dimension is negative or the product overflows
// `limit` (pass the most elements the caller could possibly hold).
std::optional<std::uint64_t> elementCount(const Shape& shape, std::uint64_t limit = UINT64_MAX);

// "[3, 64, 64]"
std::string shapeToString(const Shape& shape);

} // namespace qs
