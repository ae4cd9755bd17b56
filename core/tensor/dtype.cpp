#include "tensor/dtype.h"

#include <array>
#include <utility>

namespace qs {
namespace {

struct DtypeInfo
{
    Dtype dtype;
    std::string_view name;
    std::size_t size;
};

constexpr std::array kDtypes{
    DtypeInfo{Dtype::Float16, "float16", 2},
    DtypeInfo{Dtype::BFloat16, "bfloat16", 2},
    DtypeInfo{Dtype::Float32, "float32", 4},
    DtypeInfo{Dtype::Float64, "float64", 8},
    DtypeInfo{Dtype::Int8, "int8", 1},
    DtypeInfo{Dtype::UInt8, "uint8", 1},
    DtypeInfo{Dtype::Int16, "int16", 2},
    DtypeInfo{Dtype::UInt16, "uint16", 2},
    DtypeInfo{Dtype::Int32, "int32", 4},
    DtypeInfo{Dtype::UInt32, "uint32", 4},
    DtypeInfo{Dtype::Int64, "int64", 8},
    DtypeInfo{Dtype::UInt64, "uint64", 8},
    DtypeInfo{Dtype::Bool, "bool", 1},
    DtypeInfo{Dtype::Float8E4M3, "float8_e4m3fn", 1},
    DtypeInfo{Dtype::Float8E5M2, "float8_e5m2", 1},
};

const DtypeInfo& info(Dtype dtype)
{
    return kDtypes[std::to_underlying(dtype)];
}

} // namespace

std::string_view dtypeName(Dtype dtype)
{
    return info(dtype).name;
}

std::size_t dtypeSize(Dtype dtype)
{
    return info(dtype).size;
}

std::optional<Dtype> dtypeFromName(std::string_view name)
{
    for (const DtypeInfo& entry : kDtypes) {
        if (entry.name == name) {
            return entry.dtype;
        }
    }
    return std::nullopt;
}

} // namespace qs
