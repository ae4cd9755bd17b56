#pragma once
// What `quantscope-cli list` prints: the tensors a file holds, as JSON or a table.

#include "io/tensor_archive.h"
#include "report/json_fields.h"

#include <string>

namespace qs {

// {"file", "format", "metadata": {..}, "tensors": [{"name", "shape", "dtype", "count", "bytes",
//  ...}]}; "already_quantized" and "unsupported" appear on the entries they apply to.
json listingJson(const TensorArchive& archive);
// A file refused because it asks to run code: {"file", "unsafe": true, "reason", "tensors": []}.
json unsafeListingJson(const std::string& path, const Error& error);

// A fixed-width table, one tensor per line, metadata first.
std::string listingText(const TensorArchive& archive);

} // namespace qs
