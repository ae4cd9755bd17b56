#include "report/readable_numbers.h"

#include "report/numpy_print_format.h"

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
    return std::isfinite(share) ? fixedText(100.0 * share, 2) + "%" : nonFinite(share);
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
