#pragma once
// The words of exported reports in the interface language.

#include "report/mitigation_document.h"
#include "report/report_words.h"

namespace qs::ui {

// Core's report words run through the catalogue ("Report" context), and the HTML lang attribute
// of the language installed.
ReportWords interfaceReportWords();
MitigationWords interfaceMitigationWords();

} // namespace qs::ui
