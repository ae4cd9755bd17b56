#include "quant/quant_spec.h"

#include "common/enum_names.h"

namespace qs {
namespace {

constexpr std::array kSchemeNames{"general", "symmetric", "asymmetric"};
constexpr std::array kRoundingNames{"half-even", "half-away", "half-up", "floor", "stochastic"};
constexpr std::array kAnchorNames{"max", "min"};
constexpr std::array kCalibrationNames{"minmax",     "percentile",   "mse",   "kl",
                                       "aciq-gauss", "aciq-laplace", "manual"};
constexpr std::array kGranularityNames{"tensor", "channel", "group"};
constexpr std::array kConventionNames{"tutorial", "pytorch", "llama-q8_0", "llama-q4_0"};
constexpr std::array kKlVariantNames{"tensorrt-published", "pytorch-quantization", "onnxruntime",
                                     "mxnet"};
constexpr std::array kPercentileVariantNames{"exact", "pytorch-quantization", "onnxruntime"};
constexpr std::array kMseVariantNames{"exact", "pytorch-quantization"};

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
std::string_view granularityName(Granularity granularity)
{
    return enumName(kGranularityNames, granularity);
}
std::string_view conventionName(Convention convention)
{
    return enumName(kConventionNames, convention);
}

std::optional<Convention> conventionFromName(std::string_view name)
{
    return enumFromName<Convention>(kConventionNames, name);
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
std::optional<Granularity> granularityFromName(std::string_view name)
{
    return enumFromName<Granularity>(kGranularityNames, name);
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
std::span<const char* const> granularityNames()
{
    return kGranularityNames;
}

std::span<const char* const> conventionNames()
{
    return kConventionNames;
}

std::string_view klVariantName(KlVariant variant)
{
    return enumName(kKlVariantNames, variant);
}
std::string_view percentileVariantName(PercentileVariant variant)
{
    return enumName(kPercentileVariantNames, variant);
}
std::string_view mseVariantName(MseVariant variant)
{
    return enumName(kMseVariantNames, variant);
}
std::string_view calibrationVariantName(const CalibrationSpec& c)
{
    switch (c.method) {
    case CalibrationMethod::Percentile:
        return percentileVariantName(c.percentileVariant);
    case CalibrationMethod::Mse:
        return mseVariantName(c.mseVariant);
    case CalibrationMethod::Kl:
        return klVariantName(c.klVariant);
    default:
        return {};
    }
}
std::optional<KlVariant> klVariantFromName(std::string_view name)
{
    return enumFromName<KlVariant>(kKlVariantNames, name);
}
std::optional<PercentileVariant> percentileVariantFromName(std::string_view name)
{
    return enumFromName<PercentileVariant>(kPercentileVariantNames, name);
}
std::optional<MseVariant> mseVariantFromName(std::string_view name)
{
    return enumFromName<MseVariant>(kMseVariantNames, name);
}
std::span<const char* const> klVariantNames()
{
    return kKlVariantNames;
}
std::span<const char* const> percentileVariantNames()
{
    return kPercentileVariantNames;
}
std::span<const char* const> mseVariantNames()
{
    return kMseVariantNames;
}

} // namespace qs
