#pragma once
// Reads .npy files: versions 1.0, 2.0 and 3.0; dtypes f2 f4 f8 i1 u1 i2 u2 i4 u4 i8 u8 b1 in
// either byte order; C or Fortran order (returned in C order); 0-d arrays.

#include "common/error.h"
#include "io/byte_reader.h"
#include "io/loaded_tensor.h"
#include "io/npy_format.h"

#include <string>

namespace qs {

// Reads the magic, version and header dict, leaving `reader` at the first data byte.
// Validates the data size the header claims against the bytes the source holds before anything
// is allocated. Errors: BadMagic, BadHeader, UnsupportedDtype, TooLarge, Truncated.
Result<NpyHeader> readNpyHeader(ByteReader& reader);

// The whole array. The tensor is named `tensorName`.
Result<LoadedTensor> readNpy(ByteReader& reader, const std::string& tensorName);
Result<LoadedTensor> readNpyFile(const std::string& path);

} // namespace qs
