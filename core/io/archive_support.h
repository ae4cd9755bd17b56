#pragma once
// Helpers the multi-tensor readers share. Internal to core/io.

#include "common/error.h"
#include "io/dtype_convert.h"
#include "io/tensor_archive.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace qs::archive {

// count × itemSize, or nullopt when a dimension is negative or the product overflows.
std::optional<std::uint64_t> byteSize(const Shape& shape, std::size_t itemSize);

// "tensor 'NAME': MESSAGE", naming the file, for errors about one tensor of a file.
std::unexpected<Error> tensorError(ErrorCode code, const std::string& path,
                                   const std::string& tensor, const std::string& message,
                                   std::optional<std::uint64_t> offset = std::nullopt);

// An entry for `dtype` with its count and byte size filled in (shape already validated).
TensorEntry makeEntry(std::string name, Shape shape, Dtype dtype);

// Converts `bytes` (count × dtypeSize elements) to float32 on the automatic thread count.
std::vector<float> convertAll(std::span<const std::byte> bytes, Dtype dtype, ByteOrder order);

bool isFloatingDtype(Dtype dtype);

} // namespace qs::archive
