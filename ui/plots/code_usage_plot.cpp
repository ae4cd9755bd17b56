#include "plots/code_usage_plot.h"

#include "analysis/range_usage.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {
namespace {

constexpr std::int64_t kMarkUnusedUpTo = 4096; // beyond this many codes single marks are noise

} // namespace

CodeUsagePlot::CodeUsagePlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("codes"));
    setUpPlot(m_plot);
    m_texts->bind([this] { m_plot->xAxis->setLabel(tr("code Q")); });
    m_texts->bind([this] { m_plot->yAxis->setLabel(tr("count")); });
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_texts->onChange([this] {
        setSnapshot(SnapshotPtr(m_shown));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void CodeUsagePlot::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    m_plot->clearGraphs();
    m_plot->clearItems();
    if (!snapshot) {
        return;
    }
    const QuantParams& p = snapshot->current.params.front();
    const Histogram& codes = snapshot->current.histograms.codes;
    const TensorStats& stats = snapshot->data->stats;

    // One step per code, centred on it.
    QVector<double> keys;
    QVector<double> counts;
    QVector<double> unusedKeys;
    double top = 1;
    for (std::size_t i = 0; i <= codes.bins(); ++i) {
        const double code = p.qmin + static_cast<double>(i);
        keys.push_back(code - 0.5);
        const auto count = static_cast<double>(codes.counts[std::min(i, codes.bins() - 1)]);
        counts.push_back(count);
        top = std::max(top, count);
        if (i < codes.bins() && count == 0 && p.range().codeCount() <= kMarkUnusedUpTo) {
            unusedKeys.push_back(code);
        }
    }
    QCPGraph* bars = m_plot->addGraph();
    bars->setName(tr("count per code"));
    bars->setLineStyle(QCPGraph::lsStepLeft);
    bars->setPen(QPen(theme::values().darker(120)));
    QColor fill = theme::values();
    fill.setAlpha(150);
    bars->setBrush(fill);
    bars->setData(keys, counts, true);
    bars->removeFromLegend(); // the bars explain themselves; the legend is for the marks

    QCPGraph* unused = m_plot->addGraph();
    unused->setObjectName(QStringLiteral("unused-codes"));
    unused->setName(tr("unused code"));
    unused->setLineStyle(QCPGraph::lsNone);
    unused->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, theme::unused(), 5));
    unused->setData(unusedKeys, QVector<double>(unusedKeys.size(), 0.0), true);

    if (p.zeroPoint >= p.qmin && p.zeroPoint <= p.qmax) {
        QCPGraph* zero = m_plot->addGraph();
        zero->setObjectName(QStringLiteral("zero-code"));
        zero->setName(tr("zero point's code"));
        zero->setLineStyle(QCPGraph::lsStepLeft);
        zero->setPen(theme::zeroPointPen());
        QColor zeroFill = theme::zeroPoint();
        zeroFill.setAlpha(120);
        zero->setBrush(zeroFill);
        const auto count =
            static_cast<double>(codes.counts[static_cast<std::size_t>(p.zeroPoint - p.qmin)]);
        zero->setData(QVector<double>{p.zeroPoint - 0.5, p.zeroPoint + 0.5},
                      QVector<double>{count, count}, true);
    }

    const RangeUsage usage = rangeUsage(p, snapshot->spec.rounding, stats.min, stats.max);
    if (usage.lowestCode > p.qmin) {
        addSpan(m_plot, m_plot->axisRect(), p.qmin - 0.5, usage.lowestCode - 0.5,
                theme::unusedBrush(), "unreachable-below");
    }
    if (usage.highestCode < p.qmax) {
        addSpan(m_plot, m_plot->axisRect(), usage.highestCode + 0.5, p.qmax + 0.5,
                theme::unusedBrush(), "unreachable-above");
    }
    addLegendEntry(m_plot, tr("out of the values' reach"), Qt::NoPen, theme::unusedBrush());
    m_plot->xAxis->setLabel(tr("code Q: %1 of %2 used")
                                .arg(formatCount(snapshot->current.metrics.codesUsed))
                                .arg(formatCount(snapshot->current.metrics.codesTotal)));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    const double margin = std::max(1.0, 0.02 * static_cast<double>(p.range().codeCount()));
    m_plot->xAxis->setRange(p.qmin - 0.5 - margin, p.qmax + 0.5 + margin);
    m_plot->yAxis->setRange(0, top * 1.15);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
