#pragma once
// Writes a file so that readers see either the old file or the complete new one, never a half:
// the bytes go to a temporary file beside the target, which replaces the target only once it is
// complete and flushed.

#include "common/error.h"

#include <cstddef>
#include <span>
#include <string>

namespace qs {

// Errors: WriteFailed (naming the path) — the previous file, if any, is left untouched.
Result<void> writeFileAtomically(const std::string& path, std::span<const std::byte> header,
                                 std::span<const std::byte> body);

} // namespace qs
