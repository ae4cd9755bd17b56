#include "plots/channel_range_plot.h"

#include "analysis/scale_usage.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::ui {
namespace {

constexpr int kMarkersUpTo = 128; // more groups than this draw as lines only

void removeNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = plot->itemCount() - 1; i >= 0; --i) {
        if (plot->item(i)->objectName() == name) {
            plot->removeItem(i);
        }
    }
}

QCPGraph* addSeries(QCustomPlot* plot, const QString& objectName, const QString& name,
                    const QPen& pen)
{
    QCPGraph* graph = plot->addGraph();
    graph->setObjectName(objectName);
    graph->setName(name);
    graph->setPen(pen);
    return graph;
}

} // namespace

ChannelRangePlot::ChannelRangePlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_ranges = new QCustomPlot(this);
    m_ranges->setObjectName(QStringLiteral("channelRanges"));
    setUpPlot(m_ranges);
    m_texts->bind([this] { m_ranges->yAxis->setLabel(tr("value R")); });
    m_sqnr = new QCustomPlot(this);
    m_sqnr->setObjectName(QStringLiteral("channelSqnr"));
    setUpPlot(m_sqnr);
    m_sqnr->setMinimumHeight(110);
    m_texts->bind([this] { m_sqnr->yAxis->setLabel(tr("SQNR (dB)")); });
    m_scales = new QCustomPlot(this);
    m_scales->setObjectName(QStringLiteral("channelScales"));
    setUpPlot(m_scales);
    m_scales->setMinimumHeight(110);
    m_scales->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_scales->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_scales->hide();
    for (QCustomPlot* plot : plots()) {
        plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        plot->axisRect()->setRangeDrag(Qt::Horizontal);
        plot->axisRect()->setRangeZoom(Qt::Horizontal);
        connect(plot, &QCustomPlot::mousePress, this,
                [this, plot](QMouseEvent* event) { onClick(plot, event); });
    }
    // One x axis for all: zooming any zooms the others.
    for (QCustomPlot* source : plots()) {
        connect(source->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, source](const QCPRange& r) {
                    for (QCustomPlot* other : plots()) {
                        if (other != source && other->xAxis->range() != r) {
                            other->xAxis->setRange(r);
                            other->replot(QCustomPlot::rpQueuedReplot);
                        }
                    }
                });
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_ranges, 3);
    layout->addWidget(m_sqnr, 2);
    layout->addWidget(m_scales, 2);
    m_texts->onChange([this] {
        setSnapshot(SnapshotPtr(m_shown));
        for (QCustomPlot* plot : plots()) {
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

void ChannelRangePlot::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    for (QCustomPlot* plot : plots()) {
        plot->clearGraphs();
        plot->clearItems();
    }
    m_groups = 0;
    if (!snapshot || snapshot->current.groups.size() < 2) {
        m_scales->hide();
        for (QCustomPlot* plot : plots()) {
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return;
    }
    const Analysis& a = snapshot->current;
    m_groups = static_cast<int>(a.groups.size());
    QVector<double> keys, mins, maxs, means, clipLo, clipHi, sqnr;
    double bestFinite = 0;
    for (std::size_t g = 0; g < a.groups.size(); ++g) {
        const GroupSummary& s = a.groups[g];
        keys << static_cast<double>(g);
        mins << s.min;
        maxs << s.max;
        means << s.mean;
        // The range the grid covers: its representable values, which for an MX block can reach
        // well past the block's amax (the power-of-two scale rounds down).
        clipLo << a.params[g].representableMin();
        clipHi << a.params[g].representableMax();
        sqnr << s.sqnrDb;
        if (std::isfinite(s.sqnrDb)) {
            bestFinite = std::max(bestFinite, s.sqnrDb);
        }
    }
    // A lossless group (SQNR +∞) stands at the top of the strip.
    for (double& db : sqnr) {
        db = std::isfinite(db) ? db : bestFinite + 6;
    }

    const bool markers = m_groups <= kMarkersUpTo;
    QColor band = theme::representable();
    band.setAlpha(45);
    QCPGraph* hi = addSeries(m_ranges, QStringLiteral("clip-max"), tr("grid range"),
                             QPen(theme::representable(), 1));
    QCPGraph* lo =
        addSeries(m_ranges, QStringLiteral("clip-min"), QString(), QPen(theme::representable(), 1));
    hi->setBrush(band);
    hi->setChannelFillGraph(lo);
    lo->removeFromLegend();
    QCPGraph* max = addSeries(m_ranges, QStringLiteral("channel-max"), tr("max"),
                              QPen(theme::values().darker(130), 1.5));
    QCPGraph* min = addSeries(m_ranges, QStringLiteral("channel-min"), tr("min"),
                              QPen(theme::values().darker(130), 1.5));
    min->removeFromLegend();
    QCPGraph* mean = addSeries(m_ranges, QStringLiteral("channel-mean"), tr("mean"),
                               QPen(theme::zeroPoint(), 1.5));
    hi->setData(keys, clipHi, true);
    lo->setData(keys, clipLo, true);
    max->setData(keys, maxs, true);
    min->setData(keys, mins, true);
    mean->setData(keys, means, true);
    if (markers) {
        max->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, 6));
        min->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, 6));
        mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    }
    const bool channels = a.layout.granularity == Granularity::Channel;
    const bool blocks = !a.spec.isIntegerGrid() &&
                        formatInfo(a.spec.format.format).family != FormatFamily::Minifloat;
    QCPGraph* strip = addSeries(m_sqnr, QStringLiteral("channel-sqnr"),
                                channels ? tr("SQNR per channel")
                                         : (blocks ? tr("SQNR per block") : tr("SQNR per group")),
                                QPen(theme::roundingError(), markers ? 5 : 1));
    strip->setLineStyle(QCPGraph::lsImpulse);
    strip->setData(keys, sqnr, true);

    const QString axisTitle =
        channels ? tr("channel (axis %1)").arg(a.layout.axis)
        : blocks ? tr("block (%1 values each)").arg(a.layout.groupSize)
                 : tr("group (%1 values each along the last axis)").arg(a.layout.groupSize);
    m_sqnr->xAxis->setLabel(axisTitle);
    drawScales(*snapshot);
    for (QCustomPlot* plot : {m_ranges, m_sqnr}) {
        plot->xAxis->setRange(-0.5, m_groups - 0.5);
        plot->yAxis->rescale();
        const QCPRange y = plot->yAxis->range();
        const double pad = 0.06 * std::max(y.size(), 1e-12);
        plot->yAxis->setRange(plot == m_sqnr ? std::min(0.0, y.lower) : y.lower - pad,
                              y.upper + pad);
    }
    placeLegendBelow(m_ranges);
    m_selected = std::clamp(m_selected, 0, m_groups - 1);
    markSelected();
}

void ChannelRangePlot::setSelected(int group)
{
    if (m_groups == 0 || group == m_selected) {
        m_selected = group;
        return;
    }
    m_selected = std::clamp(group, 0, m_groups - 1);
    markSelected();
}

void ChannelRangePlot::markSelected()
{
    const QPen pen = theme::selectionPen();
    for (QCustomPlot* plot : plots()) {
        removeNamed(plot, QStringLiteral("selected-group"));
        if (m_groups > 0) {
            addVerticalLine(plot, plot->axisRect(), m_selected, pen,
                            QStringLiteral("selected-group"));
        }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

// Each block's stored scale (log axis: MX's are powers of two, NVFP4's E4M3 values span decades).
void ChannelRangePlot::drawScales(const AnalysisSnapshot& snapshot)
{
    const Analysis& a = snapshot.current;
    const ScaleStorageKind storage = scaleStorageOf(a);
    m_scales->setVisible(storage != ScaleStorageKind::None);
    if (storage == ScaleStorageKind::None) {
        return;
    }
    QVector<double> keys;
    QVector<double> scales;
    for (std::size_t g = 0; g < a.params.size(); ++g) {
        const double scale = storedScale(a, g);
        keys << static_cast<double>(g);
        scales << (scale > 0 ? scale
                             : std::nan("")); // a zero block's absmax has no place on a log axis
    }
    const QString name = storage == ScaleStorageKind::E8M0   ? tr("X = 2^(c − 127) per block")
                         : storage == ScaleStorageKind::E4M3 ? tr("E4M3 scale s per block")
                         : formatInfo(a.spec.format.format).family == FormatFamily::Bitsandbytes
                             ? tr("absmax per block")
                             : tr("scale s per group");
    QCPGraph* strip = addSeries(m_scales, QStringLiteral("block-scales"), name,
                                QPen(theme::representable(), m_groups <= kMarkersUpTo ? 5 : 1));
    strip->setLineStyle(QCPGraph::lsStepCenter);
    strip->setData(keys, scales, true);
    m_scales->yAxis->setLabel(tr("stored scale"));
    m_scales->xAxis->setLabel(m_sqnr->xAxis->label());
    m_scales->xAxis->setRange(-0.5, m_groups - 0.5);
    bool found = false;
    QCPRange y = strip->getValueRange(found, QCP::sdPositive);
    if (!found) {
        y = QCPRange(0.5, 2);
    }
    m_scales->yAxis->setRange(y.lower / 1.5, y.upper * 1.5);
    m_scales->legend->setVisible(true);
    m_scales->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

int ChannelRangePlot::groupAt(const QCustomPlot* plot, double pixelX) const
{
    if (m_groups == 0) {
        return -1;
    }
    const double x = plot->xAxis->pixelToCoord(pixelX);
    const auto group = static_cast<int>(std::lround(x));
    return group >= 0 && group < m_groups ? group : -1;
}

void ChannelRangePlot::onClick(const QCustomPlot* plot, QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    if (const int group = groupAt(plot, event->position().x()); group >= 0) {
        setSelected(group);
        emit groupPicked(group);
    }
}

} // namespace qs::ui
