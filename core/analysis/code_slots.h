#pragma once
// The codes of a minifloat or codebook element laid out for a plot of code usage: by the value
// each code stands for, so the bars read like a histogram. Codes off the real axis get places of
// their own: −Inf first, negative zero just before +0, +Inf after the largest value and the NaN
// codes last. A minifloat's raw codes are sign-magnitude (0x80..0xFF are the negative values in
// order of magnitude), which is why the raw order would not do.

#include "quant/element_type.h"

#include <cstdint>
#include <vector>

namespace qs {

enum class CodeKind : std::uint8_t
{
    Value,
    NegativeZero,
    NegativeInfinity,
    PositiveInfinity,
    Nan,
};

struct CodeSlot
{
    std::int32_t code = 0; // the raw code
    float value = 0;       // the element's value before any scale (NaN, ±Inf for those codes)
    CodeKind kind = CodeKind::Value;

    friend bool operator==(const CodeSlot&, const CodeSlot&) = default;
};

// Every code of `element` (2^bits of them) in plot order; empty for the integer grid, whose
// codes Qmin..Qmax are in value order already.
std::vector<CodeSlot> codeSlots(const ElementType& element);

} // namespace qs
