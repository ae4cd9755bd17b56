#pragma once
// Writes little-endian, C-order .npy files (format 1.0), atomically.

#include "common/error.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <span>
#include <string>

namespace qs {

Result<void> writeNpy(const std::string& path, std::span<const float> values, const Shape& shape);
Result<void> writeNpy(const std::string& path, std::span<const std::int32_t> values,
                      const Shape& shape);
Result<void> writeNpy(const std::string& path, std::span<const std::uint8_t> values,
                      const Shape& shape);

} // namespace qs
