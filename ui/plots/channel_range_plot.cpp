#include "plots/channel_range_plot.h"

#include "analysis/scale_usage.h"
#include "ggml/block_scales.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "plots/plot_setup.h"
#include "quant/ggml_formats.h"
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
    bool anyFinite = false;
    for (double& db : sqnr) {
        anyFinite = anyFinite || std::isfinite(db);
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
    if (!anyFinite) {
        // Bars of a made-up height would read as 6 dB: say what they stand for.
        addLabel(m_sqnr, m_sqnr->axisRect(), (m_groups - 1) / 2.0, 0.5,
                 channels ? tr("every channel lossless (SQNR +∞)")
                          : (blocks ? tr("every block lossless (SQNR +∞)")
                                    : tr("every group lossless (SQNR +∞)")),
                 theme::annotation(), Qt::AlignCenter, QStringLiteral("all-lossless"));
    }
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

// The scale strip's value axis: logarithmic for scales that span decades, linear for a ggml
// type's fp16 d, which can be negative (Q4_0's d = m/−8 has the sign of the block's extreme).
void ChannelRangePlot::setScaleAxis(bool logarithmic)
{
    QCPAxis* axis = m_scales->yAxis;
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    axis->setTicker(logarithmic ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scales->yAxis2->setVisible(false);
    // Below the strip, as the range plot's: inside, it would cover the first blocks' steps.
    placeLegendBelow(m_scales);
    m_scales->xAxis->setLabel(m_sqnr->xAxis->label());
    m_scales->xAxis->setRange(-0.5, m_groups - 0.5);
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
    if (isGgmlFormat(a.spec.format.format)) {
        drawGgmlScales(snapshot);
        return;
    }
    setScaleAxis(true);
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
    fitLogRange(strip);
}

void ChannelRangePlot::fitLogRange(QCPGraph* strip)
{
    bool found = false;
    QCPRange y = strip->getValueRange(found, QCP::sdPositive);
    if (!found) {
        y = QCPRange(0.5, 2);
    }
    m_scales->yAxis->setRange(y.lower / 1.5, y.upper * 1.5);
}

// A ggml type: each group (a sub-block) with the fields its block stores, read from the blocks —
// d (and m or dmin) as steps, and the sub-block's own scale code on the right-hand axis.
void ChannelRangePlot::drawGgmlScales(const AnalysisSnapshot& snapshot)
{
    const Analysis& a = snapshot.current;
    const ggml::TypeInfo& type = ggmlTypeOf(a.spec.format.format);
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type);
    const std::vector<ggml::GridScaleFields> fields =
        snapshot.ggmlBlocks ? ggml::readScaleFields(type, *snapshot.ggmlBlocks)
                            : std::vector<ggml::GridScaleFields>{};
    if (fields.size() != a.params.size()) {
        m_scales->hide(); // no blocks to read
        return;
    }
    const bool fp16 = layout.storage == ggml::BlockScaleStorage::Fp16;
    setScaleAxis(!fp16);
    const bool markers = m_groups <= kMarkersUpTo;
    QVector<double> keys;
    QVector<double> d;
    QVector<double> minimum;
    QVector<double> codes;
    for (std::size_t g = 0; g < fields.size(); ++g) {
        keys << static_cast<double>(g);
        // A zero E8M0/UE4M3 scale has no place on the log axis.
        d << (fp16 || fields[g].d > 0 ? double(fields[g].d) : std::nan(""));
        minimum << fields[g].minimum;
        codes << fields[g].subScale;
    }
    const QString dName =
        layout.storage == ggml::BlockScaleStorage::E8M0    ? tr("X = 2^(e − 127) per block")
        : layout.storage == ggml::BlockScaleStorage::UE4M3 ? tr("UE4M3 scale s per 16 values")
        : layout.hasSubScales()                            ? tr("super-block d")
                                                           : tr("block d");
    QCPGraph* strip = addSeries(m_scales, QStringLiteral("block-d"), dName,
                                QPen(theme::representable(), markers ? 3 : 1));
    strip->setLineStyle(QCPGraph::lsStepCenter);
    strip->setData(keys, d, true);
    if (layout.hasMinimum) {
        QCPGraph* m = addSeries(m_scales, QStringLiteral("block-minimum"),
                                layout.minimumIsFactor ? tr("super-block dmin") : tr("block m"),
                                QPen(theme::zeroPoint(), markers ? 3 : 1));
        m->setLineStyle(QCPGraph::lsStepCenter);
        m->setData(keys, minimum, true);
    }
    m_scales->yAxis->setLabel(fp16 ? tr("stored fp16") : tr("stored scale"));
    if (fp16) {
        m_scales->yAxis->rescale();
        const QCPRange y = m_scales->yAxis->range();
        const double pad = 0.08 * std::max(y.size(), 1e-12);
        m_scales->yAxis->setRange(y.lower - pad, y.upper + pad);
    } else {
        fitLogRange(strip);
    }
    if (!layout.hasSubScales()) {
        return;
    }
    QCPGraph* sub = m_scales->addGraph(m_scales->xAxis, m_scales->yAxis2);
    sub->setObjectName(QStringLiteral("sub-block-scale-codes"));
    sub->setName(layout.subScaleBias != 0
                     ? tr("sub-block code (factor code − %1)").arg(layout.subScaleBias)
                     : tr("sub-block code"));
    sub->setLineStyle(QCPGraph::lsNone);
    sub->setScatterStyle(QCPScatterStyle(markers ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssDot,
                                         theme::values().darker(130), 5));
    sub->setData(keys, codes, true);
    QCPAxis* right = m_scales->yAxis2;
    right->setVisible(true);
    right->setTickLabels(true);
    right->setLabel(tr("scale code"));
    const auto [lo, hi] = std::ranges::minmax(codes);
    right->setRange(lo - 1.5, hi + 1.5);
    setLegendColumnsBelow(m_scales, 3);
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
