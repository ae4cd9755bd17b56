#pragma once
// The tensor report's section on calibration as each framework computes it: for the method in
// force (percentile, MSE or KL), every method's choice and every framework variant's on the
// whole tensor — its threshold, the MSE and SQNR it leads to — so that the spread between
// toolchains is on the page (analysis/sweeps.h, calibrationChoices). The document keeps every
// digit; the pages round for reading.

#include "analysis/sweeps.h"
#include "report/json_fields.h"
#include "report/report_words.h"

#include <string>
#include <vector>

namespace qs {

// [{"calibration", "variant" (null without one), "chosen", "threshold", "clip_min", "clip_max",
// "mse", "sqnr_db"}]
json calibrationSectionJson(const std::vector<ClipMarker>& choices);

// The section, heading first.
std::string calibrationSectionMarkdown(const json& section, const ReportWords& words);
std::string calibrationSectionHtml(const json& section, const ReportWords& words);

} // namespace qs
