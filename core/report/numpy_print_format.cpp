#include "report/numpy_print_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace qs {
namespace {

constexpr int kPrecision = 8;          // np.get_printoptions()['precision']
constexpr std::size_t kLineWidth = 75; // np.get_printoptions()['linewidth']

std::string toChars(float value, std::chars_format format, int precision = -1)
{
    char buffer[128];
    const auto result =
        precision < 0 ? std::to_chars(buffer, buffer + sizeof buffer, value, format)
                      : std::to_chars(buffer, buffer + sizeof buffer, value, format, precision);
    return std::string(buffer, result.ptr);
}

// Shortest unique digits, cut to at most kPrecision fractional digits (rounding the exact
// binary value, as NumPy's Dragon4 does at its cutoff), trailing zeros dropped but the '.' kept.
std::string positional(float value)
{
    std::string text = toChars(value, std::chars_format::fixed);
    const std::size_t dot = text.find('.');
    if (dot != std::string::npos && text.size() - dot - 1 > kPrecision) {
        text = toChars(value, std::chars_format::fixed, kPrecision);
    }
    if (text.find('.') == std::string::npos) {
        text += '.';
    }
    while (text.back() == '0') { // stops at the '.' at the latest
        text.pop_back();
    }
    return text;
}

// Mantissa and exponent of the shortest scientific form, mantissa cut like positional().
std::pair<std::string, std::string> scientific(float value)
{
    std::string text = toChars(value, std::chars_format::scientific);
    std::size_t e = text.find('e');
    const std::size_t dot = text.find('.');
    if (dot != std::string::npos && dot < e && e - dot - 1 > kPrecision) {
        text = toChars(value, std::chars_format::scientific, kPrecision);
        e = text.find('e');
    }
    std::string mantissa = text.substr(0, e);
    if (mantissa.find('.') == std::string::npos) {
        mantissa += '.';
    }
    while (mantissa.back() == '0') {
        mantissa.pop_back();
    }
    return {mantissa, text.substr(e + 1)};
}

std::pair<std::string_view, std::string_view> splitAt(std::string_view text, char c)
{
    const std::size_t at = text.find(c);
    return {text.substr(0, at),
            at == std::string_view::npos ? std::string_view{} : text.substr(at + 1)};
}

std::string nonFinite(float value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    return value < 0 ? "-inf" : "inf";
}

std::string padLeft(const std::string& text, std::size_t width)
{
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

// NaN and ±Inf share the column: the integer part widens until "nan" / "-inf" fit beside the
// fraction (`rest` characters: the point, the fraction and any exponent).
std::size_t widenForNonFinite(std::span<const float> values, std::size_t padInt, std::size_t rest)
{
    std::size_t widest = 0;
    for (const float v : values) {
        if (!std::isfinite(v)) {
            widest = std::max(widest, nonFinite(v).size());
        }
    }
    return widest > rest ? std::max(padInt, widest - rest) : padInt;
}

// NumPy's FloatingFormat: choose positional or scientific for the whole array, then pad every
// element to a common integer and fraction width.
std::vector<std::string> formatElements(std::span<const float> values)
{
    std::vector<float> finite;
    for (const float v : values) {
        if (std::isfinite(v)) {
            finite.push_back(v);
        }
    }
    bool expFormat = false;
    float maxAbs = 0;
    float minAbs = INFINITY;
    for (const float v : finite) {
        if (v != 0) {
            maxAbs = std::max(maxAbs, std::fabs(v));
            minAbs = std::min(minAbs, std::fabs(v));
        }
    }
    if (maxAbs > 0) {
        expFormat =
            maxAbs >= 1e8f || minAbs < 0.0001f || static_cast<double>(maxAbs) / minAbs > 1000.0;
    }

    std::vector<std::string> out;
    std::size_t padInt = 0;
    std::size_t padFrac = 0;
    if (expFormat) {
        std::size_t expDigits = 0;
        for (const float v : finite) {
            const auto [mantissa, exponent] = scientific(v);
            const auto [intPart, fracPart] = splitAt(mantissa, '.');
            padInt = std::max(padInt, intPart.size());
            padFrac = std::max(padFrac, fracPart.size());
            expDigits = std::max(expDigits, exponent.size() - 1);
        }
        padInt = widenForNonFinite(values, padInt, padFrac + expDigits + 3);
        for (const float v : values) {
            if (!std::isfinite(v)) {
                out.push_back(padLeft(nonFinite(v), padInt + padFrac + expDigits + 3));
                continue;
            }
            // Every mantissa shows padFrac digits. NumPy's min_digits fills them with the exact
            // value's further digits, not with zeros: a correctly rounded fixed-precision print.
            const std::string full =
                toChars(v, std::chars_format::scientific, static_cast<int>(padFrac));
            auto [mantissa, exponent] = splitAt(full, 'e');
            std::string text = std::string(mantissa);
            if (padFrac == 0) {
                text += '.'; // NumPy keeps the point: "1.e+09"
            }
            text = padLeft(text, padInt + 1 + padFrac);
            const std::string_view digits = exponent.substr(1);
            text += 'e';
            text += exponent.front();
            text += std::string(expDigits - digits.size(), '0') + std::string(digits);
            out.push_back(text);
        }
        return out;
    }

    std::vector<std::string> texts;
    for (const float v : finite) {
        texts.push_back(positional(v));
        const auto [intPart, fracPart] = splitAt(texts.back(), '.');
        padInt = std::max(padInt, intPart.size());
        padFrac = std::max(padFrac, fracPart.size());
    }
    padInt = widenForNonFinite(values, padInt, padFrac + 1);
    std::size_t next = 0;
    for (const float v : values) {
        if (!std::isfinite(v)) {
            out.push_back(padLeft(nonFinite(v), padInt + padFrac + 1));
            continue;
        }
        const auto [intPart, fracPart] = splitAt(texts[next++], '.');
        std::string text = padLeft(std::string(intPart), padInt) + "." + std::string(fracPart);
        text.append(padFrac - fracPart.size(), ' ');
        out.push_back(text);
    }
    return out;
}

} // namespace

std::string formatNumpyArray(std::span<const float> values)
{
    // NumPy's _formatArray for one axis: the line starts with a hanging indent standing in for
    // '[', and wraps when an element would pass linewidth − len(']').
    const std::vector<std::string> elements = formatElements(values);
    const std::string hangingIndent = " ";
    const std::size_t elementWidth = kLineWidth - 1;
    std::string text;
    std::string line = hangingIndent;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (line.size() + elements[i].size() > elementWidth && line.size() > hangingIndent.size()) {
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            text += line + "\n";
            line = hangingIndent;
        }
        line += elements[i];
        if (i + 1 < elements.size()) {
            line += ' ';
        }
    }
    text += line;
    return "[" + text.substr(hangingIndent.size()) + "]";
}

namespace {

// repr() of a float of either width: its shortest round-trip digits (std::to_chars picks them for
// the type), laid out as Python and NumPy lay them out.
template <typename Float> std::string shortestRepr(Float value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view text(buffer, result.ptr);
    const std::size_t e = text.find('e');
    const bool negative = text.front() == '-';
    std::string digits;
    for (const char c : text.substr(0, e)) {
        if (c >= '0' && c <= '9') {
            digits += c;
        }
    }
    int exponent = 0;
    std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                    exponent);
    const int decimalPoint = exponent + 1; // value = 0.DIGITS × 10^decimalPoint

    std::string out = negative ? "-" : "";
    if (value == 0) {
        return out + "0.0";
    }
    if (decimalPoint > -4 && decimalPoint <= 16) {
        if (decimalPoint <= 0) {
            out += "0." + std::string(static_cast<std::size_t>(-decimalPoint), '0') + digits;
        } else if (static_cast<std::size_t>(decimalPoint) >= digits.size()) {
            out += digits + std::string(decimalPoint - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, decimalPoint) + "." + digits.substr(decimalPoint);
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
        out += "." + digits.substr(1);
    }
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
}

} // namespace

std::string formatPythonFloat(double value)
{
    return shortestRepr(value);
}

std::string formatNumpyFloat32(float value)
{
    return shortestRepr(value);
}

} // namespace qs
