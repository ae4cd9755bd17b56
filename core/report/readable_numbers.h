#pragma once
// Numbers as the pages people read show them (HTML, Markdown, PDF), where every digit of the
// JSON would only hide the one that matters. JSON and CSV keep every digit.

#include <string>

namespace qs {

// `decimals` digits after the point ("14.20"); "∞", "−∞" or "nan" for the non-finite.
std::string fixedText(double value, int decimals);
// Bits per value: three decimals, a trailing zero dropped down to two ("4.50", "4.125", "6.667").
std::string bitsText(double bits);
// A share of 1 as a percentage with two decimals ("33.33%"); below 0.1% it keeps two
// significant digits ("0.0085%"), so that a few clipped values neither read as none nor
// round to twice their share.
std::string percentText(double share);
// The value as a float32 with its shortest round-trip digits ("0.002893383"), "∞" for +∞.
std::string float32Text(double value);

} // namespace qs
