#pragma once
// Which part of the integer grid a tensor's values can reach, and where on the real axis the
// grid clips: the geometry behind the annotated histogram and unused_range_fraction.

#include "quant/minifloat.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <span>

namespace qs {

struct RealInterval
{
    double lo = 0;
    double hi = 0;
    bool empty() const { return !(hi > lo); }
    friend bool operator==(const RealInterval&, const RealInterval&) = default;
};

struct RangeUsage
{
    std::int32_t lowestCode = 0;     // q(min R)
    std::int32_t highestCode = 0;    // q(max R)
    std::int64_t reachableCodes = 0; // highestCode − lowestCode + 1
    double unusedFraction = 0;       // 1 − reachable / (Qmax − Qmin + 1)
    // The real values whose codes no input reaches, each code covering R'(k) ± Scale/2:
    RealInterval unusedBelow; // codes Qmin .. lowestCode − 1
    RealInterval unusedAbove; // codes highestCode + 1 .. Qmax
};

// For stochastic rounding the extremes are rounded half to even (no single code otherwise).
// Minifloat and codebook grids count the element levels between the extremes' levels (codes are
// not in value order there); `levels` may hold elementValues(params.element) to spare
// recomputing them for every group.
RangeUsage rangeUsage(const QuantParams& params, Rounding rounding, double dataMin, double dataMax,
                      std::span<const float> levels = {});
// The same for many groups of one pass: `levels` = elementValues(params.element) and `minifloat`
// the encoder of its type, both built once.
RangeUsage rangeUsage(const QuantParams& params, Rounding rounding, double dataMin, double dataMax,
                      std::span<const float> levels, const MinifloatCodec& minifloat);

// The real values where clipping starts: inputs below `lo` get codes under Qmin before clipping,
// inputs above `hi` over Qmax (half-way between R'(Qmin) − Scale and R'(Qmin) for the half modes,
// a whole step for floor; stochastic shown as half-even).
RealInterval clipThresholds(const QuantParams& params, Rounding rounding);

} // namespace qs
