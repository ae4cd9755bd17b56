#include "report/json_fields.h"

#include "calibrate/calibrate.h"

#include <cmath>

namespace qs {
namespace {

json calibrationArgs(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    switch (c.method) {
    case CalibrationMethod::Percentile:
        return {{"percentile", c.percentile}};
    case CalibrationMethod::Kl:
        return {{"bins", c.klBins}, {"start_bin", c.klStartBin}, {"levels", klLevels(spec)}};
    default:
        return json::object();
    }
}

} // namespace

json number(double value)
{
    return std::isfinite(value) ? json(value) : json(nullptr);
}

json tensorJson(const TensorInfo& info, const TensorStats& s)
{
    return {{"name", info.name},
            {"shape", info.shape},
            {"dtype", dtypeName(info.dtype)},
            {"count", s.count},
            {"finite_count", s.finiteCount},
            {"nan_count", s.nanCount},
            {"inf_count", s.infCount},
            {"min", number(s.min)},
            {"max", number(s.max)},
            {"mean", number(s.mean)},
            {"std", number(s.std)}};
}

json schemeJson(const QuantSpec& spec)
{
    const bool channel = spec.granularity == Granularity::Channel;
    const bool group = spec.granularity == Granularity::Group;
    return {{"name", schemeName(spec.scheme)},
            {"preset", spec.preset.empty() ? json(nullptr) : json(spec.preset)},
            {"bits", spec.bits},
            {"signed", spec.isSigned},
            {"narrow_range", spec.effectiveNarrowRange()},
            {"rounding", roundingName(spec.rounding)},
            {"zero_point_anchor", zeroPointAnchorName(spec.zeroPointAnchor)},
            {"granularity", granularityName(spec.granularity)},
            {"axis", channel ? json(spec.axis) : json(nullptr)},
            {"group_size", group ? json(spec.groupSize) : json(nullptr)},
            {"calibration", calibrationName(spec.calibration.method)},
            {"calibration_args", calibrationArgs(spec)}};
}

json warningsJson(const Warnings& first, const Warnings& second)
{
    json warnings = json::array();
    for (const Warnings* list : {&first, &second}) {
        for (const Warning& w : *list) {
            warnings.push_back(w.message);
        }
    }
    return warnings;
}

std::string dumpJson(const json& value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace qs
