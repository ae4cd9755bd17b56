#pragma once
// How the user exports a plot: a context menu on every plot (Copy image; Export as PNG, SVG or
// PDF…) and the same through File → Export Plot. PNG asks for the size and scale; the file
// dialog asks before overwriting; a failed write is reported and leaves the old file whole.

#include "export/plot_export.h"

#include <optional>

class QCustomPlot;
class QWidget;

namespace qs::ui {

void installExportMenu(QCustomPlot* plot);

// Asks for a file (and for PNG the image size), then exports. `format` preselects the file
// type; without it the file name's extension decides. False if cancelled or failed.
bool exportPlotInteractively(QCustomPlot* plot, QWidget* parent,
                             std::optional<PlotFormat> format = std::nullopt);

} // namespace qs::ui
