#include "generate/data_presets.h"

#include "common/translatable.h"
#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <string>

namespace qs {
namespace {

constexpr std::uint32_t kTutorialSeed = 8215;

constexpr std::array kPresets{
    DataPreset{
        "tutorial-3", QS_TRANSLATABLE("DataPreset", "Tutorial: three values"),
        QS_TRANSLATABLE("DataPreset",
                        "np.random.seed(8215); np.random.randn(3): the tutorial's three values")},
    DataPreset{
        "tutorial-outlier", QS_TRANSLATABLE("DataPreset", "Tutorial: one outlier at 100"),
        QS_TRANSLATABLE("DataPreset", "1000 values uniform in [-1, 1] plus one outlier at 100")},
    DataPreset{"relu-activations", QS_TRANSLATABLE("DataPreset", "ReLU activations"),
               QS_TRANSLATABLE("DataPreset", "65,536 ReLU activations: half exact zeros")},
    DataPreset{"heavy-tailed-weights", QS_TRANSLATABLE("DataPreset", "Heavy-tailed weights"),
               QS_TRANSLATABLE("DataPreset", "256x256 Student-t (df 3) weights, scale 0.02")},
    DataPreset{"all-positive", QS_TRANSLATABLE("DataPreset", "All-positive values"),
               QS_TRANSLATABLE("DataPreset", "65,536 log-normal values, none below zero")},
    DataPreset{"extreme-channels", QS_TRANSLATABLE("DataPreset", "Weights with extreme channels"),
               QS_TRANSLATABLE("DataPreset",
                               "64x256 weights, scale 0.02, with four channels 40 times wider")},
};

// extreme-channels: the rows (output channels) that are widened, and by how much.
constexpr std::array<std::int64_t, 4> kExtremeChannels{3, 17, 38, 52};
constexpr float kExtremeChannelFactor = 40.0f;

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
    } else if (name == "extreme-channels") {
        spec.shape = {64, 256};
        spec.std = 0.02;
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
    if (name == "extreme-channels") {
        const auto width = static_cast<std::size_t>(tensor->shape[1]);
        for (const std::int64_t row : kExtremeChannels) {
            const auto begin = tensor->values.begin() + static_cast<std::ptrdiff_t>(row) * width;
            std::for_each(begin, begin + static_cast<std::ptrdiff_t>(width),
                          [](float& v) { v *= kExtremeChannelFactor; });
        }
    }
    tensor->name = std::string(name);
    return tensor;
}

} // namespace qs
