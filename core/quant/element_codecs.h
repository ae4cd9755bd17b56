#pragma once
// The element step of every element kind, for one value (F = float) or SIMD lanes, written once
// and inlined into the fused pass, the lean error pass and the step-by-step walkthrough, so they
// can never disagree. Each codec turns R into its code, R′ and the facts the metrics need:
//
//   AffineCodec     the integer grid (element_quantizer.h): Q = Clip(Round(R/Scale + Z)),
//                   R′ = (Q − Z)·Scale, clipped below / above by the code before clipping
//   MinifloatCodec  v = R/scale (or R·inverseScale), code = encode(v), R′ = decode·scale·outer;
//                   clipped when the magnitude overflowed the largest finite value
//   CodebookCodec   v = R·inverseScale, code = the level of v, R′ = level·scale·outer; clipped
//                   when v lies beyond the outermost level
//
// atZero marks the codes that hold 0 (the zero point's code, ±0, the codebook's 0 level).

#include "common/simd.h"
#include "quant/codebook.h"
#include "quant/element_quantizer.h"
#include "quant/minifloat.h"
#include "quant/quant_params.h"

namespace qs {

template <typename F> struct ElementLanes
{
    simd::IntOf<F> code;
    F dequantized;
    simd::MaskOf<F> below; // clipped (or saturated) at the low end
    simd::MaskOf<F> above; // at the high end
    simd::MaskOf<F> atZero;
    simd::UIntOf<F> codeBin; // code − Qmin: the code's bin in the code histogram
    F scaled;                // the value the element rounds: R/Scale + Z, v
    F element;               // the element's value before scaling: Clip(Round(·)), decode(code)
};

// The scale chain of a minifloat or codebook group: v = R/factor or R·factor, and
// R′ = (element · scale) · outer in float32.
struct BlockScaling
{
    bool multiply;
    float factor;
    float scale;
    float outer;

    explicit BlockScaling(const QuantParams& p)
        : multiply(p.step != QuantizeStep::DivideAddZero),
          factor(multiply ? p.inverseScale : p.elementScale()), scale(p.elementScale()),
          outer(p.outerScale)
    {}

    template <typename F> [[gnu::always_inline]] F scaled(F x) const
    {
        return multiply ? x * simd::splat<F>(factor) : x / simd::splat<F>(factor);
    }
    template <typename F> [[gnu::always_inline]] F dequantize(F element) const
    {
        return (element * simd::splat<F>(scale)) * simd::splat<F>(outer);
    }
};

// `MayLose`: the grid's scale may be NaN (an MXINT8 block marked NaN), so a finite R may have no
// finite R′; the integer grids of the schemes never do, and their pass skips that check.
template <Rounding Mode, bool MayLose = false> struct AffineCodec
{
    static constexpr bool kUsesUniform = Mode == Rounding::Stochastic;
    static constexpr bool kMayLoseValues = MayLose;

    ElementQuantizer eq;
    std::int32_t qmin;
    std::int32_t zeroPoint;

    explicit AffineCodec(const QuantParams& p) : eq(p), qmin(p.qmin), zeroPoint(p.zeroPoint) {}
    // The same codec for another group of the pass.
    AffineCodec rebind(const QuantParams& p) const { return AffineCodec(p); }

    template <typename F> [[gnu::always_inline]] ElementLanes<F> apply(F x, F u) const
    {
        using namespace simd;
        const F r = eq.settle(roundBounded<Mode>(eq.bounded(x), u));
        const F q = eq.clip(r);
        const IntOf<F> code = toInt(q);
        return {code,
                eq.dequantize(q),
                r<splat<F>(eq.qmin), r>
                    splat<F>(eq.qmax),
                code == splat<IntOf<F>>(zeroPoint),
                asUnsigned(code - splat<IntOf<F>>(qmin)),
                eq.scaled(x),
                q};
    }
};

template <ElementRounding Rounding> struct MinifloatElementCodec
{
    static constexpr bool kUsesUniform = false;
    // Without saturation an overflow becomes NaN or Inf; an MX block holding NaN has a NaN scale.
    static constexpr bool kMayLoseValues = true;

    const MinifloatCodec& codec;
    BlockScaling scaling;

    MinifloatElementCodec(const MinifloatCodec& minifloat, const QuantParams& p)
        : codec(minifloat), scaling(p)
    {}
    MinifloatElementCodec rebind(const QuantParams& p) const { return {codec, p}; }

    template <typename F> [[gnu::always_inline]] ElementLanes<F> apply(F x, F /*u*/) const
    {
        using namespace simd;
        const F v = scaling.scaled(x);
        const MinifloatLanes<F> e = codec.template encode<Rounding>(v);
        const auto negative = v < splat<F>(0.0f);
        return {e.code,
                scaling.dequantize(e.value),
                e.overflowed && negative,
                e.overflowed && !negative,
                e.value == splat<F>(0.0f),
                asUnsigned(e.code),
                v,
                e.value};
    }
};

struct CodebookElementCodec
{
    static constexpr bool kUsesUniform = false;
    static constexpr bool kMayLoseValues = false;

    const Codebook& book;
    BlockScaling scaling;
    float lowest;
    float highest;

    CodebookElementCodec(const Codebook& codebook, const QuantParams& p)
        : book(codebook), scaling(p),
          lowest(codebook.signMagnitude ? -codebook.maxMagnitude() : codebook.levels[0]),
          highest(codebook.maxMagnitude())
    {}
    CodebookElementCodec rebind(const QuantParams& p) const { return {book, p}; }

    template <typename F> [[gnu::always_inline]] ElementLanes<F> apply(F x, F /*u*/) const
    {
        using namespace simd;
        const F v = scaling.scaled(x);
        const auto [code, level] = book.encode(v);
        return {code,
                scaling.dequantize(level),
                v<splat<F>(lowest), v>
                    splat<F>(highest),
                level == splat<F>(0.0f),
                asUnsigned(code),
                v,
                level};
    }
};

// The shared encoder of a minifloat element type (any encoder for other kinds: unused).
inline MinifloatCodec minifloatCodecFor(const ElementType& element)
{
    return element.kind == ElementKind::Minifloat
               ? MinifloatCodec(element.minifloat, element.overflow, element.negativeZero)
               : MinifloatCodec();
}

// Calls fn(codec) with the codec of `params` and `rounding`, built once, the kind and rounding
// fixed at compile time inside fn. `minifloat` is the pass's shared encoder for params' type.
template <typename Fn>
[[gnu::always_inline]] inline decltype(auto)
withElementCodec(const QuantParams& params, Rounding rounding, const MinifloatCodec& minifloat,
                 Fn&& fn)
{
    switch (params.element.kind) {
    case ElementKind::Minifloat:
        if (params.element.rounding == ElementRounding::Away) {
            return fn(MinifloatElementCodec<ElementRounding::Away>(minifloat, params));
        }
        return fn(MinifloatElementCodec<ElementRounding::Even>(minifloat, params));
    case ElementKind::Codebook:
        return fn(CodebookElementCodec(*params.element.codebook, params));
    case ElementKind::Integer:
        break;
    }
    if (params.scaleCode >= 0) {
        // MXINT8: an integer grid under E8M0 block scales, some perhaps NaN; ties even or away.
        if (rounding == Rounding::HalfAwayFromZero) {
            return fn(AffineCodec<Rounding::HalfAwayFromZero, true>(params));
        }
        return fn(AffineCodec<Rounding::HalfEven, true>(params));
    }
    switch (rounding) {
    case Rounding::HalfAwayFromZero:
        return fn(AffineCodec<Rounding::HalfAwayFromZero>(params));
    case Rounding::HalfUp:
        return fn(AffineCodec<Rounding::HalfUp>(params));
    case Rounding::Floor:
        return fn(AffineCodec<Rounding::Floor>(params));
    case Rounding::Stochastic:
        return fn(AffineCodec<Rounding::Stochastic>(params));
    case Rounding::HalfEven:
        break;
    }
    return fn(AffineCodec<Rounding::HalfEven>(params));
}

} // namespace qs
