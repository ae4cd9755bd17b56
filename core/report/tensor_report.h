#pragma once
// The report of one tensor under one scheme: what it is, the scheme and its parameters with the
// formulas and the actual numbers, the error table, the three schemes compared, the first values
// walked through, and each channel or group when there are several. One JSON document holds it
// all; CSV, Markdown and HTML are written from that document, so every number they show is the
// JSON's, which is analyze --json's.

#include "analysis/walkthrough.h"
#include "report/analysis_document.h"
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
};

// {"report": 1, "source", "tensor", "scheme", "params", "metrics", "warnings" (as analyze
// --json), "formulas": [...], "compare": {"general": metrics, ...}, "walkthrough": [...],
// "groups": [...] (when there are several)}
json tensorReportDocument(const TensorReportInput& input);

// One row per metric: metric, current, general, symmetric, asymmetric.
std::string tensorReportCsv(const json& document);

// A plot placed in a Markdown or HTML report: its caption and how the format refers to it (a
// file name for Markdown, inline SVG or an <img> for HTML).
struct ReportFigure
{
    std::string caption;
    std::string reference;
};

// Headings and labels come from `words` (the interface's language); numbers as the JSON has them.
std::string tensorReportMarkdown(const json& document, const std::vector<ReportFigure>& figures,
                                 const ReportWords& words = {});
// A complete HTML page with inline CSS; `figures` hold markup placed as is.
std::string tensorReportHtml(const json& document, const std::vector<ReportFigure>& figures,
                             const ReportWords& words = {});

} // namespace qs
