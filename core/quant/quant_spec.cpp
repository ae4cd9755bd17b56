#include "quant/quant_spec.h"

#include "common/enum_names.h"

namespace qs {
namespace {

constexpr std::array kSchemeNames{"general", "symmetric", "asymmetric"};
constexpr std::array kRoundingNames{"half-even", "half-away", "half-up", "floor", "stochastic"};
constexpr std::array kAnchorNames{"max", "min"};
constexpr std::array kCalibrationNames{"minmax"};

} // namespace

std::string_view schemeName(Scheme scheme)
{
    return enumName(kSchemeNames, scheme);
}
std::string_view roundingName(Rounding rounding)
{
    return enumName(kRoundingNames, rounding);
}
std::string_view zeroPointAnchorName(ZeroPointAnchor anchor)
{
    return enumName(kAnchorNames, anchor);
}
std::string_view calibrationName(CalibrationMethod method)
{
    return enumName(kCalibrationNames, method);
}

std::optional<Scheme> schemeFromName(std::string_view name)
{
    return enumFromName<Scheme>(kSchemeNames, name);
}
std::optional<Rounding> roundingFromName(std::string_view name)
{
    return enumFromName<Rounding>(kRoundingNames, name);
}
std::optional<ZeroPointAnchor> zeroPointAnchorFromName(std::string_view name)
{
    return enumFromName<ZeroPointAnchor>(kAnchorNames, name);
}
std::optional<CalibrationMethod> calibrationFromName(std::string_view name)
{
    return enumFromName<CalibrationMethod>(kCalibrationNames, name);
}

std::span<const char* const> schemeNames()
{
    return kSchemeNames;
}
std::span<const char* const> roundingNames()
{
    return kRoundingNames;
}
std::span<const char* const> zeroPointAnchorNames()
{
    return kAnchorNames;
}
std::span<const char* const> calibrationNames()
{
    return kCalibrationNames;
}

} // namespace qs
