#pragma once
// File → Export Report…: the file dialog (format and page size by its filter; it asks before
// replacing a file), then the report, with any error in a message box.

#include "analysis/model_report.h"
#include "analysis/shootout.h"
#include "analysis_snapshot.h"

#include <memory>

class QWidget;

namespace qs::ui {

// `sweeps`: add the sweeps' plots (the window passes whether its Sweeps view is in use);
// `shootout`: the formats' shoot-out run on the snapshot's tensor, if any, for its section.
bool exportReportInteractively(const SnapshotPtr& snapshot, bool sweeps, QWidget* parent,
                               std::shared_ptr<const Shootout> shootout = nullptr);
// The Model view's report of a whole file.
bool exportModelReportInteractively(const ModelReport& report, QWidget* parent);

} // namespace qs::ui
