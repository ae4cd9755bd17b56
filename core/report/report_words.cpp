#include "report/report_words.h"

namespace qs {

void forEachWord(ReportWords& w, const std::function<void(std::string&)>& visit)
{
    for (std::string* word : {&w.title,
                              &w.formulas,
                              &w.errorAndSchemes,
                              &w.walkthrough,
                              &w.groups,
                              &w.warnings,
                              &w.metric,
                              &w.current,
                              &w.general,
                              &w.symmetric,
                              &w.asymmetric,
                              &w.source,
                              &w.tensor,
                              &w.shape,
                              &w.dtype,
                              &w.count,
                              &w.minMax,
                              &w.meanStd,
                              &w.scheme,
                              &w.schemePattern,
                              &w.signedCodes,
                              &w.unsignedCodes,
                              &w.calibration,
                              &w.granularity,
                              &w.oneGroup,
                              &w.manyGroups,
                              &w.codeRange,
                              &w.scale,
                              &w.zeroPoint,
                              &w.clipRange,
                              &w.group,
                              &w.min,
                              &w.max,
                              &w.sqnrDb,
                              &w.clipped,
                              &w.modelTitle,
                              &w.modelSummary,
                              &w.modelScheme,
                              &w.worstChart,
                              &w.quantizedFlag,
                              &w.modelFormat,
                              &w.bestFormatColumn,
                              &w.ggufAudit,
                              &w.labelDisagrees,
                              &w.referenceSqnrColumn,
                              &w.recipeSummary,
                              &w.numberFormat,
                              &w.formatOptions,
                              &w.blockSize,
                              &w.scaleFormat,
                              &w.bitsPerValue,
                              &w.tensorScale,
                              &w.plainCast,
                              &w.overflow,
                              &w.mxScaleRule,
                              &w.elementRounding,
                              &w.nvfp4Flavour,
                              &w.bnbBackend,
                              &w.shootout,
                              &w.shootoutNote,
                              &w.format,
                              &w.saturated,
                              &w.calibrationChoices,
                              &w.calibrationNote,
                              &w.asComputedBy,
                              &w.threshold,
                              &w.chosen}) {
        visit(*word);
    }
    for (auto& [key, label] : w.metrics) {
        visit(label);
    }
    for (std::string& column : w.modelColumns) {
        visit(column);
    }
}

std::string metricLabel(const ReportWords& words, const std::string& key)
{
    for (const auto& [metricKey, label] : words.metrics) {
        if (metricKey == key) {
            return label;
        }
    }
    return key;
}

} // namespace qs
