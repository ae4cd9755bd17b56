#pragma once
// What `quantscope-cli list` prints: the tensors a file holds, as JSON or a table.

#include "io/tensor_archive.h"
#include "report/json_fields.h"

#include <string>

namespace qs {

// {"file", "format", "metadata": {..}, "tensors": [{"name", "shape", "dtype", "count", "bytes",
//  ...}]}; "already_quantized" and "unsupported" appear on the entries they apply to.
json listingJson(const TensorArchive& archive);

// A fixed-width table, one tensor per line, metadata first.
std::string listingText(const TensorArchive& archive);

} // namespace qs
