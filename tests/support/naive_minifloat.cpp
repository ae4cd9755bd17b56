// The minifloat half of the reference (naive_formats.h): FORMATS.md §1's decode formula and a
// brute-force nearest-value encoder, in exact double arithmetic.

#include "support/naive_formats.h"

#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <utility>
#include <vector>

namespace qs::test {

std::uint32_t NaiveMinifloat::maxFiniteCode() const
{
    const std::uint32_t allOnes = (1u << (exponentBits + mantissaBits)) - 1;
    switch (specials) {
    case Specials::None:
        return allOnes;
    case Specials::NanOnly:
        return allOnes - 1; // S.1111.111 is NaN
    case Specials::InfAndNan:
        return (((1u << exponentBits) - 1) << mantissaBits) - 1; // below the all-ones exponent
    }
    return allOnes;
}

std::uint32_t NaiveMinifloat::nanCode() const
{
    switch (specials) {
    case Specials::None:
        return 0;
    case Specials::NanOnly:
        return (1u << (exponentBits + mantissaBits)) - 1;
    case Specials::InfAndNan: // the quiet NaN: exponent all ones, top mantissa bit set
        return (((1u << exponentBits) - 1) << mantissaBits) | (1u << (mantissaBits - 1));
    }
    return 0;
}

double naiveDecode(const NaiveMinifloat& type, std::uint32_t code)
{
    const int m = type.mantissaBits;
    const std::uint32_t mantissaMask = (1u << m) - 1;
    const std::uint32_t exponentMask = (1u << type.exponentBits) - 1;
    const bool negative = (code & type.signBit()) != 0;
    const std::uint32_t e = (code >> m) & exponentMask;
    const std::uint32_t mantissa = code & mantissaMask;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double magnitude = 0;
    if (type.specials == NaiveMinifloat::Specials::NanOnly && e == exponentMask &&
        mantissa == mantissaMask) {
        return nan;
    }
    if (type.specials == NaiveMinifloat::Specials::InfAndNan && e == exponentMask) {
        if (mantissa != 0) {
            return nan;
        }
        magnitude = std::numeric_limits<double>::infinity();
    } else if (e == 0) {
        // Subnormal: M · 2^(1 − b − m).
        magnitude = std::ldexp(static_cast<double>(mantissa), 1 - type.bias - m);
    } else {
        // Normal: (2^m + M) · 2^(E − b − m).
        magnitude = std::ldexp(static_cast<double>((1u << m) + mantissa),
                               static_cast<int>(e) - type.bias - m);
    }
    return negative ? -magnitude : magnitude;
}

double naiveMaxFinite(const NaiveMinifloat& type)
{
    return naiveDecode(type, type.maxFiniteCode());
}

namespace {

// Whether |v| rounds past max finite, deciding against the value that would follow it if the
// exponent range went on (max + the top binade's step, whose code is maxFiniteCode + 1).
bool roundsPastMax(const NaiveMinifloat& type, double magnitude, ElementRounding rounding)
{
    const double top = naiveMaxFinite(type);
    const double next = top + std::ldexp(1.0, std::ilogb(top) - type.mantissaBits);
    const double boundary = (top + next) / 2; // exact: one bit more than the type has
    const bool nextIsEven = (type.maxFiniteCode() + 1) % 2 == 0;
    return magnitude > boundary ||
           (magnitude == boundary && (rounding == ElementRounding::Away || nextIsEven));
}

// decode(code) for the positive finite codes 0..maxFiniteCode, built once per type.
const std::vector<double>& magnitudesOf(const NaiveMinifloat& type)
{
    static std::deque<std::pair<NaiveMinifloat, std::vector<double>>> cache; // stable references
    for (const auto& [known, values] : cache) {
        if (known.exponentBits == type.exponentBits && known.mantissaBits == type.mantissaBits &&
            known.bias == type.bias && known.specials == type.specials) {
            return values;
        }
    }
    std::vector<double> values;
    for (std::uint32_t code = 0; code <= type.maxFiniteCode(); ++code) {
        values.push_back(naiveDecode(type, code));
    }
    return cache.emplace_back(type, std::move(values)).second;
}

} // namespace

NaiveEncoded naiveEncode(const NaiveMinifloat& type, double v, ElementRounding rounding,
                         Overflow overflow, bool signFromLess)
{
    const bool negative = signFromLess ? v < 0 : std::signbit(v);
    const std::uint32_t sign = negative ? type.signBit() : 0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (std::isnan(v)) {
        if (type.specials == NaiveMinifloat::Specials::None) {
            return {0, 0.0, false}; // FP6/FP4 have no NaN: code 0
        }
        return {type.nanCode() | sign, nan, false};
    }
    const double magnitude = std::fabs(v);
    if (roundsPastMax(type, magnitude, rounding)) {
        if (overflow == Overflow::NonFinite && type.specials == NaiveMinifloat::Specials::NanOnly) {
            return {type.nanCode() | sign, nan, true};
        }
        if (overflow == Overflow::NonFinite &&
            type.specials == NaiveMinifloat::Specials::InfAndNan) {
            const double inf = std::numeric_limits<double>::infinity();
            return {(type.maxFiniteCode() + 1) | sign, negative ? -inf : inf, true};
        }
        const double top = naiveMaxFinite(type);
        return {type.maxFiniteCode() | sign, negative ? -top : top, true};
    }
    // The nearest finite magnitude. Codes ascend with the value, so a tie is between neighbours,
    // one even and one odd: Even keeps the even code, Away the larger. Past the nearest the
    // distance only grows.
    const std::vector<double>& values = magnitudesOf(type);
    std::uint32_t best = 0;
    double bestDistance = magnitude;
    for (std::uint32_t code = 1; code < values.size(); ++code) {
        const double distance = std::fabs(values[code] - magnitude);
        if (distance > bestDistance) {
            break;
        }
        const bool tieWins =
            distance == bestDistance && (rounding == ElementRounding::Away || code % 2 == 0);
        if (distance < bestDistance || tieWins) {
            best = code;
            bestDistance = distance;
        }
    }
    const double value = values[best];
    return {best | sign, negative ? -value : value, false};
}

std::span<const float> naiveNf4Table()
{
    static constexpr std::array<float, 16> kTable{
        -1.0f,
        -0.6961928009986877f,
        -0.5250730514526367f,
        -0.39491748809814453f,
        -0.28444138169288635f,
        -0.18477343022823334f,
        -0.09105003625154495f,
        0.0f,
        0.07958029955625534f,
        0.16093020141124725f,
        0.24611230194568634f,
        0.33791524171829224f,
        0.44070982933044434f,
        0.5626170039176941f,
        0.7229568362236023f,
        1.0f,
    };
    return kTable;
}

std::span<const float> naiveBnbFp4Magnitudes()
{
    // [0, 0.0625, 8, 12, 4, 6, 2, 3] / 12, each divided in float32 as bitsandbytes' table is.
    static const std::array<float, 8> kMagnitudes = [] {
        const std::array<float, 8> twelfths{0.0f, 0.0625f, 8.0f, 12.0f, 4.0f, 6.0f, 2.0f, 3.0f};
        std::array<float, 8> out{};
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = twelfths[i] / 12.0f;
        }
        return out;
    }();
    return kMagnitudes;
}

} // namespace qs::test
