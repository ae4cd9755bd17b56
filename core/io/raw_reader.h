#pragma once
// Raw binary files: headerless arrays whose dtype, byte order and shape the user states.

#include "common/error.h"
#include "io/dtype_convert.h"
#include "io/loaded_tensor.h"

#include <optional>
#include <string>

namespace qs {

struct RawSpec
{
    Dtype dtype = Dtype::Float32;
    ByteOrder order = ByteOrder::Little;
    std::optional<Shape> shape; // unset: 1-D, as many elements as the file holds
    std::uint64_t offset = 0;   // bytes to skip before the data

    friend bool operator==(const RawSpec&, const RawSpec&) = default;
};

// Parses a dtype as NumPy spells it ('<f4', '>i2', 'u1', 'float32', 'int16'), for --raw-dtype.
Result<RawSpec> rawSpecFromDtype(std::string_view dtype);

// Errors: the file's data size is not a multiple of the item size, or disagrees with the shape.
Result<LoadedTensor> readRawFile(const std::string& path, const RawSpec& spec);

} // namespace qs
