#pragma once
// Synthetic activations X [tokens, features] for the outlier-mitigation experiments, shaped as
// LLM.int8() (Dettmers et al., NeurIPS 2022) measured in real transformers: a few feature
// channels carry values 20–100× the rest, in nearly every token and with a consistent sign.
// Synthetic, and said so wherever it is used: no model produced these numbers.
//
//   ordinary channel j    x = σ_j · z,            σ_j = exp(0.25 · z_j)   (a mild spread of scales)
//   outlier channel c     x = S · (±1 + 0.25 · z)  sign fixed per channel
// z standard normal draws (NumPy's legacy stream: np.random.seed(seed)); the outlier channels
// are `outlierChannels` distinct columns drawn from the stream seed + 1.

#include "common/error.h"
#include "tensor/tensor.h"

#include <cstdint>

namespace qs {

struct ActivationSpec
{
    std::size_t tokens = 256;
    std::size_t features = 4096;
    std::size_t outlierChannels = 4;
    double outlierScale = 40; // S
    std::uint32_t seed = 0;

    friend bool operator==(const ActivationSpec&, const ActivationSpec&) = default;
};

// Errors: InvalidArgument (no tokens or features, more outlier channels than features, a scale
// that is not finite and positive), TooLarge beyond kMaxGeneratedElements.
Result<Tensor> generateActivations(const ActivationSpec& spec);

// The outlier channels spec places, ascending.
std::vector<std::size_t> activationOutlierChannels(const ActivationSpec& spec);

} // namespace qs
