#pragma once
// Codebook elements: a sorted table of values, each with its code, as bitsandbytes' NF4 and FP4
// store them. A value v (already divided by its block's absmax) gets the level whose midpoints
// bracket it: level = the number of midpoints below v, so an exact midpoint goes to the lower
// level. The midpoints are the float32 values f32(f32(c[i] + c[i+1]) / 2).
//
// NF4 is a signed table (codes 0..15 in value order, 7 is 0.0). bitsandbytes' own FP4 is
// sign-magnitude: bit 3 is the sign (set for v < 0) and the three low bits index the magnitudes
// 0, 0.0625, 8, 12, 4, 6, 2, 3 (divided by 12), which are not in code order.

#include "common/simd.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace qs {

inline constexpr int kCodebookMaxLevels = 16;

struct Codebook
{
    std::string_view name;
    int bits = 4;
    bool signMagnitude = false; // levels are magnitudes; the sign goes to bit bits − 1
    int levelCount = 16;
    std::array<float, kCodebookMaxLevels> levels{};       // ascending
    std::array<std::int32_t, kCodebookMaxLevels> codes{}; // the code of each level
    std::array<float, kCodebookMaxLevels> midpoints{};    // levelCount − 1 of them

    int codeCount() const { return 1 << bits; }
    // The value of `code` (the table entry; sign applied for sign-magnitude tables).
    float decode(std::int32_t code) const;
    // The code of the level that holds 0 (NF4: 7; FP4: 0).
    std::int32_t zeroCode() const;
    // The largest magnitude of the table (1 for both of bitsandbytes' tables).
    float maxMagnitude() const { return levels[static_cast<std::size_t>(levelCount) - 1]; }

    // One value or SIMD lanes: the code and the table value (before the block scale).
    template <typename F> [[gnu::always_inline]] std::pair<simd::IntOf<F>, F> encode(F v) const
    {
        using namespace simd;
        using I = IntOf<F>;
        F x = v;
        I sign = splat<I>(0);
        if (signMagnitude) {
            sign = (v < splat<F>(0.0f) ? splat<I>(1) : splat<I>(0)) << (bits - 1);
            x = abs(v);
        }
        // Select chains walk the levels in order; a comparison with NaN is false, so NaN takes
        // the first level (as bitsandbytes' CUDA kernel does).
        I code = splat<I>(codes[0]);
        F value = splat<F>(levels[0]);
        for (int i = 0; i + 1 < levelCount; ++i) {
            const auto above = x > splat<F>(midpoints[static_cast<std::size_t>(i)]);
            code = above ? splat<I>(codes[static_cast<std::size_t>(i) + 1]) : code;
            value = above ? splat<F>(levels[static_cast<std::size_t>(i) + 1]) : value;
        }
        if (signMagnitude) {
            value = copySign(value, v < splat<F>(0.0f) ? splat<F>(-1.0f) : splat<F>(1.0f));
        }
        return {code | sign, value};
    }
};

const Codebook& nf4Codebook();
const Codebook& bnbFp4Codebook();
// ggml's IQ4_NL/IQ4_XS table (integers −127..113, codes in value order) and its doubled E2M1
// table of MXFP4 and NVFP4 (sign-magnitude: magnitudes 0, 1, 2, 3, 4, 6, 8, 12, bit 3 the sign).
const Codebook& ggmlIq4Codebook();
const Codebook& ggmlE2m1Codebook();

} // namespace qs
