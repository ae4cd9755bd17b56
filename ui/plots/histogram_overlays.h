#pragma once
// The annotations of the value histogram: representable interval, clip (or saturation)
// thresholds and clipped regions with their counts, the unused part of the grid, the zero point,
// the band that underflows to 0, the outlier band and markers, and the grid's values as lines
// (plots/grid_lines.h). Every item carries an object name ("clipped-above", "unused-below",
// "zero-point", "underflow", "outlier-markers", ...) for tests. The grid is the picked block's
// (picked_grid.h); with several groups only its lines are drawn over the whole tensor's values.

#include "analysis_snapshot.h"
#include "picked_grid.h"

#include <QCoreApplication>

class QCustomPlot;
class QCPGraph;

namespace qs::ui {

struct HistogramExtent
{
    double lo = 0; // x range that shows the data and the whole grid
    double hi = 1;
};

// The x range the histogram should show for `snapshot`: the data and, with a single grid, its
// representable range, with a margin.
HistogramExtent histogramExtent(const AnalysisSnapshot& snapshot);

class HistogramOverlays
{
    Q_DECLARE_TR_FUNCTIONS(HistogramOverlays)

public:
    // Removes the previous overlays and draws those of `snapshot` with `picked`'s grid.
    // `outlierMarkers` receives the positions of the histogram bins beyond the outlier band.
    static void draw(QCustomPlot* plot, const AnalysisSnapshot& snapshot, const PickedGrid& picked,
                     QCPGraph* outlierMarkers);

private:
    static void drawGroupsNote(QCustomPlot* plot, const AnalysisSnapshot& snapshot);
    static void drawUnused(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                           const PickedGrid& picked);
    static void drawClipping(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             const PickedGrid& picked);
    static void drawUnderflow(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                              const PickedGrid& picked);
    static void drawGridEnds(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             const PickedGrid& picked);
    static void drawOutliers(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             QCPGraph* markers);
};

} // namespace qs::ui
