#pragma once
// The centrepiece: the value histogram with everything the tutorial talks about drawn over it
// (see histogram_overlays.h). Linear or log counts; drag and wheel zoom the value axis, and a
// zoomed view asks for a finer histogram of just that range; hovering names a bin, its count and
// the codes it maps to. The grid drawn is the picked block's (setPickedGroup), its scale in the
// legend.

#include "analysis/histogram.h"
#include "picked_grid.h"
#include "plots/clip_line_drag.h"
#include "plots/grid_lines.h"
#include "plots/snapshot_plot.h"

#include <QTimer>

#include <optional>
#include <utility>

class QCheckBox;
class QLabel;
class QCPGraph;
class QDoubleSpinBox;
class QMouseEvent;

namespace qs::ui {

class HistogramPlot : public SnapshotPlot
{
    Q_OBJECT

public:
    static constexpr int kZoomBins = 512; // bins of the finer histogram of a zoomed range

    explicit HistogramPlot(QWidget* parent = nullptr);

    // A finer histogram of the zoomed range, computed on request (rebinRequested).
    void showZoomedHistogram(const Histogram& histogram);

    double outlierSigmas() const;
    void setOutlierSigmas(double sigmas);
    // The "wheel to zoom, drag to pan" hint; a narrow copy of the plot can do without it.
    void setHintVisible(bool visible);
    void setLogScale(bool on);
    // The whole histogram again, as Reset zoom and a double-click do.
    void resetZoom();
    // Shows only [lo, hi] of the value axis (as a drag or the wheel would).
    void zoomTo(double lo, double hi);
    // The value range shown when it is narrower than the whole histogram's; nullopt otherwise.
    std::optional<std::pair<double, double>> zoomedRange() const;
    bool logScale() const;
    // Text of the tooltip for the value `x`, as shown when hovering there.
    QString describeBinAt(double x) const;
    // Draws the grid of group `group` (the Channels view's pick); 0 at first.
    void setPickedGroup(int group);
    int pickedGroup() const { return m_pickedGroup; }
    // Legend entries side by side at most (fewer where they would not fit); 4 at first.
    void setLegendColumns(int columns);
    // The grid lines and dense bands drawn for the visible range.
    GridLinesDrawn gridLinesDrawn() const { return m_linesDrawn; }
    ClipLineDrag* clipLineDrag() const { return m_clipDrag; }

signals:
    void outlierSigmasChanged(double sigmas);
    void rebinRequested(double lo, double hi);
    void replotted();
    // The count axis turned logarithmic or linear, by the box or by setLogScale.
    void logScaleChanged(bool on);
    // An end of the grid dragged to `value` (a manual clip range; plots/clip_line_drag.h).
    void clipLineDragged(qs::GridEnd end, double value);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
    void showHistogram(const Histogram& histogram);
    void rescaleCounts();
    void onRangeChanged();
    void onMouseMove(QMouseEvent* event);
    void drawGrid();
    void showScaleInLegend(const AnalysisSnapshot& snapshot);

    QCPGraph* m_bars = nullptr;
    ClipLineDrag* m_clipDrag = nullptr;
    QCPGraph* m_outlierMarkers = nullptr;
    // Legend entries of overlays drawn as items, shown while their items are drawn.
    QCPGraph* m_clippedEntry = nullptr;
    QCPGraph* m_unusedEntry = nullptr;
    QCPGraph* m_rangeEntry = nullptr;
    QCPGraph* m_zeroEntry = nullptr;
    QCPGraph* m_linesEntry = nullptr;
    QCPGraph* m_scaleEntry = nullptr;     // the picked grid's scale, in the legend
    QCPGraph* m_denseEntry = nullptr;     // shown while a dense band is drawn
    QCPGraph* m_underflowEntry = nullptr; // shown while the underflow band is drawn
    QCheckBox* m_log = nullptr;
    QLabel* m_hint = nullptr;
    QDoubleSpinBox* m_sigmas = nullptr;
    QTimer m_rebinTimer;
    Histogram m_shown;
    bool m_zoomed = false; // m_shown is a finer histogram of the zoomed range
    int m_pickedGroup = 0;
    PickedGrid m_grid; // the picked group's grid of the snapshot shown
    GridLinesDrawn m_linesDrawn;
};

} // namespace qs::ui
