#pragma once
// The run-time rounding mode turned into a compile-time one, once, outside the inner loops:
// withRounding(mode, fn) calls fn.template operator()<Mode>() and returns what it returns.
// Every kernel that rounds (the fused pass, the lean error pass) dispatches through it.

#include "quant/quant_spec.h"

namespace qs {

template <typename Fn>
[[gnu::always_inline]] inline decltype(auto) withRounding(Rounding mode, Fn&& fn)
{
    switch (mode) {
    case Rounding::HalfAwayFromZero:
        return fn.template operator()<Rounding::HalfAwayFromZero>();
    case Rounding::HalfUp:
        return fn.template operator()<Rounding::HalfUp>();
    case Rounding::Floor:
        return fn.template operator()<Rounding::Floor>();
    case Rounding::Stochastic:
        return fn.template operator()<Rounding::Stochastic>();
    case Rounding::HalfEven:
        break;
    }
    return fn.template operator()<Rounding::HalfEven>();
}

} // namespace qs
