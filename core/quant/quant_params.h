#pragma once
// QuantParams: what was computed for one group of values — its grid. For the integer grid, in
// the convention of gemmlowp and the tutorial alike:
//
//     real = scale · (q − zeroPoint),      q ∈ [qmin, qmax]
//
// `scale` is kept in double, as NumPy computes it from float32 scalars; the element-wise work
// casts it to float32 (elementScale), as NumPy does when a float64 scalar meets a float32 array.
//
// For minifloat and codebook elements (element.kind, quant/element_type.h) the codes are the
// element's raw bits, qmin = 0 and qmax = 2^bits − 1, and the scale chain is
//
//     v = R / scale  (or R · inverseScale, by `step`),   code = encode(v),
//     real = decode(code) · scale · outerScale           (float32, left to right)
//
// with `scale` the block's effective scale and outerScale NVFP4's per-tensor S_dec (1 elsewhere).
// zeroPoint is then the code of the level that holds 0.

#include "quant/element_type.h"

#include <algorithm>
#include <cstdint>

namespace qs {

// Integer code range for `bits`: signed −2^(b−1)..2^(b−1)−1, unsigned 0..2^b−1; narrow range
// drops the lowest code so that a symmetric grid is symmetric (−127..127 for int8).
struct IntegerRange
{
    std::int32_t qmin = 0;
    std::int32_t qmax = 0;

    std::int64_t codeCount() const { return std::int64_t{qmax} - qmin + 1; }
    friend bool operator==(const IntegerRange&, const IntegerRange&) = default;
};

IntegerRange integerRange(int bits, bool isSigned, bool narrowRange);

// How the element step forms the value it rounds (the conventions differ in float32 detail):
//   DivideAddZero        v = R/Scale + Z              Q = Clip(Round(v))       the tutorial, NumPy
//   MultiplyRoundAddZero v = R·inverseScale           Q = Clip(Round(v) + Z)   PyTorch, llama Q8_0
//   MultiplyAddOffset    v = R·inverseScale + offset  Q = Clip(Round(v))       llama Q4_0 (+8.5, floor)
// inverseScale is a float32 1/Scale as the framework computes it (llama takes it from the
// float32 d before d is stored as float16).
enum class QuantizeStep : std::uint8_t
{
    DivideAddZero,
    MultiplyRoundAddZero,
    MultiplyAddOffset,
};

struct QuantParams
{
    double scale = 1;
    // The real range the parameters were derived from (the calibrated [Rmin, Rmax]; for the
    // symmetric scheme [−max|R|, max|R|]). Values outside it may still round inside the grid.
    double clipMin = 0;
    double clipMax = 0;
    std::int32_t zeroPoint = 0; // may lie outside [qmin, qmax] for the tutorial's asymmetric Z
    std::int32_t qmin = -128;
    std::int32_t qmax = 127;
    std::int32_t scaleCode = -1; // the block scale as stored: an E8M0 (MX) or E4M3 (NVFP4) code
    float inverseScale = 0;
    float offset = 0;
    float outerScale = 1; // minifloat and codebook elements: the last factor of R′
    // The integer grid of a ggml block with a stored minimum (Q4_1, Q4_K, ...): R′ = (q − Z)·Scale
    // + addend, added only when non-zero (so −0.0 keeps its sign elsewhere). The fused pass never
    // sees one: those blocks are measured on their stored codes (analysis/stored_codes_pass.h).
    float addend = 0;
    QuantizeStep step = QuantizeStep::DivideAddZero;
    ElementType element; // the integer grid unless a format says otherwise

    float elementScale() const { return static_cast<float>(scale); }
    float elementZeroPoint() const { return static_cast<float>(zeroPoint); }
    // R' of a code, evaluated exactly as the element kernel does: (q − Z) · float32(scale)
    // (+ addend) for the integer grid, decode(q) · scale · outerScale for the other elements.
    float dequantize(std::int32_t code) const;
    // The ends of the grid on the real axis. (llama's Q4_0 can have a negative Scale, which turns
    // the grid around: R'(Qmin) is then its upper end.)
    float representableMin() const;
    float representableMax() const;
    // The widest step between neighbouring values of the grid on the real axis: |Scale| for the
    // integer grid, a minifloat's top binade, a codebook's widest gap (times the scales).
    double largestStep() const;
    IntegerRange range() const { return {qmin, qmax}; }

    friend bool operator==(const QuantParams&, const QuantParams&) = default;
};

} // namespace qs
