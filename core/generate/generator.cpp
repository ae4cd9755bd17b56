#include "generate/generator.h"

#include "generate/numpy_random.h"
#include "tensor/tensor_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>

namespace qs {
namespace {

Result<void> validate(const GenerateSpec& spec)
{
    auto bad = [](std::string message) {
        return fail(ErrorCode::InvalidArgument, std::move(message));
    };
    const bool finiteParams = std::isfinite(spec.mean) && std::isfinite(spec.std) &&
                              std::isfinite(spec.low) && std::isfinite(spec.high) &&
                              std::isfinite(spec.scale) && std::isfinite(spec.df) &&
                              std::isfinite(spec.mean2) && std::isfinite(spec.weight);
    if (!finiteParams) {
        return bad("distribution parameters must be finite numbers");
    }
    switch (spec.distribution) {
    case Distribution::Normal:
    case Distribution::LogNormal:
    case Distribution::Bimodal:
    case Distribution::Relu:
    case Distribution::NumpyRandn:
        if (spec.std < 0) {
            return bad("std must not be negative");
        }
        break;
    case Distribution::Uniform:
        if (!(spec.low < spec.high)) {
            return bad("uniform needs low < high");
        }
        break;
    case Distribution::Laplace:
    case Distribution::StudentT:
        if (spec.scale < 0) {
            return bad("scale must not be negative");
        }
        break;
    }
    if (spec.distribution == Distribution::StudentT && !(spec.df > 0)) {
        return bad("student-t needs df > 0");
    }
    if (spec.distribution == Distribution::Bimodal && !(spec.weight >= 0 && spec.weight <= 1)) {
        return bad("bimodal weight must lie in [0, 1]");
    }
    return {};
}

double draw(NumpyRandom& rng, const GenerateSpec& spec)
{
    switch (spec.distribution) {
    case Distribution::Normal:
        return spec.mean + spec.std * rng.gauss();
    case Distribution::Uniform:
        return spec.low + (spec.high - spec.low) * rng.uniform();
    case Distribution::Laplace:
        return rng.laplace(spec.mean, spec.scale);
    case Distribution::StudentT:
        return spec.mean + spec.scale * rng.standardT(spec.df);
    case Distribution::LogNormal:
        return std::exp(spec.mean + spec.std * rng.gauss());
    case Distribution::Bimodal: {
        const double centre = rng.uniform() < spec.weight ? spec.mean : spec.mean2;
        return centre + spec.std * rng.gauss();
    }
    case Distribution::Relu:
        return std::max(spec.mean + spec.std * rng.gauss(), 0.0);
    case Distribution::NumpyRandn:
        return rng.gauss();
    }
    return 0;
}

} // namespace

Result<Tensor> generateTensor(const GenerateSpec& spec)
{
    if (auto valid = validate(spec); !valid) {
        return std::unexpected(valid.error());
    }
    const auto count = elementCount(spec.shape, kMaxGeneratedElements);
    if (!count) {
        return fail(ErrorCode::TooLarge, "shape " + shapeToString(spec.shape) +
                                             " is invalid or has more than " +
                                             std::to_string(kMaxGeneratedElements) + " elements");
    }
    Tensor tensor;
    tensor.name = std::string(distributionName(spec.distribution));
    tensor.shape = spec.shape;
    tensor.sourceDtype = Dtype::Float32;
    tensor.values.resize(*count);

    NumpyRandom rng(spec.seed);
    for (float& value : tensor.values) {
        value = static_cast<float>(draw(rng, spec)); // astype('float32'): round to nearest
    }
    if (spec.outliers.count > 0) {
        const TensorStats clean = computeStats(tensor.values);
        if (auto injected =
                injectOutliers(tensor.values, spec.outliers, spec.seed, clean.mean, clean.std);
            !injected) {
            return std::unexpected(injected.error());
        }
    }
    return tensor;
}

Result<void> injectOutliers(std::span<float> values, const OutlierSpec& outliers,
                            std::uint32_t seed, double mean, double std)
{
    if (outliers.count > values.size()) {
        return fail(ErrorCode::InvalidArgument, "cannot place " + std::to_string(outliers.count) +
                                                    " outliers in " +
                                                    std::to_string(values.size()) + " values");
    }
    if (!std::isfinite(outliers.magnitude)) {
        return fail(ErrorCode::InvalidArgument, "outlier magnitude must be a finite number");
    }
    NumpyRandom rng(seed + 1u);
    // Floyd's algorithm: `count` distinct positions in `count` draws, whatever the tensor size.
    std::set<std::size_t> positions;
    const std::size_t n = values.size();
    for (std::size_t j = n - outliers.count; j < n; ++j) {
        const auto pick = static_cast<std::size_t>(rng.uniform() * static_cast<double>(j + 1));
        if (!positions.insert(std::min(pick, j)).second) {
            positions.insert(j);
        }
    }
    const double offset =
        outliers.unit == OutlierUnit::Sigma ? outliers.magnitude * std : outliers.magnitude;
    const double centre = outliers.unit == OutlierUnit::Sigma ? mean : 0.0;
    if (std::fabs(centre) + std::fabs(offset) > std::numeric_limits<float>::max()) {
        return fail(ErrorCode::InvalidArgument, "outlier magnitude does not fit in float32");
    }
    std::size_t index = 0;
    for (const std::size_t position : positions) {
        bool positive = true;
        switch (outliers.sign) {
        case OutlierSign::Positive:
            positive = true;
            break;
        case OutlierSign::Negative:
            positive = false;
            break;
        case OutlierSign::Alternate:
            positive = index % 2 == 0;
            break;
        case OutlierSign::Random:
            positive = rng.uniform() < 0.5;
            break;
        }
        values[position] = static_cast<float>(positive ? centre + offset : centre - offset);
        ++index;
    }
    return {};
}

} // namespace qs
