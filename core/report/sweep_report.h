#pragma once
// The report of one sweep, as JSON, CSV or a terminal table — all three from one table of
// named columns, so they always say the same thing.
//
// JSON: {"sweep", "tensor", "scheme", "points": [{column: value}], ...} plus, for bits,
//   "reference": {"bits", "sqnr_db", "db_per_bit"}; for clip, "markers": [{"calibration",
//   "chosen", column: value}]; for outlier, "outlier": {"position", "sigma"}; and "warnings".
// CSV: a header row and one row per point; the clip sweep's markers follow as rows whose
//   first column, "calibration", names the method (empty on the sweep's own points).

#include "analysis/sweeps.h"
#include "report/analysis_report.h"

#include <string>
#include <variant>

namespace qs {

using SweepResult = std::variant<BitsSweep, ClipSweep, OutlierSweep>;

struct SweepReport
{
    TensorInfo tensor;
    TensorStats stats;
    QuantSpec spec;
    SweepResult result;
    Warnings loadWarnings;
};

SweepParameter sweepParameterOf(const SweepResult& result);

std::string sweepJson(const SweepReport& report);
std::string sweepCsv(const SweepReport& report);
std::string sweepText(const SweepReport& report);

} // namespace qs
