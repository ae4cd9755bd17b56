#include "plots/error_plot.h"

#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "plots/snapshot_plot.h"
#include "theme.h"

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
    graph->setPen(theme::barPen(colour));
    graph->setBrush(theme::barBrush(colour));
    return graph;
}

} // namespace

ErrorPlot::ErrorPlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("error"), Redraw::FromScratch, parent)
{
    QCustomPlot* const chart = plot();
    texts()->bind([chart] { chart->xAxis->setLabel(tr("rounding error R′ − R")); });
    texts()->bind([chart] { chart->yAxis->setLabel(tr("count")); });
    // Stacked, not side by side: each error axis gets the full width for its many-digit ticks.
    m_clippingRect = new QCPAxisRect(chart);
    chart->plotLayout()->addElement(1, 0, m_clippingRect);
    // Few ticks: the error values have many digits.
    for (QCPAxis* axis : {chart->xAxis, m_clippingRect->axis(QCPAxis::atBottom)}) {
        axis->ticker()->setTickCount(4);
    }
    chart->plotLayout()->setRowStretchFactor(0, 3);
    chart->plotLayout()->setRowStretchFactor(1, 2);
}

void ErrorPlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* /*previous*/)
{
    QCustomPlot* const chart = plot();
    const PassHistograms& h = snapshot.current.histograms;
    const Metrics& m = snapshot.current.metrics;
    showHistogram(
        addBars(chart, chart->axisRect(), QStringLiteral("rounding-error"), theme::roundingError()),
        h.roundingError);
    const quint64 clipped = m.clippedBelow + m.clippedAbove;
    if (clipped > 0) {
        showHistogram(
            addBars(chart, m_clippingRect, QStringLiteral("clipping-error"), theme::clipped()),
            h.clippingError);
    }
    QCPAxis* clippingAxis = m_clippingRect->axis(QCPAxis::atBottom);
    if (clipped == 0) {
        clippingAxis->setRange(-1, 1);
        m_clippingRect->axis(QCPAxis::atLeft)->setRange(0, 1);
    }
    // A minifloat saturates where the integer grid clips.
    const bool saturates = !snapshot.current.params.empty() &&
                           snapshot.current.params.front().element.kind == ElementKind::Minifloat;
    if (saturates) {
        clippingAxis->setLabel(
            clipped > 0 ? tr("saturation error R′ − R (%1 values)").arg(formatCount(clipped))
                        : tr("saturation error: nothing saturated"));
    } else {
        clippingAxis->setLabel(
            clipped > 0 ? tr("clipping error R′ − R (%1 values)").arg(formatCount(clipped))
                        : tr("clipping error: nothing clipped"));
    }
    clippingAxis->setLabelColor(theme::clipped());
    const bool integer = snapshot.current.spec.isIntegerGrid();
    if (snapshot.current.params.size() > 1) {
        chart->xAxis->setLabel(integer ? tr("rounding error R′ − R (|e| ≤ Scale/2 of each group)")
                                       : tr("rounding error R′ − R, per block"));
    } else if (!snapshot.current.params.empty()) {
        // Half the widest step: |Scale|/2 for the integer grid, half a minifloat's top binade,
        // half a codebook's widest gap.
        const double step = snapshot.current.params.front().largestStep();
        chart->xAxis->setLabel(
            tr("rounding error R′ − R (|e| ≤ %1)").arg(formatValue(step / 2, 3)));
    }
}

} // namespace qs::ui
