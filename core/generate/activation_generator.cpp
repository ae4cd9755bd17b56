#include "generate/activation_generator.h"

#include "generate/generate_spec.h"
#include "generate/numpy_random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace qs {

std::vector<std::size_t> activationOutlierChannels(const ActivationSpec& spec)
{
    // A partial Fisher–Yates shuffle: the first `outlierChannels` of a seeded permutation.
    std::vector<std::size_t> order(spec.features);
    std::iota(order.begin(), order.end(), std::size_t{0});
    NumpyRandom random(spec.seed + 1);
    const std::size_t count = std::min(spec.outlierChannels, spec.features);
    for (std::size_t i = 0; i < count; ++i) {
        const auto span = static_cast<double>(spec.features - i);
        const std::size_t pick =
            i + std::min(spec.features - i - 1, static_cast<std::size_t>(random.uniform() * span));
        std::swap(order[i], order[pick]);
    }
    order.resize(count);
    std::ranges::sort(order);
    return order;
}

Result<Tensor> generateActivations(const ActivationSpec& spec)
{
    if (spec.tokens == 0 || spec.features == 0) {
        return fail(ErrorCode::InvalidArgument, "activations need at least one token and one "
                                                "feature (got " +
                                                    std::to_string(spec.tokens) + " × " +
                                                    std::to_string(spec.features) + ")");
    }
    if (spec.outlierChannels > spec.features) {
        return fail(ErrorCode::InvalidArgument, std::to_string(spec.outlierChannels) +
                                                    " outlier channels do not fit in " +
                                                    std::to_string(spec.features) + " features");
    }
    if (!std::isfinite(spec.outlierScale) || spec.outlierScale <= 0) {
        return fail(ErrorCode::InvalidArgument, "the outlier scale must be finite and positive");
    }
    if (spec.tokens > kMaxGeneratedElements / spec.features) {
        return fail(ErrorCode::TooLarge, std::to_string(spec.tokens) + " × " +
                                             std::to_string(spec.features) +
                                             " activations are more than " +
                                             std::to_string(kMaxGeneratedElements) + " values");
    }
    NumpyRandom random(spec.seed);
    std::vector<double> channelScale(spec.features);
    for (double& scale : channelScale) {
        scale = std::exp(0.25 * random.gauss());
    }
    const std::vector<std::size_t> outliers = activationOutlierChannels(spec);
    std::vector<double> outlierSign(spec.features, 0.0);
    for (const std::size_t channel : outliers) {
        outlierSign[channel] = random.uniform() < 0.5 ? -1.0 : 1.0;
    }

    Tensor tensor;
    tensor.name = "activations";
    tensor.shape = {static_cast<std::int64_t>(spec.tokens),
                    static_cast<std::int64_t>(spec.features)};
    tensor.values.resize(spec.tokens * spec.features);
    for (std::size_t t = 0; t < spec.tokens; ++t) {
        for (std::size_t j = 0; j < spec.features; ++j) {
            const double z = random.gauss();
            const double value = outlierSign[j] != 0
                                     ? spec.outlierScale * (outlierSign[j] + 0.25 * z)
                                     : channelScale[j] * z;
            tensor.values[t * spec.features + j] = static_cast<float>(value);
        }
    }
    return tensor;
}

} // namespace qs
