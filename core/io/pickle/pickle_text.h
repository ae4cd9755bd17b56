#pragma once
// The text arguments of pickle protocol 0, decoded to UTF-8 (Lib/pickletools.py: UNICODE is
// raw-unicode-escape, STRING a quoted Python literal).

#include <optional>
#include <string>
#include <string_view>

namespace qs::pickle {

// \uXXXX and \UXXXXXXXX escapes; every other byte a Latin-1 character.
std::string decodeRawUnicodeEscape(std::string_view raw);

// A quoted literal with backslash escapes (\n, \r, \t, \xHH; others keep the character);
// nullopt without matching quotes.
std::optional<std::string> decodeQuotedString(std::string_view quoted);

} // namespace qs::pickle
