#include "analysis/code_slots.h"

#include "quant/codebook.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

CodeKind kindOf(const ElementType& element, std::int32_t code)
{
    const auto c = static_cast<std::uint32_t>(code);
    if (element.kind == ElementKind::Minifloat) {
        const MinifloatType& t = element.minifloat;
        if (t.isNanCode(c)) {
            return CodeKind::Nan;
        }
        if (t.isInfinityCode(c)) {
            return (c & t.signBit()) != 0 ? CodeKind::NegativeInfinity : CodeKind::PositiveInfinity;
        }
        return c == t.signBit() ? CodeKind::NegativeZero : CodeKind::Value;
    }
    const Codebook& book = *element.codebook;
    return book.signMagnitude && code == (1 << (book.bits - 1)) ? CodeKind::NegativeZero
                                                                : CodeKind::Value;
}

float valueOf(const ElementType& element, std::int32_t code)
{
    return element.kind == ElementKind::Minifloat
               ? element.minifloat.decode(static_cast<std::uint32_t>(code))
               : element.codebook->decode(code);
}

// Sorting key: −Inf, the values (−0 just before +0), +Inf, NaN.
int rank(CodeKind kind)
{
    switch (kind) {
    case CodeKind::NegativeInfinity:
        return 0;
    case CodeKind::Value:
    case CodeKind::NegativeZero:
        return 1;
    case CodeKind::PositiveInfinity:
        return 2;
    case CodeKind::Nan:
        break;
    }
    return 3;
}

} // namespace

std::vector<CodeSlot> codeSlots(const ElementType& element)
{
    std::vector<CodeSlot> slots;
    if (element.kind == ElementKind::Integer) {
        return slots;
    }
    const int count = element.codeCount();
    slots.reserve(static_cast<std::size_t>(count));
    for (std::int32_t code = 0; code < count; ++code) {
        slots.push_back({code, valueOf(element, code), kindOf(element, code)});
    }
    std::stable_sort(slots.begin(), slots.end(), [](const CodeSlot& a, const CodeSlot& b) {
        if (rank(a.kind) != rank(b.kind)) {
            return rank(a.kind) < rank(b.kind);
        }
        if (rank(a.kind) != 1 || a.value != b.value) {
            return rank(a.kind) == 1 && a.value < b.value; // NaN codes keep their code order
        }
        // −0 and +0 compare equal: the negative zero goes first.
        return a.kind == CodeKind::NegativeZero && b.kind != CodeKind::NegativeZero;
    });
    return slots;
}

} // namespace qs
