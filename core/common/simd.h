#pragma once
// Portable SIMD through GCC/Clang vector extensions: 4 lanes (SSE2, every x86-64) or 8 lanes
// (AVX2), plus the handful of helpers the kernels need, all overloaded for plain `float` too.
// Kernels written against these helpers compile as scalar code (the walkthrough, the reference)
// and as SIMD code (the fused pass) from one source, so the two cannot disagree.
//
// Comparisons of vectors give lane masks (−1 true, 0 false) and `mask ? a : b` selects lanes, just
// as comparisons of scalars give bool and `?:` picks a value.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

// Every helper here is always inlined, so no vector ever crosses a call boundary and the
// "vector ABI changes without AVX" note does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace qs::simd {

using Float4 = float __attribute__((vector_size(16)));
using Int4 = std::int32_t __attribute__((vector_size(16)));
using UInt4 = std::uint32_t __attribute__((vector_size(16)));
using Float8 = float __attribute__((vector_size(32)));
using Int8 = std::int32_t __attribute__((vector_size(32)));
using UInt8 = std::uint32_t __attribute__((vector_size(32)));

template <typename F> struct Traits;
template <> struct Traits<float>
{
    using Int = std::int32_t;
    using UInt = std::uint32_t;
    using Mask = bool;
};
template <> struct Traits<Float4>
{
    using Int = Int4;
    using UInt = UInt4;
    using Mask = Int4;
    using Unaligned = float __attribute__((vector_size(16), aligned(4)));
    using UnalignedInt = std::int32_t __attribute__((vector_size(16), aligned(4)));
    using UnalignedUInt = std::uint32_t __attribute__((vector_size(16), aligned(4)));
};
template <> struct Traits<Float8>
{
    using Int = Int8;
    using UInt = UInt8;
    using Mask = Int8;
    using Unaligned = float __attribute__((vector_size(32), aligned(4)));
    using UnalignedInt = std::int32_t __attribute__((vector_size(32), aligned(4)));
    using UnalignedUInt = std::uint32_t __attribute__((vector_size(32), aligned(4)));
};

template <typename F> using IntOf = typename Traits<F>::Int;
template <typename F> using UIntOf = typename Traits<F>::UInt;
template <typename F> using MaskOf = typename Traits<F>::Mask;
template <typename F> inline constexpr int kLanesOf = static_cast<int>(sizeof(F) / sizeof(float));
template <typename F>
concept FloatVector = std::is_same_v<F, Float4> || std::is_same_v<F, Float8>;

// A value of type T with every lane equal to `value`. Float lanes get value's exact bits: the
// obvious T{} + value would turn −0 into +0.
template <typename T, typename S> [[gnu::always_inline]] inline T splat(S value)
{
    if constexpr (std::is_arithmetic_v<T>) {
        return static_cast<T>(value);
    } else if constexpr (FloatVector<T>) {
        return reinterpret_cast<T>(IntOf<T>{} +
                                   std::bit_cast<std::int32_t>(static_cast<float>(value)));
    } else {
        return T{} + value;
    }
}

[[gnu::always_inline]] inline float abs(float x)
{
    return __builtin_fabsf(x);
}
template <FloatVector F> [[gnu::always_inline]] inline F abs(F x)
{
    return reinterpret_cast<F>(reinterpret_cast<IntOf<F>>(x) & 0x7fffffff);
}

// |magnitude| with the sign bit of `sign` (also for zeros: copySign(0, −0.3) = −0).
[[gnu::always_inline]] inline float copySign(float magnitude, float sign)
{
    return __builtin_copysignf(magnitude, sign);
}
template <FloatVector F> [[gnu::always_inline]] inline F copySign(F magnitude, F sign)
{
    using I = IntOf<F>;
    const I m = reinterpret_cast<I>(magnitude) & 0x7fffffff;
    const I s = reinterpret_cast<I>(sign) & static_cast<std::int32_t>(0x80000000u);
    return reinterpret_cast<F>(m | s);
}

// Truncation toward zero; valid for |x| < 2^31 (callers bound their values first).
[[gnu::always_inline]] inline std::int32_t toInt(float x)
{
    return static_cast<std::int32_t>(x);
}
template <FloatVector F> [[gnu::always_inline]] inline IntOf<F> toInt(F x)
{
    return __builtin_convertvector(x, IntOf<F>);
}
[[gnu::always_inline]] inline float toFloat(std::int32_t x)
{
    return static_cast<float>(x);
}
[[gnu::always_inline]] inline Float4 toFloat(Int4 x)
{
    return __builtin_convertvector(x, Float4);
}
[[gnu::always_inline]] inline Float8 toFloat(Int8 x)
{
    return __builtin_convertvector(x, Float8);
}

[[gnu::always_inline]] inline std::uint32_t asUnsigned(std::int32_t x)
{
    return static_cast<std::uint32_t>(x);
}
[[gnu::always_inline]] inline UInt4 asUnsigned(Int4 x)
{
    return reinterpret_cast<UInt4>(x);
}
[[gnu::always_inline]] inline UInt8 asUnsigned(Int8 x)
{
    return reinterpret_cast<UInt8>(x);
}
[[gnu::always_inline]] inline std::int32_t asSigned(std::uint32_t x)
{
    return static_cast<std::int32_t>(x);
}
[[gnu::always_inline]] inline Int4 asSigned(UInt4 x)
{
    return reinterpret_cast<Int4>(x);
}
[[gnu::always_inline]] inline Int8 asSigned(UInt8 x)
{
    return reinterpret_cast<Int8>(x);
}

// The bits of a float (or of each lane) as a signed integer, and back.
[[gnu::always_inline]] inline std::int32_t bitsOf(float x)
{
    return std::bit_cast<std::int32_t>(x);
}
template <FloatVector F> [[gnu::always_inline]] inline IntOf<F> bitsOf(F x)
{
    return reinterpret_cast<IntOf<F>>(x);
}
[[gnu::always_inline]] inline float floatFromBits(std::int32_t bits)
{
    return std::bit_cast<float>(bits);
}
[[gnu::always_inline]] inline Float4 floatFromBits(Int4 bits)
{
    return reinterpret_cast<Float4>(bits);
}
[[gnu::always_inline]] inline Float8 floatFromBits(Int8 bits)
{
    return reinterpret_cast<Float8>(bits);
}

// 2^e as a float32, exactly, from its bits (e in [−149, 127]; subnormal below −126).
[[gnu::always_inline]] inline float powerOfTwo(int e)
{
    return e >= -126 ? std::bit_cast<float>(static_cast<std::uint32_t>(e + 127) << 23)
                     : std::bit_cast<float>(std::uint32_t{1} << (e + 149));
}

// Lane masks as 1/0 counts.
template <typename I> [[gnu::always_inline]] inline auto ones(I mask)
{
    if constexpr (std::is_same_v<I, bool>) {
        return mask ? 1u : 0u;
    } else {
        return asUnsigned(mask) & 1u;
    }
}

// Loads and stores through vector types with 4-byte alignment. GCC gives a vector type the alias
// set of its element type, so unlike memcpy these do not make the compiler assume that every
// other object (a loop's accumulators) may have changed.
template <FloatVector F> [[gnu::always_inline]] inline F load(const float* p)
{
    return *reinterpret_cast<const typename Traits<F>::Unaligned*>(p);
}
template <FloatVector F> [[gnu::always_inline]] inline void store(float* p, F v)
{
    *reinterpret_cast<typename Traits<F>::Unaligned*>(p) = v;
}
template <typename I>
    requires(std::is_same_v<I, Int4> || std::is_same_v<I, Int8>)
[[gnu::always_inline]] inline void store(std::int32_t* p, I v)
{
    using F = std::conditional_t<std::is_same_v<I, Int4>, Float4, Float8>;
    *reinterpret_cast<typename Traits<F>::UnalignedInt*>(p) = v;
}
template <typename U>
    requires(std::is_same_v<U, UInt4> || std::is_same_v<U, UInt8>)
[[gnu::always_inline]] inline void store(std::uint32_t* p, U v)
{
    using F = std::conditional_t<std::is_same_v<U, UInt4>, Float4, Float8>;
    *reinterpret_cast<typename Traits<F>::UnalignedUInt*>(p) = v;
}

// Lane sums and extremes in fixed lane order.
template <typename V> [[gnu::always_inline]] inline double sumLanesAsDouble(const V& v)
{
    double total = 0;
    for (std::size_t i = 0; i < sizeof(V) / sizeof(v[0]); ++i) {
        total += static_cast<double>(v[i]);
    }
    return total;
}
template <typename V> [[gnu::always_inline]] inline std::uint64_t sumLanesAsCount(const V& v)
{
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < sizeof(V) / sizeof(v[0]); ++i) {
        total += v[i];
    }
    return total;
}
template <typename V> [[gnu::always_inline]] inline float maxLanes(const V& v)
{
    float best = v[0];
    for (std::size_t i = 1; i < sizeof(V) / sizeof(v[0]); ++i) {
        best = v[i] > best ? v[i] : best;
    }
    return best;
}
template <typename V> [[gnu::always_inline]] inline float minLanes(const V& v)
{
    float best = v[0];
    for (std::size_t i = 1; i < sizeof(V) / sizeof(v[0]); ++i) {
        best = v[i] < best ? v[i] : best;
    }
    return best;
}

// Tree reductions, for results that need no fixed summation order (the stats of the many small
// blocks of a format): a few shuffles instead of one step per lane.
using Double4 = double __attribute__((vector_size(32)));
template <FloatVector F> [[gnu::always_inline]] inline Float4 foldToFour(F v)
{
    if constexpr (kLanesOf<F> == 8) {
        const Float4 lo = __builtin_shufflevector(v, v, 0, 1, 2, 3);
        const Float4 hi = __builtin_shufflevector(v, v, 4, 5, 6, 7);
        return lo + hi;
    } else {
        return v;
    }
}
template <FloatVector F> [[gnu::always_inline]] inline double treeSumAsDouble(F v)
{
    Double4 d{};
    if constexpr (kLanesOf<F> == 8) {
        d = __builtin_convertvector(__builtin_shufflevector(v, v, 0, 1, 2, 3), Double4) +
            __builtin_convertvector(__builtin_shufflevector(v, v, 4, 5, 6, 7), Double4);
    } else {
        d = __builtin_convertvector(v, Double4);
    }
    return (d[0] + d[2]) + (d[1] + d[3]);
}
template <FloatVector F> [[gnu::always_inline]] inline float treeMin(F v)
{
    Float4 m{};
    if constexpr (kLanesOf<F> == 8) {
        const Float4 lo = __builtin_shufflevector(v, v, 0, 1, 2, 3);
        const Float4 hi = __builtin_shufflevector(v, v, 4, 5, 6, 7);
        m = lo < hi ? lo : hi;
    } else {
        m = v;
    }
    const Float4 a = __builtin_shufflevector(m, m, 2, 3, 0, 1);
    m = m < a ? m : a;
    const Float4 b = __builtin_shufflevector(m, m, 1, 0, 3, 2);
    m = m < b ? m : b;
    return m[0];
}
template <FloatVector F> [[gnu::always_inline]] inline float treeMax(F v)
{
    return -treeMin(F{} - v);
}

// Which kernel variant to run: Auto picks AVX2 when the CPU has it. Tests and the benchmark force
// the baseline to compare the two.
enum class Isa
{
    Auto,
    Baseline,
    Avx2
};

// True when the 8-lane (AVX2) kernels should run for `requested`: never on a CPU without AVX2.
bool useAvx2(Isa requested = Isa::Auto);

} // namespace qs::simd

#pragma GCC diagnostic pop
