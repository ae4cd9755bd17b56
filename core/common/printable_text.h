#pragma once
// Text that came from a file (tensor names, metadata, paths, cells), made safe to print on one
// terminal line: every error QuantScope reports and every listing goes through here, so that a
// name holding a newline, a carriage return or an escape sequence can neither split the one-line
// error nor drive the terminal, a NUL cannot cut the message short, and a megabyte-long name
// cannot flood it.

#include <cstddef>
#include <string>
#include <string_view>

namespace qs {

// Longest text shown for one name or value in a listing.
inline constexpr std::size_t kPrintableNameBytes = 256;
// Longest error line.
inline constexpr std::size_t kPrintableLineBytes = 4096;

// `text` with control characters (C0 including NUL and tab, DEL, and the C1 controls U+0080..
// U+009F) written as \xNN, and a backslash that precedes them kept as it is; cut after `limit`
// bytes (never inside a UTF-8 sequence) with " … (N more bytes)". Other bytes pass unchanged.
std::string printable(std::string_view text, std::size_t limit = kPrintableNameBytes);

} // namespace qs
