#include "mitigate/hadamard.h"

#include "common/simd_dispatch.h"

#include <bit>
#include <cmath>
#include <random>

namespace qs {
namespace {

// The largest power of two dividing n.
std::size_t largestPowerOfTwoDividing(std::size_t n)
{
    return n & (~n + 1);
}

// The butterflies of one stage inside a vector: lane i gets v[i ^ half] + (±1)·v[i], the sign
// negative where bit `half` of i is set, so that the pair (a, b) becomes (a + b, a − b).
template <typename F, int Half> [[gnu::always_inline]] inline F inVectorStage(F v)
{
    F partner;
    F sign;
    if constexpr (simd::kLanesOf<F> == 8) {
        if constexpr (Half == 1) {
            partner = __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6);
            sign = F{1, -1, 1, -1, 1, -1, 1, -1};
        } else if constexpr (Half == 2) {
            partner = __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5);
            sign = F{1, 1, -1, -1, 1, 1, -1, -1};
        } else {
            partner = __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3);
            sign = F{1, 1, 1, 1, -1, -1, -1, -1};
        }
    } else {
        if constexpr (Half == 1) {
            partner = __builtin_shufflevector(v, v, 1, 0, 3, 2);
            sign = F{1, -1, 1, -1};
        } else {
            partner = __builtin_shufflevector(v, v, 2, 3, 0, 1);
            sign = F{1, 1, -1, -1};
        }
    }
    return partner + sign * v;
}

// The unnormalised Walsh–Hadamard transform of `v` (a power of two, at least one vector long),
// in place: after it, v = H·v with H the Sylvester matrix, which is symmetric, so this is also
// vᵀ·H. The stages whose pairs lie inside one vector are done with shuffles, the rest pair whole
// vectors.
struct WalshHadamardKernel
{
    template <typename F> [[gnu::always_inline]] static void run(float* v, std::size_t n)
    {
        constexpr auto lanes = static_cast<std::size_t>(simd::kLanesOf<F>);
        for (std::size_t i = 0; i < n; i += lanes) {
            F x = simd::load<F>(v + i);
            x = inVectorStage<F, 1>(x);
            x = inVectorStage<F, 2>(x);
            if constexpr (lanes == 8) {
                x = inVectorStage<F, 4>(x);
            }
            simd::store(v + i, x);
        }
        for (std::size_t half = lanes; half < n; half *= 2) {
            for (std::size_t start = 0; start < n; start += 2 * half) {
                for (std::size_t i = start; i < start + half; i += lanes) {
                    const F a = simd::load<F>(v + i);
                    const F b = simd::load<F>(v + i + half);
                    simd::store(v + i, a + b);
                    simd::store(v + i + half, a - b);
                }
            }
        }
    }
};

// The same one pair at a time, for blocks shorter than a vector.
void walshHadamardShort(float* v, std::size_t n)
{
    for (std::size_t half = 1; half < n; half *= 2) {
        for (std::size_t start = 0; start < n; start += 2 * half) {
            for (std::size_t i = start; i < start + half; ++i) {
                const float a = v[i];
                const float b = v[i + half];
                v[i] = a + b;
                v[i + half] = a - b;
            }
        }
    }
}

} // namespace

HadamardPlan hadamardPlan(std::size_t size, std::uint32_t seed)
{
    HadamardPlan plan;
    plan.size = size;
    plan.block = size == 0 ? 0 : largestPowerOfTwoDividing(size);
    std::mt19937 random(seed);
    plan.signs.resize(size);
    for (std::int8_t& sign : plan.signs) {
        sign = (random() & 1U) != 0 ? std::int8_t{1} : std::int8_t{-1};
    }
    return plan;
}

void rotateRows(std::span<float> matrix, const HadamardPlan& plan, simd::Isa isa)
{
    if (plan.size == 0) {
        return;
    }
    const auto norm = static_cast<float>(1.0 / std::sqrt(static_cast<double>(plan.block)));
    const bool avx2 = simd::useAvx2(isa);
    const std::size_t shortest = avx2 ? 8 : 4; // one vector of the kernel's lanes
    for (std::size_t r = 0; r + plan.size <= matrix.size(); r += plan.size) {
        float* row = matrix.data() + r;
        // x·Q = (x·D)·H/√b per block: the signs scale the columns first.
        for (std::size_t j = 0; j < plan.size; ++j) {
            row[j] *= static_cast<float>(plan.signs[j]);
        }
        for (std::size_t b = 0; b < plan.size; b += plan.block) {
            if (plan.block < shortest) {
                walshHadamardShort(row + b, plan.block);
            } else {
                simd::runOnIsa<WalshHadamardKernel>(avx2, row + b, plan.block);
            }
        }
        for (std::size_t j = 0; j < plan.size; ++j) {
            row[j] *= norm;
        }
    }
}

std::vector<double> hadamardMatrix(const HadamardPlan& plan)
{
    const std::size_t n = plan.size;
    std::vector<double> q(n * n, 0.0);
    const double norm = 1.0 / std::sqrt(static_cast<double>(plan.block));
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t block = i / plan.block * plan.block;
        for (std::size_t j = block; j < block + plan.block; ++j) {
            // Sylvester: H[a][b] = (−1)^popcount(a & b).
            const auto a = i - block;
            const auto b = j - block;
            const int parity = std::popcount(a & b) & 1;
            q[i * n + j] = plan.signs[i] * (parity != 0 ? -norm : norm);
        }
    }
    return q;
}

} // namespace qs
