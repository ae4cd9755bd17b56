#include "mitigate/product.h"

#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"

#include <Eigen/Core>

#include <algorithm>

namespace qs {
namespace {

// Tiles of kTileRows rows of A by kTileColumns rows of B: 9 accumulators, three registers for
// A's rows, one for B's and one for a product (no fused multiply-add in the portable build) —
// within the 16 vector registers of x86-64; a 4 × 3 tile spills two accumulators per step.
constexpr std::size_t kTileRows = 3;
constexpr std::size_t kTileColumns = 3;
// Columns of Y per chunk: one chunk's B rows (64 × inner floats) stay in L2 while every row of
// A passes over them, and 4096 columns still make 64 chunks for the progress bar.
constexpr std::size_t kColumnsPerChunk = 64;

struct Operands
{
    const float* a;
    const float* b;
    std::size_t rows;
    std::size_t inner;
    double* out;
    std::size_t columns; // Y's row stride
};

// Y[r..r+R, c..c+C] += A[r..r+R, k0..k1] · B[c..c+C, k0..k1]ᵀ, the terms summed in float lanes.
template <typename F, std::size_t R, std::size_t C>
[[gnu::always_inline]] inline void addTile(const Operands& o, std::size_t r, std::size_t c,
                                           std::size_t k0, std::size_t k1)
{
    constexpr auto lanes = static_cast<std::size_t>(simd::kLanesOf<F>);
    F sums[R][C];
#pragma GCC unroll 3
    for (std::size_t i = 0; i < R; ++i) {
#pragma GCC unroll 3
        for (std::size_t j = 0; j < C; ++j) {
            sums[i][j] = simd::splat<F>(0.0F);
        }
    }
    const float* aRow = o.a + r * o.inner;
    const float* bRow = o.b + c * o.inner;
    std::size_t k = k0;
    for (; k + lanes <= k1; k += lanes) {
        F bv[C];
#pragma GCC unroll 3
        for (std::size_t j = 0; j < C; ++j) {
            bv[j] = simd::load<F>(bRow + j * o.inner + k);
        }
#pragma GCC unroll 3
        for (std::size_t i = 0; i < R; ++i) {
            const F av = simd::load<F>(aRow + i * o.inner + k);
#pragma GCC unroll 3
            for (std::size_t j = 0; j < C; ++j) {
                sums[i][j] += av * bv[j];
            }
        }
    }
    for (std::size_t i = 0; i < R; ++i) {
        for (std::size_t j = 0; j < C; ++j) {
            float tail = 0.0F; // the last < lanes terms of a row whose length is not a multiple
            for (std::size_t t = k; t < k1; ++t) {
                tail += aRow[i * o.inner + t] * bRow[j * o.inner + t];
            }
            o.out[(r + i) * o.columns + c + j] +=
                simd::treeSumAsDouble(sums[i][j]) + static_cast<double>(tail);
        }
    }
}

template <typename F, std::size_t R>
[[gnu::always_inline]] inline void addTileOfRows(const Operands& o, std::size_t r, std::size_t c,
                                                 std::size_t columns, std::size_t k0,
                                                 std::size_t k1)
{
    if (columns == 3) {
        addTile<F, R, 3>(o, r, c, k0, k1);
    } else if (columns == 2) {
        addTile<F, R, 2>(o, r, c, k0, k1);
    } else {
        addTile<F, R, 1>(o, r, c, k0, k1);
    }
}

struct ProductKernel
{
    // Y[:, columnBegin..columnEnd) of o, from zero.
    template <typename F>
    [[gnu::always_inline]] static void run(const Operands& o, std::size_t columnBegin,
                                           std::size_t columnEnd)
    {
        for (std::size_t r = 0; r < o.rows; ++r) {
            std::fill(o.out + r * o.columns + columnBegin, o.out + r * o.columns + columnEnd, 0.0);
        }
        // Blocks of the inner dimension outermost: A's block (rows × kProductBlock floats)
        // stays in the outer caches while every column of the chunk passes over it.
        for (std::size_t k0 = 0; k0 < o.inner; k0 += kProductBlock) {
            const std::size_t k1 = std::min(o.inner, k0 + kProductBlock);
            for (std::size_t c = columnBegin; c < columnEnd; c += kTileColumns) {
                const std::size_t columns = std::min(kTileColumns, columnEnd - c);
                std::size_t r = 0;
                for (; r + kTileRows <= o.rows; r += kTileRows) {
                    addTileOfRows<F, kTileRows>(o, r, c, columns, k0, k1);
                }
                for (; r < o.rows; ++r) {
                    addTileOfRows<F, 1>(o, r, c, columns, k0, k1);
                }
            }
        }
    }
};

ChunkPlan columnChunks(std::size_t columns)
{
    return {columns, kColumnsPerChunk};
}

unsigned threadsFor(std::size_t rows, std::size_t columns, std::size_t inner, unsigned requested)
{
    return resolveThreadCount(rows * columns * inner / 16, requested);
}

} // namespace

bool productTransposed(std::span<const float> a, std::span<const float> b, std::size_t inner,
                       std::span<double> out, const ProductOptions& options)
{
    if (inner == 0) {
        std::ranges::fill(out, 0.0);
        return true;
    }
    const Operands o{a.data(), b.data(), a.size() / inner, inner, out.data(), b.size() / inner};
    const bool avx2 = simd::useAvx2(options.isa);
    const ChunkPlan plan = columnChunks(o.columns);
    return forEachChunk(
        plan, threadsFor(o.rows, o.columns, inner, options.threads),
        [&](unsigned, std::size_t chunk) {
            simd::runOnIsa<ProductKernel>(avx2, o, plan.begin(chunk), plan.end(chunk));
        },
        options.progress);
}

bool referenceProductTransposed(std::span<const float> a, std::span<const float> b,
                                std::size_t inner, std::span<double> out,
                                const ProductOptions& options)
{
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    if (inner == 0) {
        std::ranges::fill(out, 0.0);
        return true;
    }
    const auto rows = static_cast<Eigen::Index>(a.size() / inner);
    const auto columns = static_cast<Eigen::Index>(b.size() / inner);
    const auto depth = static_cast<Eigen::Index>(inner);
    const RowMajor aDouble = Eigen::Map<const FloatRows>(a.data(), rows, depth).cast<double>();
    Eigen::Map<RowMajor> y(out.data(), rows, columns);
    const ChunkPlan plan = columnChunks(b.size() / inner);
    return forEachChunk(
        plan, threadsFor(a.size() / inner, b.size() / inner, inner, options.threads),
        [&](unsigned, std::size_t chunk) {
            const auto begin = static_cast<Eigen::Index>(plan.begin(chunk));
            const auto count = static_cast<Eigen::Index>(plan.end(chunk)) - begin;
            const RowMajor bDouble =
                Eigen::Map<const FloatRows>(b.data() + begin * depth, count, depth).cast<double>();
            y.middleCols(begin, count).noalias() = aDouble * bDouble.transpose();
        },
        options.progress);
}

} // namespace qs
