#pragma once
// One kernel body compiled for two instruction sets from one source: 8 lanes for AVX2 machines
// and 4 lanes for the x86-64 baseline every machine has. The default build stays portable (no
// -march); the caller picks the variant at run time (simd::useAvx2).
//
// `Kernel` is a type with `template <typename F> static R run(Args...)`, always inlined, as is
// everything it calls: the whole body is then compiled inside the variant's target, and no
// vector crosses a call.

#include "common/simd.h"

#include <utility>

namespace qs::simd {

template <typename Kernel, typename... Args>
#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2")]]
#endif
decltype(auto) runAvx2(Args&&... args)
{
    return Kernel::template run<Float8>(std::forward<Args>(args)...);
}

template <typename Kernel, typename... Args> decltype(auto) runBaseline(Args&&... args)
{
    return Kernel::template run<Float4>(std::forward<Args>(args)...);
}

template <typename Kernel, typename... Args> decltype(auto) runOnIsa(bool avx2, Args&&... args)
{
    if (avx2) {
        return runAvx2<Kernel>(std::forward<Args>(args)...);
    }
    return runBaseline<Kernel>(std::forward<Args>(args)...);
}

// Float32 lane sums stay short: a block of this many vectors, then the lanes are added in double.
// A sum of n float32 terms in order is within (n − 1)·2^−24 of the sum of their magnitudes
// (Higham, Accuracy and Stability of Numerical Algorithms, §4.2): below 1.9e−6 for 32 terms per
// lane, whatever the lane count.
inline constexpr std::size_t kTermsPerLane = 32;
template <typename F> inline constexpr std::size_t kLaneSumBlock = kTermsPerLane * kLanesOf<F>;

} // namespace qs::simd
