#include "plots/histogram_overlays.h"

#include "analysis/range_usage.h"
#include "granularity_text.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

void removeItems(QCustomPlot* plot, const QString& prefix)
{
    for (int i = plot->itemCount() - 1; i >= 0; --i) {
        QCPAbstractItem* item = plot->item(i);
        if (item->objectName().startsWith(prefix)) {
            plot->removeItem(item);
        }
    }
}

} // namespace

HistogramExtent histogramExtent(const AnalysisSnapshot& snapshot)
{
    const TensorStats& s = snapshot.data->stats;
    double lo = s.min;
    double hi = s.max;
    if (snapshot.current.params.size() == 1) { // one grid: show all of it too
        const QuantParams& p = snapshot.current.params.front();
        const double half = 0.5 * p.elementScale();
        lo = std::min(lo, double(p.representableMin()) - half);
        hi = std::max(hi, double(p.representableMax()) + half);
    }
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double margin = 0.03 * (hi - lo);
    return {lo - margin, hi + margin};
}

void HistogramOverlays::draw(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             QCPGraph* outlierMarkers)
{
    removeItems(plot, QString());
    if (snapshot.current.params.size() > 1) {
        drawGroupsNote(plot, snapshot);
    } else {
        drawUnused(plot, snapshot);
        drawClipping(plot, snapshot);
        drawGridEnds(plot, snapshot);
    }
    drawOutliers(plot, snapshot, outlierMarkers);
}

// Every group has its own grid: no single clip line or code range belongs on the whole
// tensor's histogram, so it names the groups and the total clipped instead.
void HistogramOverlays::drawGroupsNote(QCustomPlot* plot, const AnalysisSnapshot& snapshot)
{
    const Analysis& a = snapshot.current;
    const quint64 clipped = a.metrics.clippedBelow + a.metrics.clippedAbove;
    QString text = tr("%1, each with its own grid: the Channels view shows every range")
                       .arg(groupCountLabel(a.layout.granularity, a.params.size()));
    if (clipped > 0) {
        text += tr("\nclipped: %1 (%2)")
                    .arg(formatCount(clipped), formatPercent(a.metrics.clippedFraction));
    }
    const HistogramExtent extent = histogramExtent(snapshot);
    addLabel(plot, plot->axisRect(), (extent.lo + extent.hi) / 2, 0.0, text,
             clipped > 0 ? theme::clipped() : theme::representable(),
             Qt::AlignHCenter | Qt::AlignTop, "groups-note");
}

// The codes no value in [min R, max R] reaches. A label fits inside a wide region; beside a
// narrow one it starts at the inner edge and runs over the plot.
void HistogramOverlays::drawUnused(QCustomPlot* plot, const AnalysisSnapshot& snapshot)
{
    const QuantParams& p = snapshot.current.params.front();
    const TensorStats& stats = snapshot.data->stats;
    const RangeUsage usage = rangeUsage(p, snapshot.spec.rounding, stats.min, stats.max);
    const HistogramExtent extent = histogramExtent(snapshot);
    const QString share = formatPercent(snapshot.current.metrics.unusedRangeFraction);
    auto region = [&](const RealInterval& r, std::int64_t codes, bool innerEdgeIsHi,
                      const QString& name) {
        if (r.empty()) {
            return;
        }
        const bool wide = r.hi - r.lo > 0.2 * (extent.hi - extent.lo);
        addSpan(plot, plot->axisRect(), r.lo, r.hi, theme::unusedBrush(), name);
        const double x = wide ? (r.lo + r.hi) / 2 : (innerEdgeIsHi ? r.hi : r.lo);
        const Qt::Alignment align =
            wide ? Qt::AlignCenter
                 : (innerEdgeIsHi ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
        addLabel(plot, plot->axisRect(), x, 0.5, tr("unused: %1 codes (%2)").arg(codes).arg(share),
                 theme::unused(), align, name + "-label");
    };
    region(usage.unusedBelow, std::int64_t{usage.lowestCode} - p.qmin, true, "unused-below");
    region(usage.unusedAbove, std::int64_t{p.qmax} - usage.highestCode, false, "unused-above");
}

// Where clipping starts, and the values beyond it with their count. Labels are anchored at the
// data's ends so they stay inside the plot however narrow the region.
void HistogramOverlays::drawClipping(QCustomPlot* plot, const AnalysisSnapshot& snapshot)
{
    const QuantParams& p = snapshot.current.params.front();
    const TensorStats& stats = snapshot.data->stats;
    const Metrics& m = snapshot.current.metrics;
    QCPAxisRect* rect = plot->axisRect();
    const RealInterval thresholds = clipThresholds(p, snapshot.spec.rounding);
    const QPen thresholdPen(theme::clipped(), 1.2, Qt::DashLine);
    addVerticalLine(plot, rect, thresholds.lo, thresholdPen, "clip-threshold-below");
    addVerticalLine(plot, rect, thresholds.hi, thresholdPen, "clip-threshold-above");
    if (m.clippedBelow > 0) {
        addSpan(plot, rect, stats.min, thresholds.lo, theme::clippedBrush(), "clipped-below");
        addLabel(plot, rect, stats.min, 0.08, tr("clipped: %1").arg(formatCount(m.clippedBelow)),
                 theme::clipped(), Qt::AlignLeft | Qt::AlignTop, "clipped-below-label");
    }
    if (m.clippedAbove > 0) {
        addSpan(plot, rect, thresholds.hi, stats.max, theme::clippedBrush(), "clipped-above");
        addLabel(plot, rect, stats.max, 0.08, tr("clipped: %1").arg(formatCount(m.clippedAbove)),
                 theme::clipped(), Qt::AlignRight | Qt::AlignTop, "clipped-above-label");
    }
}

// The grid's ends and its zero.
void HistogramOverlays::drawGridEnds(QCustomPlot* plot, const AnalysisSnapshot& snapshot)
{
    const QuantParams& p = snapshot.current.params.front();
    QCPAxisRect* rect = plot->axisRect();
    addVerticalLine(plot, rect, p.representableMin(), theme::representablePen(),
                    "representable-min");
    addVerticalLine(plot, rect, p.representableMax(), theme::representablePen(),
                    "representable-max");
    addLabel(plot, rect, p.representableMin(), 0.0, QStringLiteral("R′(%1)").arg(p.qmin),
             theme::representable(), Qt::AlignLeft | Qt::AlignTop, "representable-min-label");
    addLabel(plot, rect, p.representableMax(), 0.0, QStringLiteral("R′(%1)").arg(p.qmax),
             theme::representable(), Qt::AlignRight | Qt::AlignTop, "representable-max-label");
    if (p.zeroPoint >= p.qmin && p.zeroPoint <= p.qmax) {
        addVerticalLine(plot, rect, 0.0, theme::zeroPointPen(), "zero-point");
        const QString text =
            snapshot.spec.scheme == Scheme::General ? tr("code 0") : tr("Z = %1").arg(p.zeroPoint);
        addLabel(plot, rect, 0.0, 0.0, text, theme::zeroPoint(), Qt::AlignHCenter | Qt::AlignTop,
                 "zero-point-label");
    }
}

// Outliers: the band mean ± k·σ, and a marker over every bin beyond it.
void HistogramOverlays::drawOutliers(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                                     QCPGraph* markers)
{
    const TensorStats& stats = snapshot.data->stats;
    const double bandLo = stats.mean - snapshot.outlierSigmas * stats.std;
    const double bandHi = stats.mean + snapshot.outlierSigmas * stats.std;
    QVector<double> keys;
    QVector<double> heights;
    const Histogram& h = snapshot.current.histograms.values;
    // A handful of outliers next to a tall histogram would sit on the axis: lift each marker to
    // at least a few percent of the tallest bar so it can be seen.
    const auto tallest = static_cast<double>(*std::max_element(h.counts.begin(), h.counts.end()));
    for (std::size_t i = 0; i < h.bins(); ++i) {
        const double from = h.binLo(i);
        const double to = from + h.binWidth();
        if (h.counts[i] > 0 && (to <= bandLo || from >= bandHi)) {
            keys.push_back((from + to) / 2);
            heights.push_back(std::max(static_cast<double>(h.counts[i]), 0.04 * tallest));
        }
    }
    markers->setData(keys, heights, true);
    const quint64 outliers = snapshot.outliers.below + snapshot.outliers.above;
    if (outliers == 0) {
        return;
    }
    QCPAxisRect* rect = plot->axisRect();
    const QPen bandPen(theme::outlier(), 1.2, Qt::DotLine);
    if (bandLo > stats.min) {
        addVerticalLine(plot, rect, bandLo, bandPen, "outlier-band-below");
    }
    if (bandHi < stats.max) {
        addVerticalLine(plot, rect, bandHi, bandPen, "outlier-band-above");
    }
    const bool above = snapshot.outliers.above >= snapshot.outliers.below;
    addLabel(plot, rect, above ? bandHi : bandLo, 0.25,
             tr("%1 beyond %2σ").arg(formatCount(outliers)).arg(snapshot.outlierSigmas),
             theme::outlier(), (above ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop,
             "outlier-label");
}

void HistogramOverlays::drawCodeGrid(QCustomPlot* plot, const AnalysisSnapshot& snapshot, double lo,
                                     double hi, int maxLines)
{
    removeItems(plot, QStringLiteral("code-grid"));
    if (snapshot.current.params.size() > 1) {
        return; // no single grid
    }
    const QuantParams& p = snapshot.current.params.front();
    const double scale = p.elementScale();
    const double first = std::ceil(lo / scale + p.zeroPoint);
    const double last = std::floor(hi / scale + p.zeroPoint);
    if (!(last - first < maxLines)) {
        return;
    }
    for (double code = std::max(first, double(p.qmin)); code <= std::min(last, double(p.qmax));
         ++code) {
        // Above the bars, unlike the other overlays: a code's line must show where the data is.
        addVerticalLine(plot, plot->axisRect(), p.dequantize(static_cast<std::int32_t>(code)),
                        theme::codeGridPen(), "code-grid")
            ->setLayer(QStringLiteral("main"));
    }
}

} // namespace qs::ui
