#pragma once
// Reads numbers from CSV/TXT: comma-, semicolon- or whitespace-separated (detected from the first
// data line), an optional header line, '#' comment lines and blank lines skipped. Each row
// becomes a row of a 2-D tensor [rows, columns]. Accepts what strtod does (1e-3, nan, inf).

#include "common/error.h"
#include "io/loaded_tensor.h"

#include <string>
#include <string_view>

namespace qs {

// Text up to this size is accepted (1 GiB): a bound on memory, not on the tensor.
inline constexpr std::uint64_t kMaxTextBytes = std::uint64_t{1} << 30;

// Errors: BadValue "line L, column C: 'x' is not a number", BadHeader for ragged rows, EmptyTensor
// for a file without numbers. `fileName` is used in the messages.
Result<LoadedTensor> parseCsv(std::string_view text, const std::string& fileName);
Result<LoadedTensor> readCsvFile(const std::string& path);

} // namespace qs
