#pragma once
// File → Export Report…: the file dialog (format and page size by its filter; it asks before
// replacing a file), then the report, with any error in a message box.

#include "analysis/model_report.h"
#include "analysis/shootout.h"
#include "analysis_snapshot.h"
#include "export/report_export.h"
#include "report/mitigation_report.h"

#include <QString>

#include <cstddef>
#include <memory>

class QWidget;

namespace qs::ui {

// The file to write and how, from the name typed in the dialog and the selected filter (by its
// place in the dialog's list: HTML, PDF A4, PDF US Letter, Markdown, CSV, JSON). The typed
// extension decides the format (r.pdf under the HTML filter writes a PDF); a name without one
// gets the filter's format and suffix. A PDF keeps a PDF filter's page size, else A4.
struct ReportTarget
{
    QString path;
    ReportFormat format = ReportFormat::Html;
    QPageSize::PageSizeId page = QPageSize::A4;
};
ReportTarget reportTarget(const QString& typedPath, std::size_t filter);

// `sweeps`: add the sweeps' plots (the window passes whether its Sweeps view is in use);
// `shootout`: the formats' shoot-out run on the snapshot's tensor, if any, for its section.
bool exportReportInteractively(const SnapshotPtr& snapshot, bool sweeps, QWidget* parent,
                               std::shared_ptr<const Shootout> shootout = nullptr);
// The Model view's report of a whole file.
bool exportModelReportInteractively(const ModelReport& report, QWidget* parent);
// The Outliers view's report; `scan` (may be null) adds the output SQNR against α.
bool exportMitigationReportInteractively(const MitigationReport& report,
                                         std::shared_ptr<const AlphaScan> scan, QWidget* parent);

} // namespace qs::ui
