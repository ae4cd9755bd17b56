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
    Float8E4M3, // OCP FP8 E4M3 "fn": bias 7, no infinities, S.1111.111 is NaN; max 448
    Float8E5M2, // OCP FP8 E5M2: bias 15, IEEE-style infinities and NaNs; max 57344
};

// NumPy-style name: "float32", "int8", "bool", ...; PyTorch's "float8_e4m3fn", "float8_e5m2".
std::string_view dtypeName(Dtype dtype);
std::optional<Dtype> dtypeFromName(std::string_view name);
std::size_t dtypeSize(Dtype dtype);

} // namespace qs
