#pragma once
// Built-in data sets: the tutorial's two scenarios and a few typical shapes of real tensors.

#include "common/error.h"
#include "tensor/tensor.h"

#include <span>
#include <string_view>

namespace qs {

struct DataPreset
{
    std::string_view name;        // the id the CLI and sessions use
    std::string_view title;       // what the window shows, translatable
    std::string_view description; // what the values are
};

// tutorial-3        np.random.seed(8215); np.random.randn(3).astype('float32')
//                   = [0.21535037, 1.2962357, -1.0161772], the tutorial's worked examples.
// tutorial-outlier  1000 values uniform in [−1, 1] (seed 8215) followed by one value at 100,
//                   the tutorial's closing paragraph on outliers.
// relu-activations  65,536 post-ReLU activations: half exact zeros, the rest half-normal.
// heavy-tailed-weights  256×256 Student-t (df 3) weights with scale 0.02.
// all-positive      65,536 log-normal values, nothing below zero.
// extreme-channels  64×256 normal weights (std 0.02) whose channels 3, 17, 38 and 52 (rows) are
//                   40 times wider: one scale per tensor fits them and starves the other 60.
std::span<const DataPreset> dataPresets();

Result<Tensor> makePresetTensor(std::string_view name);

} // namespace qs
