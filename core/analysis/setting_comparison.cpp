#include "analysis/setting_comparison.h"

#include "common/enum_names.h"

#include <array>

namespace qs {
namespace {

constexpr std::array kAcrossNames{"schemes", "calibrations", "granularities"};

// The methods with a range of their own; manual joins them only when it is the spec's.
constexpr std::array kMethods{CalibrationMethod::MinMax,    CalibrationMethod::Percentile,
                              CalibrationMethod::Mse,       CalibrationMethod::Kl,
                              CalibrationMethod::AciqGauss, CalibrationMethod::AciqLaplace};

std::string granularityLabel(const QuantSpec& spec)
{
    switch (spec.granularity) {
    case Granularity::Tensor:
        return "tensor";
    case Granularity::Channel:
        return "channel (axis " + std::to_string(spec.axis) + ")";
    case Granularity::Group:
        return "group of " + std::to_string(spec.groupSize);
    }
    return std::string(granularityName(spec.granularity));
}

} // namespace

std::string_view compareAcrossName(CompareAcross across)
{
    return enumName(kAcrossNames, across);
}

std::optional<CompareAcross> compareAcrossFromName(std::string_view name)
{
    return enumFromName<CompareAcross>(kAcrossNames, name);
}

std::span<const char* const> compareAcrossNames()
{
    return kAcrossNames;
}

std::vector<SettingColumn> comparedSettings(const QuantSpec& spec, std::size_t rank,
                                            CompareAcross across)
{
    QuantSpec base = spec;
    base.preset.clear(); // a changed setting is no longer the preset's
    std::vector<SettingColumn> out;
    const auto add = [&](std::string name, const QuantSpec& changed, bool current) {
        out.push_back({std::move(name), changed, std::nullopt, {}, current});
    };
    switch (across) {
    case CompareAcross::Schemes:
        for (const Scheme scheme : {Scheme::General, Scheme::Symmetric, Scheme::Asymmetric}) {
            QuantSpec s = base;
            s.scheme = scheme;
            s.narrowRange.reset(); // each scheme's own default range
            add(std::string(schemeName(scheme)), s, scheme == spec.scheme);
        }
        break;
    case CompareAcross::Calibrations: {
        std::vector<CalibrationMethod> methods(kMethods.begin(), kMethods.end());
        if (spec.calibration.method == CalibrationMethod::Manual) {
            methods.push_back(CalibrationMethod::Manual);
        }
        for (const CalibrationMethod method : methods) {
            QuantSpec s = base;
            s.calibration.method = method; // arguments and variants as the user set them
            add(std::string(calibrationName(method)), s, method == spec.calibration.method);
        }
        break;
    }
    case CompareAcross::Granularities: {
        const bool grouped = spec.granularity == Granularity::Group;
        const bool channelled = spec.granularity == Granularity::Channel;
        for (const Granularity granularity :
             {Granularity::Tensor, Granularity::Channel, Granularity::Group}) {
            QuantSpec s = base;
            s.granularity = granularity;
            s.axis = channelled ? spec.axis : 0;
            s.groupSize = grouped ? spec.groupSize : 32;
            add(granularityLabel(s), s, granularity == spec.granularity);
        }
        if (rank < 2) {
            out[1].error = "a 1-D tensor has no channels";
        }
        break;
    }
    }
    return out;
}

Result<std::vector<SettingColumn>> compareSettings(TensorView tensor, const QuantSpec& spec,
                                                   CompareAcross across, const ProgressFn& progress)
{
    std::vector<SettingColumn> columns = comparedSettings(spec, tensor.shape.size(), across);
    const double share = 1.0 / static_cast<double>(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        SettingColumn& column = columns[i];
        if (!column.error.empty()) {
            continue;
        }
        AnalysisOptions options;
        if (progress) {
            options.progress = [&, i](double fraction) {
                return progress((static_cast<double>(i) + fraction) * share);
            };
        }
        auto analysis = analyzeTensor(tensor, column.spec, options);
        if (analysis) {
            column.metrics = analysis->metrics;
        } else if (analysis.error().code == ErrorCode::Cancelled) {
            return std::unexpected(analysis.error());
        } else {
            column.error = analysis.error().message;
        }
        if (progress && !progress(static_cast<double>(i + 1) * share)) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
    }
    return columns;
}

} // namespace qs
