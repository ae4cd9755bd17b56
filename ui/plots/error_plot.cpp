#include "plots/error_plot.h"

#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {
namespace {

void showHistogram(QCPGraph* graph, const Histogram& h)
{
    QVector<double> keys;
    QVector<double> counts;
    double top = 1;
    for (std::size_t i = 0; i <= h.bins(); ++i) {
        keys.push_back(h.binLo(i));
        const auto count = static_cast<double>(h.counts[std::min(i, h.bins() - 1)]);
        counts.push_back(count);
        top = std::max(top, count);
    }
    graph->setData(keys, counts, true);
    graph->keyAxis()->setRange(h.lo, h.hi);
    graph->valueAxis()->setRange(0, top * 1.15);
}

QCPGraph* addBars(QCustomPlot* plot, QCPAxisRect* rect, const QString& name, const QColor& colour)
{
    QCPGraph* graph = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setObjectName(name);
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(QPen(colour.darker(120)));
    QColor fill = colour;
    fill.setAlpha(150);
    graph->setBrush(fill);
    return graph;
}

} // namespace

ErrorPlot::ErrorPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("error"));
    setUpPlot(m_plot);
    m_texts->bind([this] { m_plot->xAxis->setLabel(tr("rounding error R′ − R")); });
    m_texts->bind([this] { m_plot->yAxis->setLabel(tr("count")); });
    // Stacked, not side by side: each error axis gets the full width for its many-digit ticks.
    m_clippingRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_clippingRect);
    // Few ticks: the error values have many digits.
    for (QCPAxis* axis : {m_plot->xAxis, m_clippingRect->axis(QCPAxis::atBottom)}) {
        axis->ticker()->setTickCount(4);
    }
    m_plot->plotLayout()->setRowStretchFactor(0, 3);
    m_plot->plotLayout()->setRowStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_texts->onChange([this] {
        setSnapshot(SnapshotPtr(m_shown));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void ErrorPlot::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    m_plot->clearGraphs();
    m_plot->clearItems();
    if (!snapshot) {
        return;
    }
    const PassHistograms& h = snapshot->current.histograms;
    const Metrics& m = snapshot->current.metrics;
    showHistogram(addBars(m_plot, m_plot->axisRect(), QStringLiteral("rounding-error"),
                          theme::roundingError()),
                  h.roundingError);
    const quint64 clipped = m.clippedBelow + m.clippedAbove;
    if (clipped > 0) {
        showHistogram(
            addBars(m_plot, m_clippingRect, QStringLiteral("clipping-error"), theme::clipped()),
            h.clippingError);
    }
    QCPAxis* clippingAxis = m_clippingRect->axis(QCPAxis::atBottom);
    if (clipped == 0) {
        clippingAxis->setRange(-1, 1);
        m_clippingRect->axis(QCPAxis::atLeft)->setRange(0, 1);
    }
    clippingAxis->setLabel(clipped > 0
                               ? tr("clipping error R′ − R (%1 values)").arg(formatCount(clipped))
                               : tr("clipping error: nothing clipped"));
    clippingAxis->setLabelColor(theme::clipped());
    if (snapshot->current.params.size() > 1) {
        m_plot->xAxis->setLabel(tr("rounding error R′ − R (|e| ≤ Scale/2 of each group)"));
    } else {
        const double scale = snapshot->current.params.front().elementScale();
        m_plot->xAxis->setLabel(
            tr("rounding error R′ − R (|e| ≤ %1)").arg(formatValue(scale / 2, 3)));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
