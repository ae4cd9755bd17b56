#pragma once
// The report of one tensor under one scheme: what it is, the scheme and its parameters with the
// formulas and the actual numbers, the error table, the three schemes compared, the first values
// walked through, and each channel or group when there are several. One JSON document holds it
// all; CSV, Markdown and HTML are written from that document, so every number they show is the
// JSON's, which is analyze --json's.

#include "analysis/shootout.h"
#include "analysis/sweeps.h"
#include "analysis/walkthrough.h"
#include "report/analysis_document.h"
#include "report/report_figure.h"
#include "report/report_words.h"

#include <array>
#include <string>
#include <vector>

namespace qs {

inline constexpr int kReportVersion = 1;

struct TensorReportInput
{
    std::string source; // where the tensor came from, in words
    AnalysisReport current;
    std::array<const Analysis*, 3> schemes{}; // general, symmetric, asymmetric on the same tensor
    std::vector<WalkthroughRow> walkthrough;  // the first values
    const Shootout* shootout = nullptr;       // the formats' shoot-out on the tensor, if run
    // Every calibration's choice, variants included (report/calibration_section.h), if made.
    const std::vector<ClipMarker>* calibrations = nullptr;
};

// {"report": 1, "source", "tensor", "scheme", "params", "metrics", "warnings" (as analyze
// --json), "formulas": [...], "compare": {"general": metrics, ...}, "walkthrough": [...],
// "groups": [...] (when there are several), "shootout": {"rows", "warnings"} (when one was run;
// report/shootout_section.h), "calibrations": [...] (when made; report/calibration_section.h)}.
// A format other than the integer grid has its own formulas
// (report/format_formulas.h).
json tensorReportDocument(const TensorReportInput& input);

// One row per metric: metric, current, general, symmetric, asymmetric.
std::string tensorReportCsv(const json& document);

// Headings and labels come from `words` (the interface's language); numbers as the JSON has them.
std::string tensorReportMarkdown(const json& document, const std::vector<ReportFigure>& figures,
                                 const ReportWords& words = {});
// A complete HTML page with inline CSS; `figures` hold markup placed as is.
std::string tensorReportHtml(const json& document, const std::vector<ReportFigure>& figures,
                             const ReportWords& words = {});

} // namespace qs
