#pragma once

#include "common/error.h"
#include "io/byte_reader.h"
#include "io/dtype_convert.h"

#include <span>

namespace qs {

// Reads dst.size() elements of `dtype` from `reader` and converts them to float32, slice by
// slice, so no second full-size buffer is ever needed.
Result<void> readElements(ByteReader& reader, Dtype dtype, ByteOrder order, std::span<float> dst);

} // namespace qs
