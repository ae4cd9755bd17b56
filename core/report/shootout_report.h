#pragma once
// The report of one shoot-out, as JSON, CSV or a terminal table — all three from one list of
// columns, so they always say the same thing.
//
// JSON: {"tensor", "rows": [{"format", "bits_per_value", "sqnr_db", "mse", "max_abs_error",
//   "zero_code_fraction", "saturated", "pareto", "analyze"}], "warnings"}; "analyze" holds the
//   `analyze` options that give the row's numbers.
// CSV: a header row and one row per format, in the same order.

#include "analysis/shootout.h"
#include "report/analysis_report.h"
#include "report/json_fields.h"

#include <string>
#include <vector>

namespace qs {

struct ShootoutReport
{
    TensorInfo tensor;
    TensorStats stats;
    Shootout shootout;
    // Per row (parallel to shootout.rows): the analyze options reproducing it, or empty.
    std::vector<std::string> analyzeArguments;
    Warnings loadWarnings;
};

// One row of "rows" without "analyze" (which only the CLI can spell): what reports embed.
json shootoutRowJson(const ShootoutRow& row);

std::string shootoutJson(const ShootoutReport& report);
std::string shootoutCsv(const ShootoutReport& report);
std::string shootoutText(const ShootoutReport& report);

} // namespace qs
