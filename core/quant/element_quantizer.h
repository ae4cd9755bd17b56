#pragma once
// The element-wise quantize/dequantize step, written once and inlined both into the fused kernel
// and into the step-by-step walkthrough, so the two can never disagree.
//
// Every operation is float32, in the order the tutorial's NumPy code evaluates it:
//     v  = R / Scale + Z          (float32; Z = 0 for general and signed symmetric)
//     Q  = Clip(Round(v), Qmin, Qmax)
//     R' = (Q − Z) · Scale        (float32)
//
// Clip(Round(v)) == Round(Clip(v, Qmin − 1, Qmax + 1)) clipped again to [Qmin, Qmax], because
// rounding is monotonic and fixes integers. Clamping first bounds |v| by 2^16 + 1, which lets
// every rounding mode below use cheap exact float tricks and makes NaN/Inf harmless.

#include "common/simd.h"
#include "quant/minifloat.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace qs {

enum class ClipState : std::uint8_t
{
    Inside = 0,
    Below = 1,
    Above = 2,
    NonFinite = 3
};

// The element step for F = float (one value) or a simd float vector (4 or 8 lanes):
//     v = scaled(R), then Q = Clip(Round(bounded v) + post), R' = (Q − Z)·Scale
// with scaled() and post as the parameters' QuantizeStep says (quant_params.h).
struct ElementQuantizer
{
    float scale;   // dequantization scale
    float inverse; // multiplies R when `multiply`
    bool multiply;
    float pre;      // added to the scaled value before rounding
    float post;     // added to the rounded value (an integer: exact)
    float zero;     // Z, for dequantization
    float lowest;   // Qmin − post − 1: rounds to a value flagged as clipped below
    float highest;  // Qmax − post + 1
    float nanValue; // the v that becomes the zero point's code
    float qmin;
    float qmax;

    explicit ElementQuantizer(const QuantParams& p)
        : scale(p.elementScale()), inverse(p.inverseScale),
          multiply(p.step != QuantizeStep::DivideAddZero),
          // Adding −0 leaves R/Scale as it is, −0 included (the tutorial's symmetric and general
          // steps add no Z at all).
          pre(p.step == QuantizeStep::DivideAddZero
                  ? (p.zeroPoint != 0 ? p.elementZeroPoint() : -0.0f)
                  : (p.step == QuantizeStep::MultiplyAddOffset ? p.offset : -0.0f)),
          // −0, not +0, when nothing is added: x + (−0) is x even for x = −0, which keeps the sign
          // of a zero code (np.round(−0.3) = −0.0) through to R'.
          post(p.step == QuantizeStep::MultiplyRoundAddZero && p.zeroPoint != 0
                   ? p.elementZeroPoint()
                   : -0.0f),
          zero(p.elementZeroPoint()), lowest(static_cast<float>(p.qmin) - post - 1.0f),
          highest(static_cast<float>(p.qmax) - post + 1.0f), nanValue(zero - post),
          qmin(static_cast<float>(p.qmin)), qmax(static_cast<float>(p.qmax))
    {}

    // The value before rounding, unclamped: for the tutorial R/Scale + Z exactly as NumPy computes
    // it (the walkthrough's "R/Scale + Z" column).
    template <typename F> [[gnu::always_inline]] F scaled(F x) const
    {
        const F v = multiply ? x * simd::splat<F>(inverse) : x / simd::splat<F>(scale);
        return v + simd::splat<F>(pre);
    }

    // v clamped into [Qmin − post − 1, Qmax − post + 1]; NaN goes to the zero point, ±Inf
    // saturates.
    template <typename F> [[gnu::always_inline]] F bounded(F x) const
    {
        F v = scaled(x);
        v = v != v ? simd::splat<F>(nanValue) : v; // NOLINT(misc-redundant-expression): NaN test
        v = v < simd::splat<F>(lowest) ? simd::splat<F>(lowest) : v;
        v = v > simd::splat<F>(highest) ? simd::splat<F>(highest) : v;
        return v;
    }

    // Round(v) + post: the code before clipping.
    template <typename F> [[gnu::always_inline]] F settle(F rounded) const
    {
        return rounded + simd::splat<F>(post);
    }

    // Clip(rounded, Qmin, Qmax).
    template <typename F> [[gnu::always_inline]] F clip(F rounded) const
    {
        const F lo = simd::splat<F>(qmin);
        const F hi = simd::splat<F>(qmax);
        return rounded < lo ? lo : (rounded > hi ? hi : rounded);
    }

    // R' = (Q − Z) · Scale in float32.
    template <typename F> [[gnu::always_inline]] F dequantize(F q) const
    {
        return (q - simd::splat<F>(zero)) * simd::splat<F>(scale);
    }
};

// Exact rounding of |v| <= 2^22. `u` in [0, 1) is used by Stochastic only.
// Half-even, half-away and floor keep the sign of zero as C's rint/round/floor do (np.round(-0.3)
// is -0.0), so dequantized values match NumPy's bit for bit.
template <Rounding Mode, typename F> [[gnu::always_inline]] inline F roundBounded(F v, F u)
{
    using simd::splat;
    // Adding and removing 1.5·2^23 leaves v's integer part in the mantissa, rounded by the FPU's
    // default round-to-nearest-even: np.round's rule, in two vectorisable additions.
    const F magic = splat<F>(12582912.0f);
    const F one = splat<F>(1.0f);
    const F zero = splat<F>(0.0f);
    const F half = splat<F>(0.5f);
    const F truncated = simd::toFloat(simd::toInt(v));
    const F floored = truncated > v ? truncated - one : truncated;
    if constexpr (Mode == Rounding::HalfEven) {
        (void)u;
        return simd::copySign((v + magic) - magic, v);
    } else if constexpr (Mode == Rounding::HalfAwayFromZero) {
        const F rest = v - truncated; // exact
        return simd::copySign(
            truncated + (rest >= half ? one : zero) - (rest <= -half ? one : zero), v);
    } else if constexpr (Mode == Rounding::HalfUp) {
        return floored + (v - floored >= half ? one : zero);
    } else if constexpr (Mode == Rounding::Floor) {
        return simd::copySign(floored, v);
    } else {
        return floored + (u < v - floored ? one : zero);
    }
}

// Counter-based uniform for stochastic rounding: u depends only on (seed, element index), so the
// result is the same whatever the thread count or chunking. Chris Wellons' lowbias32 mixer.
template <typename U> [[gnu::always_inline]] inline U mix32(U x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

// Key for the indices that share the upper 32 bits `indexHigh`.
inline std::uint32_t stochasticKey(std::uint64_t seed, std::uint32_t indexHigh)
{
    return mix32(static_cast<std::uint32_t>(seed) ^
                 mix32(indexHigh + static_cast<std::uint32_t>(seed >> 32) + 0x9e3779b9u));
}

// u in [0, 1) with 24 random bits, for U = std::uint32_t or a vector of element indices.
template <typename U>
[[gnu::always_inline]] inline auto stochasticUniform(std::uint32_t key, U indexLow)
{
    const U bits = mix32(indexLow ^ key) >> 8; // < 2^24: exact as a signed int and as a float
    return simd::toFloat(simd::asSigned(bits)) * 0x1p-24f;
}

// One element through the whole step, for the walkthrough and the naive paths.
struct QuantizedElement
{
    float scaled;  // R/Scale + Z before rounding
    float rounded; // Round(R/Scale + Z) before clipping (the tutorial's quant_result)
    float clipped; // Q as the float32 NumPy holds (keeps the sign of zero: -0.)
    std::int32_t code;
    float dequantized;
    ClipState clip;
};

template <Rounding Mode>
QuantizedElement quantizeElementAs(const ElementQuantizer& eq, float x, float u)
{
    QuantizedElement out{};
    out.scaled = eq.scaled(x);
    const float rounded = eq.settle(roundBounded<Mode>(eq.bounded(x), u));
    // The unclipped rounding, for display: exact for |v| < 2^22, else v is already an integer.
    out.rounded = eq.settle(std::fabs(out.scaled) < 4194304.0f ? roundBounded<Mode>(out.scaled, u)
                                                               : out.scaled);
    out.clipped = eq.clip(rounded);
    out.code = static_cast<std::int32_t>(out.clipped);
    out.dequantized = eq.dequantize(out.clipped);
    if (!(std::fabs(x) <= std::numeric_limits<float>::max())) {
        out.clip = ClipState::NonFinite;
    } else if (rounded < eq.qmin) {
        out.clip = ClipState::Below;
    } else if (rounded > eq.qmax) {
        out.clip = ClipState::Above;
    } else {
        out.clip = ClipState::Inside;
    }
    return out;
}

// For every element kind (the integer grid with `rounding`; minifloats and codebooks with their
// own rule, QuantizedElement's rounded and clipped then the element's value before scaling).
QuantizedElement quantizeElement(const QuantParams& params, Rounding rounding, float x,
                                 float u = 0.5f);
// A minifloat or codebook element (the integer grid's rounding does not apply); with the encoder
// of params' minifloat type built once by the caller for many groups.
QuantizedElement quantizeFormatElement(const QuantParams& params, float x);
QuantizedElement quantizeFormatElement(const QuantParams& params, float x,
                                       const MinifloatCodec& minifloat);

} // namespace qs
