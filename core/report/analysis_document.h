#pragma once
// analyze --json's objects as JSON values, for documents that embed them (reports): the numbers
// a report prints are these, digit for digit.

#include "report/analysis_report.h"
#include "report/json_fields.h"

namespace qs {

// {"tensor", "scheme", "params", "metrics", "warnings"}: what analysisJson prints.
json analysisDocument(const AnalysisReport& report);
json metricsJson(const Metrics& metrics);

} // namespace qs
