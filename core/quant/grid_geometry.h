#pragma once
// The grid one group's parameters define, as the window draws it: every representable value
// after scaling with its code, sorted by value, the representable range and the level that holds
// 0. The window does no grid arithmetic of its own; it draws this.
//
// Integer grids list codes Qmin..Qmax (reversed when a negative Scale, as llama.cpp's Q4_0 can
// have, turns the grid around). Minifloats list every finite code but negative zero (the same
// value as +0; NaN and ±Inf have no place on the axis), codebooks every level (bitsandbytes'
// FP4 without its negative zero).

#include "quant/quant_params.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace qs {

struct GridLevel
{
    double value = 0;      // R′ of the code
    std::int32_t code = 0; // as the format stores it
    friend bool operator==(const GridLevel&, const GridLevel&) = default;
};

struct GridGeometry
{
    std::vector<GridLevel> levels; // ascending by value
    double lo = 0;                 // the representable range [lo, hi]
    double hi = 0;
    std::optional<std::size_t> zeroLevel;   // index of the level holding 0, if one does
    std::vector<std::int32_t> specialCodes; // codes not on the axis: −0, NaN, ±Inf

    friend bool operator==(const GridGeometry&, const GridGeometry&) = default;
};

// Levels beyond `maxLevels` are not listed (lo, hi and zeroLevel still describe the whole grid;
// zeroLevel is then unset): a 16-bit grid has 65,536.
GridGeometry gridGeometry(const QuantParams& params, std::size_t maxLevels = 1u << 17);

// The values an element of `params`' type can take before scaling, ascending, without −0 and
// specials: the same for every group of an analysis.
std::vector<float> elementValues(const ElementType& element);

} // namespace qs
