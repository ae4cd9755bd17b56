#pragma once
// The matrix product a linear layer computes, Y = A·Bᵀ, for the mitigation experiments: A the
// activations [rows, inner] and B the weight [columns, inner], both row-major, so that every dot
// product reads two contiguous rows. Y is row-major [rows, columns] in double.
//
// Two versions, for two purposes:
//   productTransposed           the quantized product a slider change recomputes: float32
//                               products summed in float32 lanes over blocks of
//                               kProductBlock terms, the blocks summed in double — within
//                               (kProductBlock/lanes)·2⁻²⁴ of Σ|a·b| per block, far below any
//                               quantization error it is compared with. A tiled kernel for AVX2
//                               and the x86-64 baseline from one source (common/simd_dispatch.h);
//                               Eigen's kernels are fixed at compile time, and the portable
//                               build would give them SSE2 only.
//   referenceProductTransposed  the float64 reference XWᵀ, computed once per experiment: every
//                               product and sum in double, by Eigen.
// Both split the columns of Y over the threads; each element is summed in the same order
// whatever the thread count, so results are deterministic.

#include "common/progress.h"
#include "common/simd.h"

#include <cstddef>
#include <span>

namespace qs {

// Each block ends in a horizontal sum of every accumulator and a store to Y; at 256 terms those
// took three quarters of the time (bench --mitigate: 208 ms for 256 × 4096 × 4096, against 92 ms
// at 2048). The bound stays at 256 lane terms · 2⁻²⁴ ≈ 1.5·10⁻⁵ of Σ|a·b|.
inline constexpr std::size_t kProductBlock = 2048;

struct ProductOptions
{
    unsigned threads = 0; // 0 = automatic
    simd::Isa isa = simd::Isa::Auto;
    ProgressFn progress; // false cancels
};

// `out` must hold rows·columns values, with rows = a.size()/inner and columns = b.size()/inner.
// Returns false when cancelled (out is then incomplete).
bool productTransposed(std::span<const float> a, std::span<const float> b, std::size_t inner,
                       std::span<double> out, const ProductOptions& options = {});

bool referenceProductTransposed(std::span<const float> a, std::span<const float> b,
                                std::size_t inner, std::span<double> out,
                                const ProductOptions& options = {});

} // namespace qs
