#pragma once
// `quantscope-cli compare --across schemes|calibrations|granularities` as JSON, CSV or text: one
// column of the comparison per line, the current setting marked.
//
// JSON: {"tensor": {...}, "across": "calibrations", "columns": [{"setting": "kl",
//   "current": false, "scheme": {...as analyze}, "metrics": {...as analyze} or null,
//   "error": "..." only where the setting does not apply}], "warnings": [...]}

#include "analysis/setting_comparison.h"
#include "report/analysis_report.h"

#include <string>
#include <vector>

namespace qs {

struct SettingComparisonReport
{
    TensorInfo tensor;
    TensorStats stats;
    CompareAcross across = CompareAcross::Schemes;
    std::vector<SettingColumn> columns;
    Warnings loadWarnings;
};

std::string settingComparisonJson(const SettingComparisonReport& report);
std::string settingComparisonCsv(const SettingComparisonReport& report);
std::string settingComparisonText(const SettingComparisonReport& report);

} // namespace qs
