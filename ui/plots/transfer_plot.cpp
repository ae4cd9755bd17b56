#include "plots/transfer_plot.h"

#include "analysis/range_usage.h"
#include "analysis/transfer_curve.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "picked_grid.h"
#include "plots/histogram_overlays.h"
#include "plots/plot_setup.h"
#include "plots/snapshot_plot.h"
#include "theme.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {

TransferPlot::TransferPlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("transfer"), Redraw::FromScratch, parent)
{
    QCustomPlot* const chart = plot();
    texts()->bind([chart] { chart->xAxis->setLabel(tr("R")); });
    texts()->bind([chart] { chart->yAxis->setLabel(tr("R′ = dequantize(quantize(R))")); });
    chart->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void TransferPlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* /*previous*/)
{
    QCustomPlot* const chart = plot();
    if (snapshot.current.params.empty()) {
        return;
    }
    const PickedGrid picked = pickedGrid(snapshot.current, static_cast<std::size_t>(m_pickedGroup));
    const QuantParams& p = picked.params;
    const Rounding rounding = snapshot.current.spec.rounding;
    HistogramExtent extent = histogramExtent(snapshot);
    if (!picked.onlyGrid && std::isfinite(picked.grid.lo) && std::isfinite(picked.grid.hi) &&
        picked.grid.hi > picked.grid.lo) {
        // One group's staircase: its own grid, not the whole tensor's range, fills the plot.
        const double margin = 0.1 * (picked.grid.hi - picked.grid.lo);
        extent = {picked.grid.lo - margin, picked.grid.hi + margin};
    }
    const TensorStats& stats = snapshot.data->stats;

    QCPGraph* identity = chart->addGraph();
    identity->setName(tr("R′ = R"));
    identity->setPen(theme::referencePen());
    identity->setData(QVector<double>{extent.lo, extent.hi}, QVector<double>{extent.lo, extent.hi});

    // The staircase of the picked grid: even steps for the integer grid, steps that widen away
    // from 0 for a minifloat, a codebook's own spacing for NF4.
    const TransferCurve curve = transferCurve(p, rounding, extent.lo, extent.hi);
    QCPGraph* stairs = chart->addGraph();
    stairs->setObjectName(QStringLiteral("staircase"));
    const Analysis& a = snapshot.current;
    stairs->setName(a.params.size() > 1
                        ? tr("R′ of %1 (of %2)")
                              .arg(blockLabel(a, picked.group), blockCountLabel(a, a.params.size()))
                        : tr("R′ (the staircase)"));
    stairs->setLineStyle(QCPGraph::lsStepLeft);
    stairs->setPen(QPen(theme::values(), 1.5));
    stairs->setData(QVector<double>(curve.x.begin(), curve.x.end()),
                    QVector<double>(curve.y.begin(), curve.y.end()), true);

    // The plateaus: beyond the clip thresholds R′ stays at the grid's ends (a minifloat
    // without saturation has none: R′ becomes NaN or ±Inf there).
    RealInterval thresholds = clipThresholds(p, rounding);
    if (thresholds.lo > thresholds.hi) { // a negative Scale turns the grid around
        std::swap(thresholds.lo, thresholds.hi);
    }
    QCPGraph* plateaus = chart->addGraph();
    plateaus->setObjectName(QStringLiteral("clip-plateaus"));
    plateaus->setName(tr("clip plateaus (截断)"));
    plateaus->setPen(QPen(theme::clipped(), 3));
    QVector<double> keys;
    QVector<double> levels;
    const bool saturates =
        p.element.kind != ElementKind::Minifloat || p.element.overflow == Overflow::Saturate;
    if (saturates && extent.lo < thresholds.lo) {
        keys << extent.lo << thresholds.lo << thresholds.lo;
        levels << picked.grid.lo << picked.grid.lo << std::nan("");
    }
    if (saturates && extent.hi > thresholds.hi) {
        keys << thresholds.hi << extent.hi;
        levels << picked.grid.hi << picked.grid.hi;
    }
    plateaus->setData(keys, levels, true);
    const bool oneGrid = a.params.size() == 1; // the spans mark the whole tensor's clipped values
    if (oneGrid && snapshot.current.metrics.clippedBelow > 0) {
        addSpan(chart, chart->axisRect(), stats.min, thresholds.lo, theme::clippedBrush(),
                "clipped-below");
    }
    if (oneGrid && snapshot.current.metrics.clippedAbove > 0) {
        addSpan(chart, chart->axisRect(), thresholds.hi, stats.max, theme::clippedBrush(),
                "clipped-above");
    }
    addVerticalLine(chart, chart->axisRect(), 0.0, theme::zeroPointPen(), "zero-point")
        ->setVisible(picked.grid.zeroLevel.has_value());

    chart->legend->setVisible(true);
    keepLegendBelow(3); // the staircase runs corner to corner: no corner is free
    chart->xAxis->setRange(extent.lo, extent.hi);
    chart->yAxis->setRange(extent.lo, extent.hi);
}

void TransferPlot::setPickedGroup(int group)
{
    const int before = m_pickedGroup;
    m_pickedGroup = std::max(0, group);
    if (snapshot() && snapshot()->current.params.size() > 1 && before != m_pickedGroup) {
        setSnapshot(snapshot());
    }
}

} // namespace qs::ui
