#pragma once
// What one element of a grid can hold: a code of the integer grid (the tutorial's schemes), a
// minifloat (quant/minifloat.h) or a level of a codebook (quant/codebook.h). Every group's
// QuantParams carries its element type, so whatever takes a group's parameters — the fused
// pass, the walkthrough, the transfer curve, the grid the window draws — knows its grid.

#include "quant/minifloat.h"

#include <cstdint>

namespace qs {

struct Codebook;

enum class ElementKind : std::uint8_t
{
    Integer,
    Minifloat,
    Codebook,
};

struct ElementType
{
    ElementKind kind = ElementKind::Integer;
    MinifloatType minifloat{};                        // Minifloat: the type
    Overflow overflow = Overflow::Saturate;           // Minifloat
    ElementRounding rounding = ElementRounding::Even; // Minifloat
    // Minifloat: −0.0 gets the negative-zero code (FORMATS.md's default); false takes the sign
    // from v < 0, as ModelOpt's NVFP4 cast does, so −0.0 gets code 0.
    bool negativeZero = true;
    const Codebook* codebook = nullptr; // Codebook: a table of quant/codebook.h

    // Codes of the element: 2^bits for minifloats and codebooks (the integer grid has its own
    // [Qmin, Qmax]).
    int codeCount() const;

    friend bool operator==(const ElementType&, const ElementType&) = default;
};

} // namespace qs
