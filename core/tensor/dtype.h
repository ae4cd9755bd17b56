#pragma once
// Element types a tensor can come from. Values are always analysed as float32; the source dtype
// is kept so that reports can say what the file held.

#include <cstddef>
#include <optional>
#include <string_view>

namespace qs {

enum class Dtype
{
    Float16,
    BFloat16,
    Float32,
    Float64,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Bool,
};

// NumPy-style name: "float32", "int8", "bool", ...
std::string_view dtypeName(Dtype dtype);
std::optional<Dtype> dtypeFromName(std::string_view name);
std::size_t dtypeSize(Dtype dtype);

} // namespace qs
