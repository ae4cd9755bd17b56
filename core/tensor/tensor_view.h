#pragma once
// A non-owning look at float32 values in C (row-major) order with their shape.

#include <cstdint>
#include <span>

namespace qs {

struct TensorView
{
    std::span<const float> values;
    std::span<const std::int64_t> shape; // empty for a 0-d (scalar) tensor

    std::size_t size() const { return values.size(); }
};

} // namespace qs
