#include "report/readable_numbers.h"

#include "report/numpy_print_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs {
namespace {

std::string nonFinite(double value)
{
    return std::isnan(value) ? "nan" : value < 0 ? "−∞" : "∞";
}

} // namespace

std::string fixedText(double value, int decimals)
{
    if (!std::isfinite(value)) {
        return nonFinite(value);
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string bitsText(double bits)
{
    std::string text = fixedText(bits, 3);
    if (std::isfinite(bits) && text.back() == '0') {
        text.pop_back();
    }
    return text;
}

std::string percentText(double share)
{
    if (!std::isfinite(share)) {
        return nonFinite(share);
    }
    const double percent = 100.0 * share;
    if (percent == 0.0 || std::abs(percent) >= 0.1) {
        return fixedText(percent, 2) + "%";
    }
    // The decimals that give two significant digits (0.0015 → 4); a share is a count over a
    // count, so never below 2⁻⁶⁴ and 20 decimals always suffice.
    const int decimals = 1 - static_cast<int>(std::floor(std::log10(std::abs(percent))));
    return fixedText(percent, std::min(decimals, 20)) + "%";
}

std::string float32Text(double value)
{
    // A double beyond float32's range would turn into ∞ when narrowed: say what it is instead.
    const float narrowed = static_cast<float>(value);
    if (!std::isfinite(value) || !std::isfinite(narrowed)) {
        return std::isfinite(value) ? formatPythonFloat(value) : nonFinite(value);
    }
    return formatNumpyFloat32(narrowed);
}

} // namespace qs
