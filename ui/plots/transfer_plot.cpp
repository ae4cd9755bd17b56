#include "plots/transfer_plot.h"

#include "analysis/range_usage.h"
#include "analysis/transfer_curve.h"
#include "granularity_text.h"
#include "i18n/retranslator.h"
#include "plots/histogram_overlays.h"
#include "plots/plot_setup.h"
#include "plots/snapshot_plot.h"
#include "theme.h"

#include <qcustomplot.h>

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
    const QuantParams& p = snapshot.current.params.front();
    const HistogramExtent extent = histogramExtent(snapshot);
    const TensorStats& stats = snapshot.data->stats;

    QCPGraph* identity = chart->addGraph();
    identity->setName(tr("R′ = R"));
    identity->setPen(theme::referencePen());
    identity->setData(QVector<double>{extent.lo, extent.hi}, QVector<double>{extent.lo, extent.hi});

    const TransferCurve curve = transferCurve(p, snapshot.spec.rounding, extent.lo, extent.hi);
    QCPGraph* stairs = chart->addGraph();
    stairs->setObjectName(QStringLiteral("staircase"));
    const Analysis& a = snapshot.current;
    stairs->setName(a.params.size() > 1
                        ? tr("R′ of %1 (of %2)")
                              .arg(groupLabel(a.layout.granularity, 0),
                                   groupCountLabel(a.layout.granularity, a.params.size()))
                        : tr("R′ (the staircase)"));
    stairs->setLineStyle(QCPGraph::lsStepLeft);
    stairs->setPen(QPen(theme::values(), 1.5));
    stairs->setData(QVector<double>(curve.x.begin(), curve.x.end()),
                    QVector<double>(curve.y.begin(), curve.y.end()), true);

    // The plateaus: beyond the clip thresholds R′ stays at R′(Qmin) or R′(Qmax).
    const RealInterval thresholds = clipThresholds(p, snapshot.spec.rounding);
    QCPGraph* plateaus = chart->addGraph();
    plateaus->setObjectName(QStringLiteral("clip-plateaus"));
    plateaus->setName(tr("clip plateaus (截断)"));
    plateaus->setPen(QPen(theme::clipped(), 3));
    QVector<double> keys;
    QVector<double> levels;
    if (extent.lo < thresholds.lo) {
        keys << extent.lo << thresholds.lo << thresholds.lo;
        levels << p.representableMin() << p.representableMin() << std::nan("");
    }
    if (extent.hi > thresholds.hi) {
        keys << thresholds.hi << extent.hi;
        levels << p.representableMax() << p.representableMax();
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
        ->setVisible(p.zeroPoint >= p.qmin && p.zeroPoint <= p.qmax);

    chart->legend->setVisible(true);
    chart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    chart->xAxis->setRange(extent.lo, extent.hi);
    chart->yAxis->setRange(extent.lo, extent.hi);
}

} // namespace qs::ui
