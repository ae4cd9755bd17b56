#include "generate/data_presets.h"

#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <string>

namespace qs {
namespace {

constexpr std::uint32_t kTutorialSeed = 8215;

constexpr std::array kPresets{
    DataPreset{"tutorial-3",
               "np.random.seed(8215); np.random.randn(3): the tutorial's three values"},
    DataPreset{"tutorial-outlier", "1000 values uniform in [-1, 1] plus one outlier at 100"},
    DataPreset{"relu-activations", "65,536 ReLU activations: half exact zeros"},
    DataPreset{"heavy-tailed-weights", "256x256 Student-t (df 3) weights, scale 0.02"},
    DataPreset{"all-positive", "65,536 log-normal values, none below zero"},
};

GenerateSpec presetSpec(std::string_view name)
{
    GenerateSpec spec;
    spec.seed = kTutorialSeed;
    if (name == "tutorial-3") {
        spec.shape = {3};
    } else if (name == "tutorial-outlier") {
        spec.distribution = Distribution::Uniform;
        spec.shape = {1000};
    } else if (name == "relu-activations") {
        spec.distribution = Distribution::Relu;
        spec.shape = {65536};
    } else if (name == "heavy-tailed-weights") {
        spec.distribution = Distribution::StudentT;
        spec.shape = {256, 256};
        spec.scale = 0.02;
    } else if (name == "all-positive") {
        spec.distribution = Distribution::LogNormal;
        spec.shape = {65536};
        spec.mean = -1;
        spec.std = 0.5;
    }
    return spec;
}

} // namespace

std::span<const DataPreset> dataPresets()
{
    return kPresets;
}

Result<Tensor> makePresetTensor(std::string_view name)
{
    const bool known =
        std::ranges::any_of(kPresets, [&](const DataPreset& p) { return p.name == name; });
    if (!known) {
        std::string names;
        for (const DataPreset& preset : kPresets) {
            names += names.empty() ? "" : ", ";
            names += preset.name;
        }
        return fail(ErrorCode::InvalidArgument,
                    "unknown data preset '" + std::string(name) + "' (known: " + names + ")");
    }
    auto tensor = generateTensor(presetSpec(name));
    if (!tensor) {
        return tensor;
    }
    if (name == "tutorial-outlier") {
        // Appended, not injected: the tutorial adds one point to the thousand.
        tensor->values.push_back(100.0f);
        tensor->shape = {static_cast<std::int64_t>(tensor->values.size())};
    }
    tensor->name = std::string(name);
    return tensor;
}

} // namespace qs
