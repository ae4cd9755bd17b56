#include "mitigate/hadamard.h"

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

// The unnormalised Walsh–Hadamard transform of `v` (size a power of two), in place: after it,
// v = H·v with H the Sylvester matrix, which is symmetric, so this is also vᵀ·H.
void walshHadamard(std::span<double> v)
{
    for (std::size_t half = 1; half < v.size(); half *= 2) {
        for (std::size_t start = 0; start < v.size(); start += 2 * half) {
            for (std::size_t i = start; i < start + half; ++i) {
                const double a = v[i];
                const double b = v[i + half];
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

void rotateRows(std::span<float> matrix, const HadamardPlan& plan)
{
    if (plan.size == 0) {
        return;
    }
    const double norm = 1.0 / std::sqrt(static_cast<double>(plan.block));
    std::vector<double> row(plan.size);
    for (std::size_t r = 0; r + plan.size <= matrix.size(); r += plan.size) {
        // x·Q = (x·D)·H/√b per block: the signs scale the columns first.
        for (std::size_t j = 0; j < plan.size; ++j) {
            row[j] = static_cast<double>(matrix[r + j]) * plan.signs[j];
        }
        for (std::size_t b = 0; b < plan.size; b += plan.block) {
            walshHadamard(std::span<double>(row).subspan(b, plan.block));
        }
        for (std::size_t j = 0; j < plan.size; ++j) {
            matrix[r + j] = static_cast<float>(row[j] * norm);
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
