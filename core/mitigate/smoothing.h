#pragma once
// SmoothQuant (Xiao et al., ICML 2023) moves the difficulty of quantization from activations to
// weights, one input channel j at a time:
//     s_j = max|X_:,j|^α / max|W_:,j|^(1−α),    X′ = X·diag(s)⁻¹,    W′ = W·diag(s)
// so X′·W′ᵀ = X·Wᵀ. α = 0 leaves the activations alone, α = 1 flattens them completely; the
// paper's 0.5 splits the difficulty. A channel that is zero in X or in W has no ratio to take:
// its s_j is 1, and it is counted.
//
// LLM.int8() (Dettmers et al., NeurIPS 2022) instead keeps the outlier channels in float16: the
// input channels where any |x| reaches the threshold (6.0 in the paper) are left out of the int8
// product in both X and W.
//
// X is row-major [tokens, in], W row-major [out, in].

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct SmoothingScales
{
    std::vector<double> scales;   // s_j, one per input channel
    std::size_t zeroChannels = 0; // channels given s_j = 1 because X or W is zero there
};

// The per-input-channel maxima of |·| of a row-major [rows, columns] matrix (0 = automatic
// threads).
std::vector<double> columnAbsMax(std::span<const float> matrix, std::size_t columns,
                                 unsigned threads = 0);

// s for `alpha` in [0, 1] from the two columns' maxima (columnAbsMax of X and of W).
SmoothingScales smoothingScales(std::span<const double> activationMax,
                                std::span<const double> weightMax, double alpha);

// X·diag(s)⁻¹ and W·diag(s), in place (0 = automatic threads; the result is the same for any).
void divideColumns(std::span<float> matrix, std::span<const double> scales, unsigned threads = 0);
void multiplyColumns(std::span<float> matrix, std::span<const double> scales, unsigned threads = 0);

// LLM.int8(): the input channels (ascending) where some |x| ≥ threshold.
std::vector<std::size_t> outlierChannels(std::span<const float> activations, std::size_t columns,
                                         double threshold);

} // namespace qs
