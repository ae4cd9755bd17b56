#include "plots/channel_max_plot.h"

#include "i18n/retranslator.h"
#include "plots/headed_plot.h"
#include "plots/plot_pair.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QHBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::ui {
namespace {

// One point per channel; a log axis has no 0, so a zero channel is left out (NaN).
void setChannelData(QCPGraph* graph, const std::vector<double>& maxima)
{
    QVector<QCPGraphData> points(static_cast<qsizetype>(maxima.size()));
    for (std::size_t j = 0; j < maxima.size(); ++j) {
        const double m = maxima[j];
        points[static_cast<qsizetype>(j)] = {static_cast<double>(j),
                                             m > 0 ? m : std::numeric_limits<double>::quiet_NaN()};
    }
    graph->data()->set(points, true);
}

const QString kCoincideNote = QStringLiteral("coinciding-maxima");

QCPAbstractItem* itemNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == name) {
            return plot->item(i);
        }
    }
    return nullptr;
}

bool sameMaxima(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size() || a.empty()) {
        return false;
    }
    for (std::size_t j = 0; j < a.size(); ++j) {
        if (std::abs(a[j] - b[j]) > 1e-6 * std::max(std::abs(a[j]), std::abs(b[j]))) {
            return false;
        }
    }
    return true;
}

// The smallest and largest positive maximum of both sides.
void widen(double& lo, double& hi, const std::vector<double>& maxima)
{
    for (const double m : maxima) {
        if (m > 0 && std::isfinite(m)) {
            lo = std::min(lo, m);
            hi = std::max(hi, m);
        }
    }
}

} // namespace

ChannelMaxPlot::ChannelMaxPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_before = makePane(QStringLiteral("channelMaxBefore"));
    m_after = makePane(QStringLiteral("channelMaxAfter"));
    // Side by side where there is the width (a spike per outlier channel reads in a tall,
    // narrow plot too, and the two share their scale), one above the other in a narrow window.
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlotPair(m_before.plot, m_after.plot, this));
    m_texts->bind([this] { nameGraphs(); });
}

ChannelMaxPlot::Pane ChannelMaxPlot::makePane(const QString& objectName)
{
    Pane pane;
    pane.plot = makeHeadedPlot(this, objectName, 3);
    pane.plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setTickCount(4);
    pane.plot->yAxis->setTicker(ticker);
    pane.plot->yAxis->setNumberFormat(QStringLiteral("eb"));
    pane.plot->yAxis->setNumberPrecision(0);
    pane.plot->xAxis->ticker()->setTickCount(4);
    // X over W: at SmoothQuant's α = 0.5 the two maxima are equal, max|x′_j| = max|w′_j|, and
    // X is what the picture is about.
    pane.weight = pane.plot->addGraph();
    pane.weight->setObjectName(QStringLiteral("weight-max"));
    pane.weight->setPen(QPen(theme::values(), 1));
    pane.activations = pane.plot->addGraph();
    pane.activations->setObjectName(QStringLiteral("activation-max"));
    pane.activations->setPen(QPen(theme::outlier(), 1));
    pane.float16 = pane.plot->addGraph();
    pane.float16->setObjectName(QStringLiteral("float16-channels"));
    pane.float16->setLineStyle(QCPGraph::lsNone);
    pane.float16->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, theme::selectionPen(), QBrush(), 8));
    pane.float16->removeFromLegend();
    return pane;
}

void ChannelMaxPlot::nameGraphs()
{
    for (Pane* pane : {&m_before, &m_after}) {
        pane->activations->setName(tr("max |x| of X"));
        pane->weight->setName(tr("max |w| of W"));
        pane->float16->setName(tr("kept in float16"));
        pane->plot->xAxis->setLabel(tr("input channel j"));
        pane->plot->yAxis->setLabel(tr("max |·|"));
    }
    setPlotHeading(m_before.plot, tr("Before: the formats alone"));
    setPlotHeading(m_after.plot,
                   m_afterHeading.isEmpty() ? tr("After") : tr("After: %1").arg(m_afterHeading));
    m_before.plot->replot(QCustomPlot::rpQueuedReplot);
    m_after.plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChannelMaxPlot::fill(Pane& pane, const MitigationOutcome* outcome)
{
    if (QCPAbstractItem* note = itemNamed(pane.plot, kCoincideNote)) {
        pane.plot->removeItem(note);
    }
    if (outcome == nullptr) {
        for (QCPGraph* graph : {pane.activations, pane.weight, pane.float16}) {
            graph->data()->clear();
        }
        return;
    }
    setChannelData(pane.activations, outcome->activations.channelAbsMax);
    setChannelData(pane.weight, outcome->weight.channelAbsMax);
    QVector<double> keys;
    QVector<double> values;
    for (const std::size_t j : outcome->float16Channels) {
        keys << static_cast<double>(j);
        values << outcome->activations.channelAbsMax.at(j);
    }
    pane.float16->setData(keys, values, true);
    // SmoothQuant at α = 0.5 makes the two maxima equal, max|x′_j| = max|w′_j|: W's line lies
    // under X's, which would otherwise look like W gone.
    if (sameMaxima(outcome->activations.channelAbsMax, outcome->weight.channelAbsMax)) {
        const double middle = 0.5 * static_cast<double>(outcome->weight.channelAbsMax.size());
        addLabel(pane.plot, pane.plot->axisRect(), middle, 0.03,
                 tr("max |x′| = max |w′| in every channel: the lines coincide"),
                 theme::annotation(), Qt::AlignHCenter | Qt::AlignTop, kCoincideNote);
    }
    if (outcome->float16Channels.empty()) {
        pane.float16->removeFromLegend();
    } else {
        pane.float16->addToLegend();
    }
}

void ChannelMaxPlot::show(std::shared_ptr<const MitigationOutcome> before,
                          std::shared_ptr<const MitigationOutcome> after,
                          const QString& afterHeading)
{
    // A slider drag changes only "after": the other pane keeps its data untouched.
    if (before != m_shownBefore) {
        fill(m_before, before.get());
        m_shownBefore = std::move(before);
    }
    if (after != m_shownAfter) {
        fill(m_after, after.get());
        m_shownAfter = std::move(after);
    }
    m_afterHeading = afterHeading;
    // Both panes on one scale, so that a flatter X after reads as flatter.
    double lo = std::numeric_limits<double>::infinity();
    double hi = 0;
    std::size_t channels = 0;
    for (const MitigationOutcome* o : {m_shownBefore.get(), m_shownAfter.get()}) {
        if (o != nullptr) {
            widen(lo, hi, o->activations.channelAbsMax);
            widen(lo, hi, o->weight.channelAbsMax);
            channels = std::max(channels, o->activations.channelAbsMax.size());
        }
    }
    for (Pane* pane : {&m_before, &m_after}) {
        if (hi > 0) {
            pane->plot->yAxis->setRange(lo / 1.5, hi * 1.5);
        }
        pane->plot->xAxis->setRange(-0.5, std::max<double>(1, static_cast<double>(channels)) - 0.5);
    }
    nameGraphs(); // the heading names the transforms; replots both
}

} // namespace qs::ui
