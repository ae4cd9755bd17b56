#pragma once
// Minifloat elements — FP8 E4M3 and E5M2 (OCP OFP8), FP6 E2M3 and E3M2, FP4 E2M1 (OCP MX v1.0) —
// and their encoding from float32, written once for one value and for SIMD lanes.
//
// With exponent field E, mantissa field M, m mantissa bits and bias b:
//     E = 0:  value = (−1)^s · M · 2^(1−b−m)             (subnormal)
//     E > 0:  value = (−1)^s · (2^m + M) · 2^(E−b−m)
// Encoding rounds to the nearest value, ties to the even code (or away from zero), on the exact
// float32 value — not through log2f — with subnormals. The sign is kept: −0 and tiny negatives
// give the negative-zero code. A magnitude past the largest finite value saturates to it, or
// without saturation becomes NaN (E4M3, which has no infinity) or ±Inf (E5M2). FP6 and FP4 have
// neither and always saturate; they code NaN as zero.
//
// The encoder works on the exponent e = max(floor(log2 |v|), 1 − b): t = |v|·2^(m−e) is exact and
// lies in [0, 2^(m+1)); q = round(t) gives the magnitude code ((e − (1 − b)) << m) + q for normal
// and subnormal values alike (a carry q = 2^(m+1) moves into the next binade by itself) and the
// value q·2^(e−m).

#include "common/simd.h"

#include <cstdint>
#include <limits>
#include <string_view>

namespace qs {

// How a type spends its all-ones exponent field.
enum class MinifloatSpecials : std::uint8_t
{
    None,      // FP6, FP4: every code is finite
    NanOnly,   // E4M3 ("FN"): S.1111.111 is NaN, no infinity
    InfAndNan, // E5M2: exponent all ones is ±Inf (M = 0) or NaN (M ≠ 0), as IEEE
};

struct MinifloatType
{
    // Small fields: every group's QuantParams carries one.
    std::int8_t exponentBits = 4;
    std::int8_t mantissaBits = 3;
    std::int8_t bias = 7;
    MinifloatSpecials specials = MinifloatSpecials::NanOnly;

    int bits() const { return 1 + exponentBits + mantissaBits; }
    int codeCount() const { return 1 << bits(); }
    std::uint32_t signBit() const { return 1u << (exponentBits + mantissaBits); }
    // The exponent of the smallest normal binade, 1 − b (also the subnormals' scale exponent).
    int minExponent() const { return 1 - bias; }
    // The largest finite magnitude code: E4M3 0x7E, E5M2 0x7B, all ones for FP6 and FP4.
    std::uint32_t maxFiniteCode() const;
    // floor(log2) of the largest finite value: E4M3 8, E5M2 15, E3M2 4, E2M3 2, E2M1 2.
    int maxExponent() const;
    float maxFinite() const { return decode(maxFiniteCode()); }
    float minNormal() const;
    float minSubnormal() const;
    bool hasNan() const { return specials != MinifloatSpecials::None; }
    bool hasInfinity() const { return specials == MinifloatSpecials::InfAndNan; }
    // The positive NaN code (E4M3 0x7F, E5M2 0x7E) and E5M2's +Inf code 0x7C; 0 when absent.
    std::uint32_t nanCode() const;
    std::uint32_t infinityCode() const;
    bool isNanCode(std::uint32_t code) const;
    bool isInfinityCode(std::uint32_t code) const;
    // The exact value of `code` (NaN and ±Inf for the special codes).
    float decode(std::uint32_t code) const;

    friend bool operator==(const MinifloatType&, const MinifloatType&) = default;
};

inline constexpr MinifloatType kE4M3{4, 3, 7, MinifloatSpecials::NanOnly};
inline constexpr MinifloatType kE5M2{5, 2, 15, MinifloatSpecials::InfAndNan};
inline constexpr MinifloatType kE2M3{2, 3, 1, MinifloatSpecials::None};
inline constexpr MinifloatType kE3M2{3, 2, 3, MinifloatSpecials::None};
inline constexpr MinifloatType kE2M1{2, 1, 1, MinifloatSpecials::None};

// "e4m3", "e5m2", "e2m3", "e3m2", "e2m1"
std::string_view minifloatName(const MinifloatType& type);

enum class ElementRounding : std::uint8_t
{
    Even, // nearest, ties to the even code (RNE: hardware, Transformer Engine, torchao)
    Away, // nearest, ties away from zero (microxcaling's round="nearest")
};

enum class Overflow : std::uint8_t
{
    Saturate,  // to ±max finite (NVIDIA satfinite, ONNX saturate=1): the default
    NonFinite, // NaN for E4M3, ±Inf for E5M2 (ml_dtypes astype); FP6/FP4 saturate anyway
};

// One value or SIMD lanes through the encoder: the code (sign included), the decoded value (the
// sign of zero kept), and whether the magnitude overflowed the largest finite value.
template <typename F> struct MinifloatLanes
{
    simd::IntOf<F> code;
    F value;
    simd::MaskOf<F> overflowed;
};

// The encoder of one type and variant, with its constants hoisted out of the loops.
struct MinifloatCodec
{
    MinifloatCodec() : MinifloatCodec(kE4M3, Overflow::Saturate) {}
    // `negativeZero` false takes the sign from v < 0, so −0.0 gets the positive zero code.
    MinifloatCodec(const MinifloatType& type, Overflow overflow, bool negativeZero = true);

    std::int32_t mantissaBits;
    std::int32_t minExponent;
    std::int32_t signShift;
    std::int32_t maxFiniteCode; // magnitude
    std::int32_t overflowCode;  // magnitude code an overflow becomes (saturated or special)
    std::int32_t nanCode;       // magnitude code of NaN (0 when the type has none)
    float maxFinite;
    float overflowValue; // ±max, NaN or Inf (before the sign)
    float nanValue;      // NaN, or 0 when the type has no NaN
    float clampHigh;     // magnitudes are first bounded by this (it surely overflows)
    bool negativeZero;

    template <ElementRounding Rounding, typename F>
    [[gnu::always_inline]] MinifloatLanes<F> encode(F v) const
    {
        using namespace simd;
        using I = IntOf<F>;
        const I vBits = bitsOf(v);
        const I signBit = (vBits >> 31) & 1; // arithmetic shift: −1 or 0, then 1 or 0
        I negative = negativeZero ? signBit : (v < splat<F>(0.0f) ? splat<I>(1) : splat<I>(0));
        F a = abs(v);
        const MaskOf<F> isNan = a != a; // NOLINT(misc-redundant-expression): NaN test
        a = a < splat<F>(clampHigh) ? a : splat<F>(clampHigh);
        I e = ((bitsOf(a) >> 23) & 0xff) - 127;
        e = e < splat<I>(minExponent) ? splat<I>(minExponent) : e;
        const F up = floatFromBits((splat<I>(127 + mantissaBits) - e) << 23);   // 2^(m − e)
        const F down = floatFromBits((splat<I>(127 - mantissaBits) + e) << 23); // 2^(e − m)
        const F t = a * up; // exact: a power-of-two scaling into [0, 2^(m+1))
        F q{};
        if constexpr (Rounding == ElementRounding::Even) {
            const F magic = splat<F>(12582912.0f); // 1.5·2^23: the FPU's ties-to-even
            q = (t + magic) - magic;
        } else {
            const F whole = toFloat(toInt(t));
            q = whole + (t - whole >= splat<F>(0.5f) ? splat<F>(1.0f) : splat<F>(0.0f));
        }
        I magnitude = ((e - splat<I>(minExponent)) << mantissaBits) + toInt(q);
        F value = q * down;
        const auto over = magnitude > splat<I>(maxFiniteCode);
        magnitude = over ? splat<I>(overflowCode) : magnitude;
        value = over ? splat<F>(overflowValue) : value;
        magnitude = isNan ? splat<I>(nanCode) : magnitude;
        value = isNan ? splat<F>(nanValue) : value;
        if (nanCode == 0) {
            negative = isNan ? splat<I>(0) : negative; // FP6, FP4: NaN is coded as +0
        }
        // The value takes the code's sign (−0 only where the code is negative zero).
        const F signedValue = copySign(value, floatFromBits(negative << 31));
        return {magnitude | (negative << signShift), signedValue, over && !isNan};
    }
};

} // namespace qs
