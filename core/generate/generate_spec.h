#pragma once
// What the user asked to generate: a distribution, its parameters, a shape, a seed and optional
// outliers. A plain value type, so a spec can be saved, compared and sent across threads.

#include "tensor/tensor.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace qs {

// Every distribution draws from NumPy's legacy stream (np.random.seed(seed)), so each one has a
// NumPy one-liner that gives the same float64 values before the cast to float32:
enum class Distribution
{
    Normal,     // np.random.normal(mean, std, N)
    Uniform,    // np.random.uniform(low, high, N)
    Laplace,    // np.random.laplace(mean, scale, N)
    StudentT,   // mean + scale * np.random.standard_t(df, N)
    LogNormal,  // np.random.lognormal(mean, std, N)         (all positive)
    Bimodal,    // per value: u = uniform(); normal(u < weight ? mean : mean2, std)
    Relu,       // np.maximum(np.random.normal(mean, std, N), 0)  (exact zeros)
    NumpyRandn, // np.random.randn(N): standard normal whatever mean and std say
};

std::string_view distributionName(Distribution distribution);
std::optional<Distribution> distributionFromName(std::string_view name);

enum class OutlierUnit
{
    Sigma,    // value = mean ± magnitude · std of the generated data
    Absolute, // value = ± magnitude
};

enum class OutlierSign
{
    Positive,
    Negative,
    Alternate, // +, −, +, ... in position order
    Random,    // seeded coin flip per outlier
};

std::string_view outlierSignName(OutlierSign sign);
std::optional<OutlierSign> outlierSignFromName(std::string_view name);
std::string_view outlierUnitName(OutlierUnit unit);
std::optional<OutlierUnit> outlierUnitFromName(std::string_view name);

// Every accepted name, in enum order (for option parsers and menus).
std::span<const char* const> distributionNames();
std::span<const char* const> outlierSignNames();
std::span<const char* const> outlierUnitNames();

struct OutlierSpec
{
    std::size_t count = 0;
    double magnitude = 10;
    OutlierUnit unit = OutlierUnit::Sigma;
    OutlierSign sign = OutlierSign::Positive;

    friend bool operator==(const OutlierSpec&, const OutlierSpec&) = default;
};

struct GenerateSpec
{
    Distribution distribution = Distribution::Normal;
    Shape shape{1024};
    std::uint32_t seed = 0;
    double mean = 0;  // normal, laplace (loc), student-t (loc), lognormal (μ of log), bimodal, relu
    double std = 1;   // normal, lognormal (σ of log), bimodal, relu
    double low = -1;  // uniform
    double high = 1;  // uniform
    double scale = 1; // laplace, student-t
    double df = 3;    // student-t degrees of freedom
    double mean2 = 3; // bimodal: second component's mean
    double weight = 0.5; // bimodal: share of the first component
    OutlierSpec outliers;

    friend bool operator==(const GenerateSpec&, const GenerateSpec&) = default;
};

// The most elements a generator will produce (4 GiB of float32).
inline constexpr std::uint64_t kMaxGeneratedElements = std::uint64_t{1} << 30;

} // namespace qs
