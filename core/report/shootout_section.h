#pragma once
// The tensor report's section on the formats' shoot-out (analysis/shootout.h): a table of every
// format, best SQNR first with the Pareto front marked, and the plot of SQNR against bits per
// value. The document holds the rows as `compare --json` writes them; the pages round them for
// reading (SQNR to 2 decimals, bits per value to 3, shares in percent, float32 digits).

#include "analysis/shootout.h"
#include "report/json_fields.h"
#include "report/report_figure.h"
#include "report/report_words.h"

#include <string>
#include <vector>

namespace qs {

// {"rows": [{"format", "bits_per_value", "sqnr_db", "mse", "max_abs_error",
// "zero_code_fraction", "saturated", "pareto"}], "warnings": [...]}
json shootoutSectionJson(const Shootout& shootout);

// The section, heading first; the figures placed FigurePlacement::Shootout follow the table.
std::string shootoutSectionMarkdown(const json& section, const std::vector<ReportFigure>& figures,
                                    const ReportWords& words);
std::string shootoutSectionHtml(const json& section, const std::vector<ReportFigure>& figures,
                                const ReportWords& words);

} // namespace qs
