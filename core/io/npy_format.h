#pragma once
// The .npy format (NumPy's NEP 1): magic "\x93NUMPY", version, header length, then a Python
// dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } padded with spaces
// and a newline, then the raw data.

#include "common/error.h"
#include "io/dtype_convert.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace qs {

struct NpyDtype
{
    Dtype dtype = Dtype::Float32;
    ByteOrder order = ByteOrder::Little;
    friend bool operator==(const NpyDtype&, const NpyDtype&) = default;
};

struct NpyHeader
{
    int majorVersion = 1;
    NpyDtype dtype;
    bool fortranOrder = false;
    Shape shape;
    std::uint64_t dataOffset = 0; // bytes before the data: magic, version, length, dict

    friend bool operator==(const NpyHeader&, const NpyHeader&) = default;
};

inline constexpr std::string_view kNpyMagic = "\x93NUMPY";

// Parses a NumPy dtype descriptor: '<f4', '>i2', '|u1', '|b1', 'f8' (native = little here).
// Object ('O'), complex ('c8'), strings ('U', 'S'), void, datetime and other dtypes are refused
// with UnsupportedDtype and a message that says which kind it is.
Result<NpyDtype> parseNpyDescr(std::string_view descr);

// The descriptor NumPy writes for `dtype` in little-endian order ('<f4', '|u1', ...).
std::string npyDescr(Dtype dtype);

// Parses the dict literal of a header. `dictOffset` is the byte offset of `dict` in the file,
// used to place errors. Errors: BadHeader, UnsupportedDtype.
Result<NpyHeader> parseNpyHeaderDict(std::string_view dict, std::uint64_t dictOffset);

// The complete header bytes for a little-endian C-order array, version 1.0, padded so the data
// starts on a 64-byte boundary as NumPy does.
std::string makeNpyHeader(Dtype dtype, const Shape& shape);

} // namespace qs
