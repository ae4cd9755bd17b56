#pragma once
// The scale searches of ggml's symmetric k-quants (Q3_K, Q6_K): given one sub-block, a scale s and
// integer codes l in [−nmax, nmax − 1] such that x ≈ s·l, found the way ggml finds them (its
// make_q3_quants and make_qx_quants), float32 operation for float32 operation.
//
// Both write the codes offset by nmax (0 .. 2·nmax − 1), as ggml stores them, except for a
// sub-block whose largest magnitude is below kNegligibleMagnitude: its codes are all 0 (not nmax)
// and its scale 0, because that is what ggml leaves behind, and a sub-block whose quantized scale
// comes out 0 keeps these codes in the stored block.

#include "ggml/ggml_scalars.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <span>

namespace qs::ggml {

// ggml's GROUP_MAX_EPS: a sub-block (or a set of sub-block scales) whose largest magnitude is
// below it counts as all zero.
inline constexpr float kNegligibleMagnitude = 1e-15f;

// ggml's nearest_int for every float32, not only the |x| ≤ 2^22 that ggml asserts (release builds
// do not check): ggml adds 1.5·2^23 and reads the low 22 mantissa bits back, so a larger or
// non-finite value gives a wrapped integer in [−2^22, 2^22) rather than anything undefined. The
// k-quants meet such values (x/d with a tiny d, a row holding infinities) and clamp what comes
// back, so the wrapped value decides the stored code.
inline int nearestIntWrapped(float value)
{
    if (std::fabs(value) <= 4194303.0f) {
        return nearestInt(value);
    }
    const float shifted = value + 12582912.0f;
    return (std::bit_cast<std::int32_t>(shifted) & 0x007fffff) - 0x00400000;
}

// make_q3_quants with its RMSE option (Q3_K without importance): codes from −nmax/max, then up to
// five sweeps of coordinate descent that move one code at a time while that raises
// (Σ w·x·l)² / Σ w·l², with w = x². Returns Σ w·x·l / Σ w·l² (0 when Σ w·l² is not positive).
float symmetricScaleByDescent(std::span<const float> x, int nmax, std::span<std::int8_t> codes);

// make_qx_quants with rmse_type 1 (Q3_K with importance, for its values and for its sub-block
// scales; Q6_K with or without): the codes of 19 candidate scales −(nmax + 0.1·k)/max,
// k = −9..9, the one that maximises (Σ w·x·l)² / Σ w·l² kept. The weights w are `weights`, or x²
// when `weights` is empty. Returns Σ w·x·l / Σ w·l² of the kept codes.
float symmetricScaleBySweep(std::span<const float> x, int nmax, std::span<const float> weights,
                            std::span<std::int8_t> codes);

} // namespace qs::ggml
