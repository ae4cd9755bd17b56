#pragma once
// File → Export Report…: the file dialog (format and page size by its filter; it asks before
// replacing a file), then the report, with any error in a message box.

#include "analysis/model_report.h"
#include "analysis_snapshot.h"

class QWidget;

namespace qs::ui {

// `sweeps`: add the sweeps' plots (the window passes whether its Sweeps view is in use).
bool exportReportInteractively(const SnapshotPtr& snapshot, bool sweeps, QWidget* parent);
// The Model view's report of a whole file.
bool exportModelReportInteractively(const ModelReport& report, QWidget* parent);

} // namespace qs::ui
