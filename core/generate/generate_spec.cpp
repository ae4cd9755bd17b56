#include "generate/generate_spec.h"

#include "common/enum_names.h"

namespace qs {
namespace {

constexpr std::array kDistributionNames{"normal",    "uniform", "laplace", "student-t",
                                        "lognormal", "bimodal", "relu",    "numpy-randn"};
constexpr std::array kSignNames{"positive", "negative", "alternate", "random"};
constexpr std::array kUnitNames{"sigma", "absolute"};

} // namespace

std::string_view distributionName(Distribution distribution)
{
    return enumName(kDistributionNames, distribution);
}

std::optional<Distribution> distributionFromName(std::string_view name)
{
    return enumFromName<Distribution>(kDistributionNames, name);
}

std::string_view outlierSignName(OutlierSign sign)
{
    return enumName(kSignNames, sign);
}

std::optional<OutlierSign> outlierSignFromName(std::string_view name)
{
    return enumFromName<OutlierSign>(kSignNames, name);
}

std::string_view outlierUnitName(OutlierUnit unit)
{
    return enumName(kUnitNames, unit);
}

std::optional<OutlierUnit> outlierUnitFromName(std::string_view name)
{
    return enumFromName<OutlierUnit>(kUnitNames, name);
}

std::span<const char* const> distributionNames()
{
    return kDistributionNames;
}
std::span<const char* const> outlierSignNames()
{
    return kSignNames;
}
std::span<const char* const> outlierUnitNames()
{
    return kUnitNames;
}

} // namespace qs
