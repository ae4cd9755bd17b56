#pragma once
// A randomized Hadamard rotation along a matrix's last axis (QuaRot, Ashkboos et al. 2024;
// SpinQuant, Liu et al. 2024): Q = D·H/√n, with D a diagonal of random ±1 signs drawn from a seed
// and H the Sylvester Hadamard matrix (H₁ = [1], H₂ₖ = [[Hₖ, Hₖ], [Hₖ, −Hₖ]]). Q is orthogonal
// (QQᵀ = I), so rotating both operands of a product keeps it: (X·Q)(W·Q)ᵀ = X·Wᵀ before
// quantization, while an outlier channel of X is spread over every channel of X·Q.
//
// n that is not a power of two: Q is block-diagonal, each block the largest power of two that
// divides n (n = 96: three blocks of 32); HadamardPlan says which.

#include "common/simd.h"

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct HadamardPlan
{
    std::size_t size = 0;           // n, the rotated axis
    std::size_t block = 0;          // the power of two each diagonal block has
    std::vector<std::int8_t> signs; // D's diagonal, ±1, one per column
    bool blockDiagonal() const { return block < size; }
};

// The plan for an axis of `size` (≥ 1) with signs drawn from `seed` (std::mt19937, one bit
// each): the same seed gives the same rotation.
HadamardPlan hadamardPlan(std::size_t size, std::uint32_t seed);

// Every row of the row-major [rows, plan.size] `matrix` multiplied by Q, in place: a fast
// Walsh–Hadamard transform per block (n·log₂ block additions per row) in float32 vectors. Each
// output is a sum of n terms of one magnitude, so it stays within log₂(n)·2⁻²⁴ of its size.
void rotateRows(std::span<float> matrix, const HadamardPlan& plan, simd::Isa isa = simd::Isa::Auto);

// Q itself, row-major [n, n] (tests and small sizes).
std::vector<double> hadamardMatrix(const HadamardPlan& plan);

} // namespace qs
