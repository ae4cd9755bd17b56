#pragma once
// File → Export Report…: the file dialog (format and page size by its filter; it asks before
// replacing a file), then the report, with any error in a message box.

#include "analysis_snapshot.h"

class QWidget;

namespace qs::ui {

bool exportReportInteractively(const SnapshotPtr& snapshot, QWidget* parent);

} // namespace qs::ui
