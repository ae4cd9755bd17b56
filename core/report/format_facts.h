#pragma once
// The parameters-table rows of a minifloat, MX, NVFP4 or bitsandbytes format, read from
// analyze --json's "format" object: its name, the variant options in force, block size, scale
// format, bits per value and NVFP4's tensor scale — the integer grid's Qmin/Qmax and zero point
// say nothing about these formats, so the report shows these instead.

#include "report/json_fields.h"
#include "report/report_words.h"

#include <string>
#include <utility>
#include <vector>

namespace qs {

using ReportFact = std::pair<std::string, std::string>; // label, value

// formatJson writes "scale_storage" for the integer grid only.
bool isIntegerGridFormat(const json& format);

// Rows in the report's words; values as people read them (bits per value to three decimals,
// float32 digits). Before "calibration": the format's name and options; after it: the rest.
std::vector<ReportFact> formatNameFacts(const json& format, const ReportWords& words);
std::vector<ReportFact> formatScaleFacts(const json& format, const ReportWords& words);

} // namespace qs
