#pragma once
// Element conversion from a file's dtype and byte order to float32.

#include "tensor/dtype.h"

#include <cstddef>
#include <span>

namespace qs {

enum class ByteOrder
{
    Little,
    Big
};

// Converts src.size() / dtypeSize(dtype) elements into `dst` (which must hold that many).
// Integers and float64 are rounded to the nearest float32, as NumPy's astype('float32').
void convertToFloat(std::span<const std::byte> src, Dtype dtype, ByteOrder order,
                    std::span<float> dst);

// The inverse for writers: float32 / int32 to little-endian bytes.
void storeLittleEndian(std::span<const float> src, std::span<std::byte> dst);
void storeLittleEndian(std::span<const std::int32_t> src, std::span<std::byte> dst);

} // namespace qs
