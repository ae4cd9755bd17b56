#pragma once
// CSV cells as every CSV export writes them (RFC 4180 quoting).

#include <string>

namespace qs {

// %.9g (round-trips float32, exact enough for the doubles reported); "nan", "inf", "-inf".
std::string csvNumber(double value);

// The text as is, or quoted with inner quotes doubled when it holds a comma, quote or newline.
std::string csvField(const std::string& text);

} // namespace qs
