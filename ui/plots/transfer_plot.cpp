#include "plots/transfer_plot.h"

#include "analysis/range_usage.h"
#include "analysis/transfer_curve.h"
#include "granularity_text.h"
#include "i18n/retranslator.h"
#include "plots/histogram_overlays.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {

TransferPlot::TransferPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("transfer"));
    setUpPlot(m_plot);
    m_texts->bind([this] { m_plot->xAxis->setLabel(tr("R")); });
    m_texts->bind([this] { m_plot->yAxis->setLabel(tr("R′ = dequantize(quantize(R))")); });
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_texts->onChange([this] {
        setSnapshot(SnapshotPtr(m_shown));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void TransferPlot::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    m_plot->clearGraphs();
    m_plot->clearItems();
    if (!snapshot) {
        return;
    }
    const QuantParams& p = snapshot->current.params.front();
    const HistogramExtent extent = histogramExtent(*snapshot);
    const TensorStats& stats = snapshot->data->stats;

    QCPGraph* identity = m_plot->addGraph();
    identity->setName(tr("R′ = R"));
    identity->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    identity->setData(QVector<double>{extent.lo, extent.hi}, QVector<double>{extent.lo, extent.hi});

    const TransferCurve curve = transferCurve(p, snapshot->spec.rounding, extent.lo, extent.hi);
    QCPGraph* stairs = m_plot->addGraph();
    stairs->setObjectName(QStringLiteral("staircase"));
    const Analysis& a = snapshot->current;
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
    const RealInterval thresholds = clipThresholds(p, snapshot->spec.rounding);
    QCPGraph* plateaus = m_plot->addGraph();
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
    if (oneGrid && snapshot->current.metrics.clippedBelow > 0) {
        addSpan(m_plot, m_plot->axisRect(), stats.min, thresholds.lo, theme::clippedBrush(),
                "clipped-below");
    }
    if (oneGrid && snapshot->current.metrics.clippedAbove > 0) {
        addSpan(m_plot, m_plot->axisRect(), thresholds.hi, stats.max, theme::clippedBrush(),
                "clipped-above");
    }
    addVerticalLine(m_plot, m_plot->axisRect(), 0.0, theme::zeroPointPen(), "zero-point")
        ->setVisible(p.zeroPoint >= p.qmin && p.zeroPoint <= p.qmax);

    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->xAxis->setRange(extent.lo, extent.hi);
    m_plot->yAxis->setRange(extent.lo, extent.hi);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
