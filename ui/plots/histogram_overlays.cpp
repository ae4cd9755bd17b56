#include "plots/histogram_overlays.h"

#include "analysis/range_usage.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QCoreApplication>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("HistogramPlot", text);
}

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
    const QuantParams& p = snapshot.current.params.front();
    const TensorStats& s = snapshot.data->stats;
    const double half = 0.5 * p.elementScale();
    double lo = std::min(s.min, double(p.representableMin()) - half);
    double hi = std::max(s.max, double(p.representableMax()) + half);
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double margin = 0.03 * (hi - lo);
    return {lo - margin, hi + margin};
}

void drawHistogramOverlays(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                           QCPGraph* outlierMarkers)
{
    removeItems(plot, QString());
    QCPAxisRect* rect = plot->axisRect();
    const QuantParams& p = snapshot.current.params.front();
    const Rounding rounding = snapshot.spec.rounding;
    const TensorStats& stats = snapshot.data->stats;
    const Metrics& m = snapshot.current.metrics;

    // The unused part of the grid: codes no value in [min R, max R] reaches. A label fits inside
    // a wide region; beside a narrow one it starts at the inner edge and runs over the plot.
    const RangeUsage usage = rangeUsage(p, rounding, stats.min, stats.max);
    const HistogramExtent extent = histogramExtent(snapshot);
    const double wideRegion = 0.2 * (extent.hi - extent.lo);
    const QString unusedText = tr("unused: %1 codes (%2)");
    if (!usage.unusedBelow.empty()) {
        const RealInterval& r = usage.unusedBelow;
        const bool wide = r.hi - r.lo > wideRegion;
        addSpan(plot, rect, r.lo, r.hi, theme::unusedBrush(), "unused-below");
        addLabel(
            plot, rect, wide ? (r.lo + r.hi) / 2 : r.hi, 0.5,
            unusedText.arg(usage.lowestCode - p.qmin).arg(formatPercent(m.unusedRangeFraction)),
            theme::unused(), wide ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter,
            "unused-below-label");
    }
    if (!usage.unusedAbove.empty()) {
        const RealInterval& r = usage.unusedAbove;
        const bool wide = r.hi - r.lo > wideRegion;
        addSpan(plot, rect, r.lo, r.hi, theme::unusedBrush(), "unused-above");
        addLabel(
            plot, rect, wide ? (r.lo + r.hi) / 2 : r.lo, 0.5,
            unusedText.arg(p.qmax - usage.highestCode).arg(formatPercent(m.unusedRangeFraction)),
            theme::unused(), wide ? Qt::AlignCenter : Qt::AlignRight | Qt::AlignVCenter,
            "unused-above-label");
    }

    // Where clipping starts, and the values beyond it.
    const RealInterval thresholds = clipThresholds(p, rounding);
    QPen thresholdPen(theme::clipped(), 1.2, Qt::DashLine);
    addVerticalLine(plot, rect, thresholds.lo, thresholdPen, "clip-threshold-below");
    addVerticalLine(plot, rect, thresholds.hi, thresholdPen, "clip-threshold-above");
    if (m.clippedBelow > 0) {
        addSpan(plot, rect, stats.min, thresholds.lo, theme::clippedBrush(), "clipped-below");
        // Anchored at the data's end so the label stays inside the plot however narrow the region.
        addLabel(plot, rect, stats.min, 0.08, tr("clipped: %1").arg(formatCount(m.clippedBelow)),
                 theme::clipped(), Qt::AlignLeft | Qt::AlignTop, "clipped-below-label");
    }
    if (m.clippedAbove > 0) {
        addSpan(plot, rect, thresholds.hi, stats.max, theme::clippedBrush(), "clipped-above");
        addLabel(plot, rect, stats.max, 0.08, tr("clipped: %1").arg(formatCount(m.clippedAbove)),
                 theme::clipped(), Qt::AlignRight | Qt::AlignTop, "clipped-above-label");
    }

    // The grid's ends and its zero.
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

    // Outliers: the band mean ± k·σ, and a marker over every bin beyond it.
    const double bandLo = stats.mean - snapshot.outlierSigmas * stats.std;
    const double bandHi = stats.mean + snapshot.outlierSigmas * stats.std;
    QVector<double> keys;
    QVector<double> counts;
    const Histogram& h = snapshot.current.histograms.values;
    // A handful of outliers next to a tall histogram would sit on the axis: lift each marker to
    // at least a few percent of the tallest bar so it can be seen.
    const auto tallest = static_cast<double>(*std::max_element(h.counts.begin(), h.counts.end()));
    for (std::size_t i = 0; i < h.bins(); ++i) {
        const double from = h.binLo(i);
        const double to = from + h.binWidth();
        if (h.counts[i] > 0 && (to <= bandLo || from >= bandHi)) {
            keys.push_back((from + to) / 2);
            counts.push_back(std::max(static_cast<double>(h.counts[i]), 0.04 * tallest));
        }
    }
    outlierMarkers->setData(keys, counts, true);
    const quint64 outliers = snapshot.outliers.below + snapshot.outliers.above;
    if (outliers > 0) {
        QPen bandPen(theme::outlier(), 1.2, Qt::DotLine);
        if (bandLo > stats.min) {
            addVerticalLine(plot, rect, bandLo, bandPen, "outlier-band-below");
        }
        if (bandHi < stats.max) {
            addVerticalLine(plot, rect, bandHi, bandPen, "outlier-band-above");
        }
        const double at = snapshot.outliers.above >= snapshot.outliers.below ? bandHi : bandLo;
        addLabel(plot, rect, at, 0.25,
                 tr("%1 beyond %2σ").arg(formatCount(outliers)).arg(snapshot.outlierSigmas),
                 theme::outlier(), (at == bandHi ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop,
                 "outlier-label");
    }
}

void drawCodeGrid(QCustomPlot* plot, const AnalysisSnapshot& snapshot, double lo, double hi,
                  int maxLines)
{
    removeItems(plot, QStringLiteral("code-grid"));
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
