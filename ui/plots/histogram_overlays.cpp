#include "plots/histogram_overlays.h"

#include "analysis/range_usage.h"
#include "analysis/underflow_range.h"
#include "grid_text.h"
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

// The grid's values in [lo, hi].
std::int64_t levelsWithin(const GridGeometry& grid, const RealInterval& r)
{
    return std::count_if(grid.levels.begin(), grid.levels.end(), [&](const GridLevel& level) {
        return level.value >= r.lo && level.value <= r.hi;
    });
}

// The word for what happens past the grid's ends: the integer grid and a codebook clip, a
// saturating minifloat saturates, one without saturation overflows to NaN or ±Inf.
QString beyondTheGrid(const ElementType& element, quint64 count)
{
    if (element.kind == ElementKind::Minifloat) {
        return element.overflow == Overflow::Saturate
                   ? HistogramOverlays::tr("saturated: %1").arg(formatCount(count))
                   : HistogramOverlays::tr("overflow to NaN/Inf: %1").arg(formatCount(count));
    }
    return HistogramOverlays::tr("clipped: %1").arg(formatCount(count));
}

} // namespace

HistogramExtent histogramExtent(const AnalysisSnapshot& snapshot)
{
    const TensorStats& s = snapshot.data->stats;
    double lo = s.min;
    double hi = s.max;
    if (snapshot.current.params.size() == 1) { // one grid: show all of it too
        const QuantParams& p = snapshot.current.params.front();
        const GridGeometry grid = gridGeometry(p, 0); // the ends only
        const double half = 0.5 * p.largestStep();
        if (std::isfinite(grid.lo) && std::isfinite(grid.hi) && std::isfinite(half)) {
            lo = std::min(lo, grid.lo - half);
            hi = std::max(hi, grid.hi + half);
        }
    }
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double margin = 0.03 * (hi - lo);
    return {lo - margin, hi + margin};
}

void HistogramOverlays::draw(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                             const PickedGrid& picked, QCPGraph* outlierMarkers)
{
    removeItems(plot, QString());
    if (!picked.onlyGrid) {
        drawGroupsNote(plot, snapshot);
    } else if (!picked.grid.levels.empty()) {
        drawUnused(plot, snapshot, picked);
        drawClipping(plot, snapshot, picked);
        drawUnderflow(plot, snapshot, picked);
        drawGridEnds(plot, snapshot, picked);
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
                       .arg(blockCountLabel(a, a.params.size()));
    if (clipped > 0) {
        const bool saturates = a.params.front().element.kind == ElementKind::Minifloat;
        text += (saturates ? tr("\nsaturated: %1 (%2)") : tr("\nclipped: %1 (%2)"))
                    .arg(formatCount(clipped), formatPercent(a.metrics.clippedFraction));
    }
    const HistogramExtent extent = histogramExtent(snapshot);
    addLabel(plot, plot->axisRect(), (extent.lo + extent.hi) / 2, 0.0, text,
             clipped > 0 ? theme::clipped() : theme::representable(),
             Qt::AlignHCenter | Qt::AlignTop, "groups-note");
}

// The codes no value in [min R, max R] reaches. A label fits inside a wide region; beside a
// narrow one it starts at the inner edge and runs over the plot.
void HistogramOverlays::drawUnused(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                                   const PickedGrid& picked)
{
    const TensorStats& stats = snapshot.data->stats;
    const RangeUsage usage =
        rangeUsage(picked.params, snapshot.current.spec.rounding, stats.min, stats.max);
    const HistogramExtent extent = histogramExtent(snapshot);
    const QString share = formatPercent(snapshot.current.metrics.unusedRangeFraction);
    // A negative Scale (llama.cpp's Q4_0) turns the grid around: the real interval still says
    // which side each region is on.
    RealInterval below = usage.unusedBelow;
    RealInterval above = usage.unusedAbove;
    if (!below.empty() && !above.empty() && below.lo > above.lo) {
        std::swap(below, above);
    }
    auto region = [&](const RealInterval& r, bool innerEdgeIsHi, const QString& name) {
        if (r.empty()) {
            return;
        }
        const bool wide = r.hi - r.lo > 0.2 * (extent.hi - extent.lo);
        addSpan(plot, plot->axisRect(), r.lo, r.hi, theme::unusedBrush(), name);
        const double x = wide ? (r.lo + r.hi) / 2 : (innerEdgeIsHi ? r.hi : r.lo);
        const Qt::Alignment align =
            wide ? Qt::AlignCenter
                 : (innerEdgeIsHi ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
        const std::int64_t codes = levelsWithin(picked.grid, r);
        // English has no translation catalogue to pick a plural form from, so say it here.
        const QString text = codes == 1 ? tr("unused: 1 code (%1)").arg(share)
                                        : tr("unused: %1 codes (%2)").arg(codes).arg(share);
        addLabel(plot, plot->axisRect(), x, 0.5, text, theme::unused(), align, name + "-label");
    };
    region(below, true, "unused-below");
    region(above, false, "unused-above");
}

// Where clipping (a minifloat's saturation) starts, and the values beyond it with their count.
// Labels are anchored at the data's ends so they stay inside the plot however narrow the region.
void HistogramOverlays::drawClipping(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                                     const PickedGrid& picked)
{
    const TensorStats& stats = snapshot.data->stats;
    const Metrics& m = snapshot.current.metrics;
    QCPAxisRect* rect = plot->axisRect();
    RealInterval thresholds = clipThresholds(picked.params, snapshot.current.spec.rounding);
    quint64 low = m.clippedBelow;
    quint64 high = m.clippedAbove;
    if (thresholds.lo > thresholds.hi) { // a negative Scale: codes below Qmin lie at the top
        std::swap(thresholds.lo, thresholds.hi);
        std::swap(low, high);
    }
    const QPen thresholdPen(theme::clipped(), 1.2, Qt::DashLine);
    addVerticalLine(plot, rect, thresholds.lo, thresholdPen, "clip-threshold-below");
    addVerticalLine(plot, rect, thresholds.hi, thresholdPen, "clip-threshold-above");
    const ElementType& element = picked.params.element;
    if (low > 0) {
        addSpan(plot, rect, stats.min, thresholds.lo, theme::clippedBrush(), "clipped-below");
        addLabel(plot, rect, stats.min, 0.08, beyondTheGrid(element, low), theme::clipped(),
                 Qt::AlignLeft | Qt::AlignTop, "clipped-below-label");
    }
    if (high > 0) {
        addSpan(plot, rect, thresholds.hi, stats.max, theme::clippedBrush(), "clipped-above");
        addLabel(plot, rect, stats.max, 0.08, beyondTheGrid(element, high), theme::clipped(),
                 Qt::AlignRight | Qt::AlignTop, "clipped-above-label");
    }
}

// The inputs whose R′ is 0: a floating-point grid's underflow, an integer grid's zero code.
void HistogramOverlays::drawUnderflow(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                                      const PickedGrid& picked)
{
    const RealInterval band = underflowRange(picked.params, snapshot.current.spec.rounding);
    if (band.hi > band.lo) {
        addSpan(plot, plot->axisRect(), band.lo, band.hi, theme::underflowBrush(), "underflow");
    }
}

// The grid's ends and its zero.
void HistogramOverlays::drawGridEnds(QCustomPlot* plot, const AnalysisSnapshot& snapshot,
                                     const PickedGrid& picked)
{
    const GridGeometry& grid = picked.grid;
    const QuantParams& p = picked.params;
    QCPAxisRect* rect = plot->axisRect();
    addVerticalLine(plot, rect, grid.lo, theme::representablePen(), "representable-min");
    addVerticalLine(plot, rect, grid.hi, theme::representablePen(), "representable-max");
    // Labelled with the codes at each end, whichever way round the grid runs.
    addLabel(plot, rect, grid.lo, 0.0,
             QStringLiteral("R′(%1)").arg(codeText(p, grid.levels.front().code)),
             theme::representable(), Qt::AlignLeft | Qt::AlignTop, "representable-min-label");
    addLabel(plot, rect, grid.hi, 0.0,
             QStringLiteral("R′(%1)").arg(codeText(p, grid.levels.back().code)),
             theme::representable(), Qt::AlignRight | Qt::AlignTop, "representable-max-label");
    if (grid.zeroLevel) {
        addVerticalLine(plot, rect, 0.0, theme::zeroPointPen(), "zero-point");
        const std::int32_t code = grid.levels[*grid.zeroLevel].code;
        QString text;
        if (p.element.kind != ElementKind::Integer || p.scaleCode >= 0) {
            text = tr("0 = code %1").arg(codeText(p, code));
        } else {
            text = snapshot.current.spec.scheme == Scheme::General ? tr("code 0")
                                                                   : tr("Z = %1").arg(p.zeroPoint);
        }
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

} // namespace qs::ui
