#pragma once
// One linear layer, Y = X·Wᵀ, quantized with and without the outlier-mitigation transforms, and
// judged where it matters: at the product. The transforms (mitigate/smoothing.h,
// mitigate/hadamard.h) apply in this order, each on or off:
//     1. SmoothQuant   X′ = X·diag(s)⁻¹, W′ = W·diag(s)
//     2. rotation      X″ = X′·Q,        W″ = W′·Q
//     3. LLM.int8()    the input channels where some |x″| ≥ threshold stay in float16 in both
//                      X″ and W″; the rest are quantized vector-wise (a scale per row of X and
//                      per output channel of W: a per-tensor granularity becomes per row)
// Every one keeps the exact product (X″·W″ᵀ = X·Wᵀ), so the output error is measured against the
// float64 reference X·Wᵀ, computed once per problem:
//     output SQNR = 10·log10(Σ Y² / Σ (Y − Q(X″)·Q(W″)ᵀ)²)
// and per output channel o over the tokens. Each side is measured in its own transformed domain:
// SQNR of its quantization, kurtosis, max|x|/σ and the per-input-channel max |·|.

#include "analysis/analyze.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/warning.h"
#include "mitigate/hadamard.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace qs {

// The weight viewed as a matrix [outputs, inputs] (a conv weight [out, in, kh, kw] as
// [out, in·kh·kw]) and the activations as [tokens, inputs] (leading dimensions flattened).
struct MitigationProblem
{
    Tensor weight;
    Tensor activations;
    std::size_t outputs = 0;
    std::size_t inputs = 0;
    std::size_t tokens = 0;
    std::vector<double> reference;     // X·Wᵀ in float64, row-major [tokens, outputs]
    std::vector<double> activationMax; // max |X_:,j| per input channel
    std::vector<double> weightMax;     // max |W_:,j| per input channel
    std::vector<double> channelEnergy; // Σ_t Y_t,o² per output channel
    double referenceEnergy = 0;        // Σ Y²
};

struct MitigationOptions
{
    unsigned threads = 0; // 0 = automatic
    ProgressFn progress;  // false cancels
};

// Errors: BadValue for a weight of fewer than two dimensions, activations whose last
// dimension is not the weight's input dimension (both shapes named) or a value that is not
// finite; TooLarge when the reference product would not fit the memory budget; Cancelled.
Result<MitigationProblem> prepareMitigation(Tensor weight, Tensor activations,
                                            const MitigationOptions& options = {});

// The tutorial's symmetric int8 (−127..127): one scale per output channel for W, one per tensor
// for X.
QuantSpec defaultWeightSpec();
QuantSpec defaultActivationSpec();

inline constexpr double kDefaultInt8Threshold = 6.0;

struct MitigationSettings
{
    QuantSpec weightSpec = defaultWeightSpec();
    QuantSpec activationSpec = defaultActivationSpec();
    std::optional<double> smoothAlpha;         // SmoothQuant with this α ∈ [0, 1]
    std::optional<std::uint32_t> rotationSeed; // the randomized Hadamard rotation with this seed
    std::optional<double> int8Threshold;       // LLM.int8() decomposition at this |x|

    bool anyTransform() const { return smoothAlpha || rotationSeed || int8Threshold; }
    // The same formats, every transform off: the "before" of a comparison.
    MitigationSettings withoutTransforms() const;

    friend bool operator==(const MitigationSettings&, const MitigationSettings&) = default;
};

// One operand as it entered the product.
struct MitigatedSide
{
    // The quantization of the matrix (under the decomposition: of its channels not kept in
    // float16): histograms, grid and metrics as the single-tensor views show them.
    Analysis analysis;
    double sqnrDb = 0;     // of the whole side against its transformed values, float16 included
    double kurtosis = 0;   // E[(x − μ)⁴]/σ⁴ of the transformed values (3 for a Gaussian)
    double maxOverStd = 0; // max |x| / σ
    double absMax = 0;
    std::vector<double> channelAbsMax; // per input channel, of the transformed matrix
};

struct MitigationOutcome
{
    MitigatedSide weight;
    MitigatedSide activations;
    double outputSqnrDb = 0;
    std::vector<double> outputChannelSqnrDb; // one per output channel
    // SmoothQuant (empty when off): s_j, and how many channels were given s_j = 1 because X or
    // W is zero there.
    std::vector<double> smoothScales;
    std::size_t zeroChannels = 0;
    std::optional<HadamardPlan> rotation;
    std::vector<std::size_t> float16Channels; // LLM.int8(), ascending
    Warnings warnings;
};

// Errors: InvalidArgument (an α outside [0, 1], a threshold that is not positive, a format the
// matrices' shapes do not allow), Cancelled.
Result<MitigationOutcome> evaluateMitigation(const MitigationProblem& problem,
                                             const MitigationSettings& settings,
                                             const MitigationOptions& options = {});

// SmoothQuant's α chosen by the output error: every α from 0 to 1 in steps of 0.05, the other
// settings as given, and the one with the highest output SQNR (the smallest α on a tie).
inline constexpr double kAlphaStep = 0.05;
inline constexpr std::size_t kAlphaSteps = 21;

struct AlphaScan
{
    std::vector<double> alphas;
    std::vector<double> outputSqnrDb;
    std::size_t best = 0;
    double bestAlpha() const { return alphas.at(best); }
};

Result<AlphaScan> scanSmoothingAlpha(const MitigationProblem& problem,
                                     const MitigationSettings& settings,
                                     const MitigationOptions& options = {});

} // namespace qs
