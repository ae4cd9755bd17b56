#pragma once
// A nesting limit for the JSON QuantScope reads (safetensors headers and indexes, TF.js
// manifests, sessions). Parsing itself does not recurse, but everything that walks a document
// afterwards does; a header nested 10^5 levels deep would run the stack out there. One pass over
// the text, before parsing, finds the depth without building anything.

#include "common/error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qs {

// Deeper than any document these formats define (a safetensors header needs 3 levels).
inline constexpr int kMaxJsonNesting = 64;

// Whether `text` opens more than `limit` arrays and objects inside one another (brackets inside
// strings do not count).
bool jsonNestsDeeperThan(std::string_view text, int limit = kMaxJsonNesting);

// The readers' check: BadHeader "WHAT nests deeper than 64 levels" naming `file` (and `offset`)
// when `text` does. `what` names the JSON in the message ("the JSON", "the header's JSON").
Result<void> checkJsonNesting(std::string_view text, const std::string& file,
                              std::string_view what = "the JSON",
                              std::optional<std::uint64_t> offset = std::nullopt);

} // namespace qs
