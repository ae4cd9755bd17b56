#pragma once
// The words of exported reports in the interface language.

#include "report/report_words.h"

namespace qs::ui {

// Core's report words run through the catalogue ("Report" context), and the HTML lang attribute
// of the language installed.
ReportWords interfaceReportWords();

} // namespace qs::ui
