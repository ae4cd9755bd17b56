#include "plots/code_usage_plot.h"

#include "analysis/range_usage.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "plots/snapshot_plot.h"
#include "theme.h"

#include <qcustomplot.h>

namespace qs::ui {
namespace {

constexpr std::int64_t kMarkUnusedUpTo = 4096; // beyond this many codes single marks are noise

} // namespace

CodeUsagePlot::CodeUsagePlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("codes"), Redraw::FromScratch, parent)
{
    QCustomPlot* const chart = plot();
    texts()->bind([chart] { chart->xAxis->setLabel(tr("code Q")); });
    texts()->bind([chart] { chart->yAxis->setLabel(tr("count")); });
    chart->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    chart->axisRect()->setRangeDrag(Qt::Horizontal);
    chart->axisRect()->setRangeZoom(Qt::Horizontal);
}

void CodeUsagePlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* /*previous*/)
{
    QCustomPlot* const chart = plot();
    const QuantParams& p = snapshot.current.params.front();
    const Histogram& codes = snapshot.current.histograms.codes;
    const TensorStats& stats = snapshot.data->stats;

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
    QCPGraph* bars = chart->addGraph();
    bars->setName(tr("count per code"));
    bars->setLineStyle(QCPGraph::lsStepLeft);
    bars->setPen(theme::barPen(theme::values()));
    bars->setBrush(theme::barBrush(theme::values()));
    bars->setData(keys, counts, true);
    bars->removeFromLegend(); // the bars explain themselves; the legend is for the marks

    QCPGraph* unused = chart->addGraph();
    unused->setObjectName(QStringLiteral("unused-codes"));
    unused->setName(tr("unused code"));
    unused->setLineStyle(QCPGraph::lsNone);
    unused->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, theme::unused(), 5));
    unused->setData(unusedKeys, QVector<double>(unusedKeys.size(), 0.0), true);

    if (p.zeroPoint >= p.qmin && p.zeroPoint <= p.qmax) {
        QCPGraph* zero = chart->addGraph();
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

    const RangeUsage usage = rangeUsage(p, snapshot.spec.rounding, stats.min, stats.max);
    if (usage.lowestCode > p.qmin) {
        addSpan(chart, chart->axisRect(), p.qmin - 0.5, usage.lowestCode - 0.5,
                theme::unusedBrush(), "unreachable-below");
    }
    if (usage.highestCode < p.qmax) {
        addSpan(chart, chart->axisRect(), usage.highestCode + 0.5, p.qmax + 0.5,
                theme::unusedBrush(), "unreachable-above");
    }
    addLegendEntry(chart, tr("out of the values' reach"), Qt::NoPen, theme::unusedBrush());
    chart->xAxis->setLabel(tr("code Q: %1 of %2 used")
                               .arg(formatCount(snapshot.current.metrics.codesUsed))
                               .arg(formatCount(snapshot.current.metrics.codesTotal)));
    chart->legend->setVisible(true);
    chart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    const double margin = std::max(1.0, 0.02 * static_cast<double>(p.range().codeCount()));
    chart->xAxis->setRange(p.qmin - 0.5 - margin, p.qmax + 0.5 + margin);
    chart->yAxis->setRange(0, top * 1.15);
}

} // namespace qs::ui
