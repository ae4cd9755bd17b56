#include "report/analysis_report.h"

#include "calibrate/calibrate.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace qs {
namespace {

// ordered_json keeps the contract's key order, which reads better than sorted keys.
using json = nlohmann::ordered_json;

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

json calibrationArgs(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    switch (c.method) {
    case CalibrationMethod::Percentile: return {{"percentile", c.percentile}};
    case CalibrationMethod::Kl:
        return {{"bins", c.klBins}, {"start_bin", c.klStartBin}, {"levels", klLevels(spec)}};
    default: return json::object();
    }
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

json paramsJson(const std::vector<QuantParams>& params)
{
    json scale = json::array();
    json zeroPoint = json::array();
    json clipMin = json::array();
    json clipMax = json::array();
    for (const QuantParams& p : params) {
        scale.push_back(p.scale);
        zeroPoint.push_back(p.zeroPoint);
        clipMin.push_back(p.clipMin);
        clipMax.push_back(p.clipMax);
    }
    const QuantParams& first = params.front();
    return {{"qmin", first.qmin}, {"qmax", first.qmax},      {"groups", params.size()},
            {"scale", scale},     {"zero_point", zeroPoint}, {"clip_min", clipMin},
            {"clip_max", clipMax}};
}

json metricsJson(const Metrics& m)
{
    return {{"mse", number(m.mse)},
            {"rmse", number(m.rmse)},
            {"mae", number(m.mae)},
            {"max_abs_error", number(m.maxAbsError)},
            {"sqnr_db", number(m.sqnrDb)},
            {"cosine_similarity", number(m.cosineSimilarity)},
            {"clipped_below", m.clippedBelow},
            {"clipped_above", m.clippedAbove},
            {"clipped_fraction", number(m.clippedFraction)},
            {"codes_used", m.codesUsed},
            {"codes_total", m.codesTotal},
            {"zero_code_fraction", number(m.zeroCodeFraction)},
            {"unused_range_fraction", number(m.unusedRangeFraction)}};
}

} // namespace

std::string analysisJson(const AnalysisReport& report)
{
    json warnings = json::array();
    for (const Warning& w : report.loadWarnings) {
        warnings.push_back(w.message);
    }
    for (const Warning& w : report.analysis.warnings) {
        warnings.push_back(w.message);
    }
    json out;
    out["tensor"] = tensorJson(report.tensor, report.analysis.stats);
    out["scheme"] = schemeJson(report.analysis.spec);
    out["params"] = paramsJson(report.analysis.params);
    out["metrics"] = metricsJson(report.analysis.metrics);
    out["warnings"] = warnings;
    // Names come from files: replace invalid UTF-8 rather than fail.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace qs
