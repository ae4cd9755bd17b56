#pragma once
// Opening a tensor file: picks the reader by the file's name (and, for .json, its content) and
// returns it behind the TensorArchive interface. The only place that knows every reader.

#include "common/error.h"
#include "io/tensor_archive.h"
#include "io/tensor_source.h"

#include <memory>

namespace qs {

// Opens `file.path` by its extension (and, for .json, by its content). Errors: FileNotFound,
// UnsupportedFormat, and the format's own validation errors, each naming the file.
Result<std::unique_ptr<TensorArchive>> openTensorArchive(const FileSpec& file);

} // namespace qs
