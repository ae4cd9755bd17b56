#pragma once
// The annotations of the value histogram: representable interval, clip thresholds and clipped
// regions with their counts, the unused part of the integer range, the zero point, the outlier
// band and markers, and a grid line per code once zoomed in. Every item carries an object name
// ("clipped-above", "unused-below", "zero-point", "outlier-markers", ...) for tests.

#include "analysis_snapshot.h"

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
    // Removes the previous overlays and draws those of `snapshot`. `outlierMarkers` receives the
    // positions of the histogram bins beyond the outlier band.
    static void draw(QCustomPlot* plot, const AnalysisSnapshot& snapshot, QCPGraph* outlierMarkers);

    // Replaces the per-code grid lines for the visible x range: drawn only when at most
    // `maxLines` codes are visible.
    static void drawCodeGrid(QCustomPlot* plot, const AnalysisSnapshot& snapshot, double lo,
                             double hi, int maxLines = 160);

private:
    static void drawGroupsNote(QCustomPlot* plot, const AnalysisSnapshot& snapshot);
    static void drawUnused(QCustomPlot* plot, const AnalysisSnapshot& snapshot);
    static void drawClipping(QCustomPlot* plot, const AnalysisSnapshot& snapshot);
    static void drawGridEnds(QCustomPlot* plot, const AnalysisSnapshot& snapshot);
    static void drawOutliers(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             QCPGraph* markers);
};

} // namespace qs::ui
