#include "plots/histogram_plot.h"

#include "elided_label.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/histogram_overlays.h"
#include "plots/label_placement.h"
#include "plots/plot_setup.h"
#include "plots/snapshot_plot.h"
#include "quant/element_quantizer.h"
#include "theme.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr double kRebinBelowShare = 0.9; // rebin once the view shows less than this of the data

} // namespace

HistogramPlot::HistogramPlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("histogram"), Redraw::InPlace, parent)
{
    texts()->bind([this] { plot()->xAxis->setLabel(tr("value R")); });
    texts()->bind([this] { plot()->yAxis->setLabel(tr("count")); });
    plot()->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot()->axisRect()->setRangeDrag(Qt::Horizontal);
    plot()->axisRect()->setRangeZoom(Qt::Horizontal);
    keepLabelsApart(plot(), plot()->axisRect());
    m_clipDrag = new ClipLineDrag(plot());
    connect(m_clipDrag, &ClipLineDrag::dragged, this, &HistogramPlot::clipLineDragged);

    m_bars = plot()->addGraph();
    texts()->bind([this] { m_bars->setName(tr("values")); });
    m_bars->setLineStyle(QCPGraph::lsStepLeft);
    m_bars->setPen(theme::barPen(theme::values()));
    m_bars->setBrush(theme::barBrush(theme::values()));

    m_outlierMarkers = plot()->addGraph();
    m_outlierMarkers->setObjectName(QStringLiteral("outlier-markers"));
    texts()->bind([this] { m_outlierMarkers->setName(tr("outliers (beyond k·σ)")); });
    m_outlierMarkers->setLineStyle(QCPGraph::lsNone);
    m_outlierMarkers->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted,
                                                      theme::outlier(), theme::outlier(), 11));

    m_clippedEntry = addLegendEntry(plot(), QString(), QPen(theme::clipped(), 1.2, Qt::DashLine),
                                    theme::clippedBrush());
    texts()->bind([this] { m_clippedEntry->setName(tr("clipped (截断)")); });
    m_unusedEntry = addLegendEntry(plot(), QString(), Qt::NoPen, theme::unusedBrush());
    texts()->bind([this] { m_unusedEntry->setName(tr("unused codes")); });
    m_rangeEntry = addLegendEntry(plot(), QString(), theme::representablePen(), Qt::NoBrush);
    texts()->bind([this] { m_rangeEntry->setName(tr("representable range")); });
    m_zeroEntry = addLegendEntry(plot(), QString(), theme::zeroPointPen(), Qt::NoBrush);
    texts()->bind([this] { m_zeroEntry->setName(tr("zero point (零点)")); });
    m_linesEntry = addLegendEntry(plot(), QString(), theme::codeGridPen(), Qt::NoBrush);
    texts()->bind([this] { m_linesEntry->setName(tr("one line per code")); });
    m_denseEntry = addLegendEntry(plot(), QString(), Qt::NoPen, theme::denseGridBrush());
    texts()->bind([this] { m_denseEntry->setName(tr("codes too dense for a line each")); });
    m_underflowEntry = addLegendEntry(plot(), QString(), Qt::NoPen, theme::underflowBrush());
    texts()->bind([this] { m_underflowEntry->setName(tr("underflows to 0")); });
    m_scaleEntry = addLegendEntry(plot(), QString(), Qt::NoPen, Qt::NoBrush);
    m_scaleEntry->setObjectName(QStringLiteral("grid-scale"));
    placeLegendBelow(plot());

    m_log = new QCheckBox(this);
    texts()->bind([this] { m_log->setText(tr("Log counts")); });
    m_sigmas = new QDoubleSpinBox(this);
    m_sigmas->setObjectName(QStringLiteral("outlierSigmas"));
    m_sigmas->setRange(1, 100);
    m_sigmas->setSingleStep(0.5);
    m_sigmas->setValue(6);
    m_sigmas->setSuffix(QStringLiteral(" σ"));
    texts()->bind([this] {
        m_sigmas->setToolTip(tr("Values farther than this from the mean are marked as outliers"));
    });
    auto* reset = new QPushButton(this);
    texts()->bind([reset] { reset->setText(tr("Reset zoom")); });
    m_hint = new ElidedLabel(QString(), this); // gives way to the controls in a narrow window
    texts()->bind([this] {
        m_hint->setText(tr("wheel to zoom, drag to pan, drag a grid end to clip by hand"));
    });
    m_hint->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_hint->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_log);
    bar->addSpacing(12);
    auto* sigmasLabel = new QLabel(this);
    texts()->bind([sigmasLabel] { sigmasLabel->setText(tr("Outliers beyond")); });
    bar->addWidget(sigmasLabel);
    bar->addWidget(m_sigmas);
    bar->addSpacing(12);
    bar->addWidget(m_hint, 1); // the room left, its text right-aligned
    bar->addWidget(reset);
    contentLayout()->insertLayout(0, bar);

    m_rebinTimer.setSingleShot(true);
    m_rebinTimer.setInterval(120);
    connect(&m_rebinTimer, &QTimer::timeout, this, &HistogramPlot::onRangeChanged);
    connect(plot()->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { m_rebinTimer.start(); });
    connect(plot(), &QCustomPlot::mouseMove, this, &HistogramPlot::onMouseMove);
    connect(plot(), &QCustomPlot::mouseDoubleClick, this, [this] { resetZoom(); });
    connect(plot(), &QCustomPlot::afterReplot, this, &HistogramPlot::replotted);
    connect(reset, &QPushButton::clicked, this, &HistogramPlot::resetZoom);
    connect(m_log, &QCheckBox::toggled, this, &HistogramPlot::setLogScale);
    connect(m_sigmas, &QDoubleSpinBox::valueChanged, this, &HistogramPlot::outlierSigmasChanged);
}

void HistogramPlot::setHintVisible(bool visible)
{
    m_hint->setVisible(visible);
}

double HistogramPlot::outlierSigmas() const
{
    return m_sigmas->value();
}

void HistogramPlot::setOutlierSigmas(double sigmas)
{
    m_sigmas->setValue(sigmas);
}

std::optional<std::pair<double, double>> HistogramPlot::zoomedRange() const
{
    if (!snapshot()) {
        return std::nullopt;
    }
    const HistogramExtent extent = histogramExtent(*snapshot());
    const QCPRange shown = plot()->xAxis->range();
    const double tolerance = 1e-9 * std::max(1e-300, extent.hi - extent.lo);
    if (std::abs(shown.lower - extent.lo) <= tolerance &&
        std::abs(shown.upper - extent.hi) <= tolerance) {
        return std::nullopt;
    }
    return std::pair(shown.lower, shown.upper);
}

bool HistogramPlot::logScale() const
{
    return plot()->yAxis->scaleType() == QCPAxis::stLogarithmic;
}

void HistogramPlot::setLogScale(bool on)
{
    if (on == logScale()) {
        return;
    }
    plot()->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    plot()->yAxis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    {
        const QSignalBlocker quiet(m_log); // the box follows; its toggle is what called us
        m_log->setChecked(on);
    }
    // The bars shown now (a zoomed view's too) on the new axis, at once.
    const bool zoomed = m_zoomed;
    showHistogram(m_shown);
    m_zoomed = zoomed;
    rescaleCounts();
    plot()->replot(QCustomPlot::rpQueuedReplot);
    emit logScaleChanged(on);
}

// A language change draws the same snapshot again: the labels drawn with the results (clipped
// counts, Z, unused codes) are redrawn and the zoom stays.
void HistogramPlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous)
{
    const bool sameTensor = previous != nullptr && previous->data == snapshot.data;
    const QCPRange view = plot()->xAxis->range();
    const bool zoomed = sameTensor && m_zoomed;
    m_grid = pickedGrid(snapshot.current, static_cast<std::size_t>(m_pickedGroup));
    HistogramOverlays::draw(plot(), snapshot, m_grid, m_outlierMarkers);
    m_clipDrag->setEnabled(m_grid.onlyGrid &&
                           clipLinesDraggable(snapshot.spec, snapshot.current.params.size()));
    // While a clip line is dragged the axis holds still: refitted to a grid that grows with
    // the drag, it would move the value under the mouse.
    if (zoomed || (sameTensor && m_clipDrag->isDragging())) {
        plot()->xAxis->setRange(view); // keep the user's zoom; the finer histogram is still valid
    } else {
        const HistogramExtent extent = histogramExtent(snapshot);
        plot()->xAxis->setRange(extent.lo, extent.hi);
        showHistogram(snapshot.current.histograms.values);
    }
    showScaleInLegend(snapshot);
    drawGrid();
    rescaleCounts();
}

void HistogramPlot::setPickedGroup(int group)
{
    const int before = m_pickedGroup;
    m_pickedGroup = std::max(0, group);
    if (snapshot() && snapshot()->current.params.size() > 1 && m_pickedGroup != before) {
        setSnapshot(snapshot()); // the same tensor: the zoom stays
    }
}

// The scale of the grid whose lines are drawn: with several groups, which group's they are.
void HistogramPlot::showScaleInLegend(const AnalysisSnapshot& snapshot)
{
    const Analysis& a = snapshot.current;
    if (a.params.empty()) {
        m_scaleEntry->setName(QString());
        return;
    }
    const QString scale = scaleText(a, m_grid.group);
    m_scaleEntry->setName(m_grid.onlyGrid
                              ? tr("grid: %1").arg(scale)
                              : tr("%1's grid: %2").arg(blockLabel(a, m_grid.group), scale));
}

// The lines of the visible range; the legend names the bands that are drawn, in a fixed order.
void HistogramPlot::drawGrid()
{
    const QCPRange view = plot()->xAxis->range();
    m_linesDrawn = drawGridLines(plot(), m_grid.grid, view.lower, view.upper);
    const auto drawn = [this](const char* prefix) {
        for (int i = 0; i < plot()->itemCount(); ++i) {
            if (plot()->item(i)->objectName().startsWith(QLatin1String(prefix))) {
                return true;
            }
        }
        return false;
    };
    // Only what is drawn: with several groups the whole tensor has no single clip or range.
    const std::pair<QCPGraph*, bool> entries[] = {
        {m_bars, true},
        {m_outlierMarkers, true},
        {m_clippedEntry, drawn("clip-threshold")},
        {m_unusedEntry, drawn("unused-")},
        {m_rangeEntry, drawn("representable-")},
        {m_zeroEntry, drawn("zero-point")},
        {m_linesEntry, m_linesDrawn.lines > 0},
        {m_denseEntry, m_linesDrawn.bands > 0},
        {m_underflowEntry, drawn("underflow")},
        {m_scaleEntry, !m_scaleEntry->name().isEmpty()},
    };
    for (const auto& [entry, shown] : entries) {
        entry->removeFromLegend();
    }
    for (const auto& [entry, shown] : entries) {
        if (shown) {
            entry->addToLegend();
        }
    }
    fitPlotTexts(plot());
}

void HistogramPlot::setLegendColumns(int columns)
{
    setLegendColumnsBelow(plot(), columns); // refitted to the width before every replot
}

void HistogramPlot::showZoomedHistogram(const Histogram& histogram)
{
    if (snapshot()) {
        showHistogram(histogram);
        m_zoomed = true;
        rescaleCounts();
        plot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

void HistogramPlot::showHistogram(const Histogram& histogram)
{
    m_shown = histogram;
    m_zoomed = false; // showZoomedHistogram sets it again
    if (histogram.bins() == 0) {
        m_bars->data()->clear();
        return;
    }
    QVector<double> keys;
    QVector<double> counts;
    keys.reserve(static_cast<qsizetype>(histogram.bins()) + 1);
    counts.reserve(keys.capacity());
    const bool log = logScale();
    for (std::size_t i = 0; i <= histogram.bins(); ++i) {
        keys.push_back(histogram.binLo(i));
        // The step graph needs a last point to close the final bin; log axes show no zero counts.
        const auto count = static_cast<double>(histogram.counts[std::min(i, histogram.bins() - 1)]);
        counts.push_back(log && count == 0 ? std::nan("") : count);
    }
    m_bars->setData(keys, counts, true);
}

void HistogramPlot::rescaleCounts()
{
    double top = 1;
    const QCPRange view = plot()->xAxis->range();
    for (std::size_t i = 0; i < m_shown.bins(); ++i) {
        const double from = m_shown.binLo(i);
        if (from + m_shown.binWidth() >= view.lower && from <= view.upper) {
            top = std::max(top, static_cast<double>(m_shown.counts[i]));
        }
    }
    if (logScale()) {
        plot()->yAxis->setRange(0.5, top * 3);
    } else {
        plot()->yAxis->setRange(0, top * 1.15);
    }
}

void HistogramPlot::onRangeChanged()
{
    if (!snapshot()) {
        return;
    }
    const QCPRange view = plot()->xAxis->range();
    drawGrid();
    const Histogram& full = snapshot()->current.histograms.values;
    const double shownData = std::min(view.upper, full.hi) - std::max(view.lower, full.lo);
    if (shownData > 0 && shownData < kRebinBelowShare * (full.hi - full.lo)) {
        emit rebinRequested(std::max(view.lower, full.lo), std::min(view.upper, full.hi));
    } else if (m_zoomed) {
        showHistogram(full);
    }
    rescaleCounts();
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPlot::zoomTo(double lo, double hi)
{
    if (hi > lo) {
        plot()->xAxis->setRange(lo, hi);
        plot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

void HistogramPlot::resetZoom()
{
    if (!snapshot()) {
        return;
    }
    const HistogramExtent extent = histogramExtent(*snapshot());
    plot()->xAxis->setRange(extent.lo, extent.hi);
    showHistogram(snapshot()->current.histograms.values);
    rescaleCounts();
    plot()->replot();
}

QString HistogramPlot::describeBinAt(double x) const
{
    if (!snapshot() || m_shown.bins() == 0 || x < m_shown.lo ||
        x > m_shown.hi) { // the last bin is closed
        return {};
    }
    const auto bin = std::min(m_shown.bins() - 1,
                              static_cast<std::size_t>((x - m_shown.lo) / m_shown.binWidth()));
    const double from = m_shown.binLo(bin);
    const double to = from + m_shown.binWidth();
    const QString where =
        tr("R in [%1, %2)\ncount %3")
            .arg(formatValue(from, 6), formatValue(to, 6), formatCount(m_shown.counts[bin]));
    if (snapshot()->current.params.size() > 1) {
        return where; // each group maps the bin to its own codes
    }
    const QuantParams& p = m_grid.params;
    const Rounding rounding = snapshot()->current.spec.rounding;
    const std::int32_t first = quantizeElement(p, rounding, static_cast<float>(from)).code;
    const std::int32_t last = quantizeElement(p, rounding, static_cast<float>(to)).code;
    const QString codes = first == last ? codeText(p, first)
                                        : tr("%1 … %2").arg(codeText(p, first), codeText(p, last));
    return where + tr("\ncodes %1").arg(codes);
}

void HistogramPlot::onMouseMove(QMouseEvent* event)
{
    const QString text = describeBinAt(plot()->xAxis->pixelToCoord(event->position().x()));
    if (text.isEmpty()) {
        QToolTip::hideText();
    } else {
        QToolTip::showText(event->globalPosition().toPoint(), text, plot());
    }
}

} // namespace qs::ui
