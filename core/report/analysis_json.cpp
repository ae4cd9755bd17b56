#include "report/analysis_document.h"

namespace qs {
namespace {

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

} // namespace

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

json analysisDocument(const AnalysisReport& report)
{
    json out;
    out["tensor"] = tensorJson(report.tensor, report.analysis.stats);
    out["scheme"] = schemeJson(report.analysis.spec);
    out["format"] = formatJson(report.analysis.spec, report.analysis.params.size(),
                               report.analysis.stats.count, report.analysis.tensorScale);
    if (!report.importanceFile.empty()) {
        out["format"]["imatrix"] = {{"file", report.importanceFile},
                                    {"format", report.importanceFormat}};
    }
    out["params"] = paramsJson(report.analysis.params);
    out["metrics"] = metricsJson(report.analysis.metrics);
    out["warnings"] = warningsJson(report.loadWarnings, report.analysis.warnings);
    return out;
}

std::string analysisJson(const AnalysisReport& report)
{
    return dumpJson(analysisDocument(report));
}

} // namespace qs
