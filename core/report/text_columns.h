#pragma once
// The plain-text tables of the CLI (the shoot-out, the setting comparison): numbers as people
// read them and cells padded into columns. JSON and CSV keep every digit instead.

#include <cstddef>
#include <string>

namespace qs {

// `decimals` places: "19.42".
std::string columnFixed(double value, int decimals);
// Six significant digits: "1.36905e-05".
std::string columnReadable(double value);
// `text` filled with spaces to `width` bytes, on the right (or, `right`, on the left).
std::string padded(std::string text, std::size_t width, bool right = false);

} // namespace qs
