#include "plots/output_channel_plot.h"

#include "analysis/value_counts.h"
#include "i18n/retranslator.h"
#include "mitigation_text.h"
#include "number_format.h"
#include "plots/headed_plot.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr std::size_t kMinBins = 10;
constexpr std::size_t kMaxBins = 60;

// The finite SQNRs; a lossless channel (+∞ dB) has no place on the axis and is counted apart.
std::vector<float> finiteSqnrs(const MitigationOutcome* outcome, std::size_t& lossless)
{
    std::vector<float> out;
    if (outcome == nullptr) {
        return out;
    }
    out.reserve(outcome->outputChannelSqnrDb.size());
    for (const double db : outcome->outputChannelSqnrDb) {
        if (std::isfinite(db)) {
            out.push_back(static_cast<float>(db));
        } else {
            ++lossless;
        }
    }
    return out;
}

// A step graph of `h` (the last point closes the final bin), as the value histogram draws.
void setSteps(QCPGraph* graph, const Histogram& h)
{
    QVector<double> keys;
    QVector<double> counts;
    for (std::size_t i = 0; i <= h.bins() && h.bins() > 0; ++i) {
        keys << h.binLo(i);
        counts << static_cast<double>(h.counts[std::min(i, h.bins() - 1)]);
    }
    graph->setData(keys, counts, true);
}

} // namespace

OutputChannelPlot::OutputChannelPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = makeHeadedPlot(this, QStringLiteral("outputChannelSqnr"), 4);
    m_before = m_plot->addGraph();
    m_before->setObjectName(QStringLiteral("before"));
    m_before->setLineStyle(QCPGraph::lsStepLeft);
    m_before->setPen(QPen(theme::reference(), 1.5));
    m_before->setBrush(QColor(theme::reference().red(), theme::reference().green(),
                              theme::reference().blue(), 50));
    m_after = m_plot->addGraph();
    m_after->setObjectName(QStringLiteral("after"));
    m_after->setLineStyle(QCPGraph::lsStepLeft);
    m_after->setPen(theme::barPen(theme::values()));
    m_after->setBrush(theme::barBrush(theme::values()));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    m_texts->onChange([this] { draw(); });
    draw();
}

void OutputChannelPlot::show(std::shared_ptr<const MitigationOutcome> before,
                             std::shared_ptr<const MitigationOutcome> after)
{
    if (before == m_shownBefore && after == m_shownAfter) {
        return;
    }
    m_shownBefore = std::move(before);
    m_shownAfter = std::move(after);
    draw();
}

void OutputChannelPlot::draw()
{
    m_plot->clearItems();
    m_plot->xAxis->setLabel(tr("SQNR of one output channel over the tokens (dB)"));
    m_plot->yAxis->setLabel(tr("output channels"));
    std::size_t losslessBefore = 0;
    std::size_t losslessAfter = 0;
    const std::vector<float> before = finiteSqnrs(m_shownBefore.get(), losslessBefore);
    const std::vector<float> after = finiteSqnrs(m_shownAfter.get(), losslessAfter);
    const std::size_t channels = m_shownBefore ? m_shownBefore->outputChannelSqnrDb.size() : 0;
    setPlotHeading(m_plot,
                   channels == 0
                       ? tr("SQNR per output channel")
                       : tr("SQNR of each of the %1 output channels (dashed: of the whole output)")
                             .arg(formatCount(channels)));
    m_before->setName(tr("before"));
    m_after->setName(tr("after"));
    double lo = INFINITY;
    double hi = -INFINITY;
    for (const std::vector<float>* v : {&before, &after}) {
        for (const float db : *v) {
            lo = std::min(lo, static_cast<double>(db));
            hi = std::max(hi, static_cast<double>(db));
        }
    }
    if (!(hi >= lo)) {
        m_before->data()->clear();
        m_after->data()->clear();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (hi - lo < 1) { // every channel alike: a bin width of a few tenths of a dB still shows it
        lo -= 0.5;
        hi += 0.5;
    }
    // About two bins per √channels: enough to show a tail, few enough to show a shape.
    const auto bins = std::clamp<std::size_t>(
        static_cast<std::size_t>(2 * std::sqrt(static_cast<double>(channels))), kMinBins, kMaxBins);
    const Histogram beforeBins = binValues(before, lo, hi, bins);
    const Histogram afterBins = binValues(after, lo, hi, bins);
    setSteps(m_before, beforeBins);
    setSteps(m_after, after.empty() ? Histogram{} : afterBins);
    std::uint64_t top = 1;
    for (const Histogram* h : {&beforeBins, &afterBins}) {
        for (const std::uint64_t c : h->counts) {
            top = std::max(top, c);
        }
    }
    const double margin = 0.04 * (hi - lo);
    m_plot->xAxis->setRange(lo - margin, hi + margin);
    m_plot->yAxis->setRange(0, static_cast<double>(top) * 1.25);

    // The whole output's SQNR of each, where the channels' distribution can be read against it.
    QCPAxisRect* rect = m_plot->axisRect();
    const auto mark = [&](const MitigationOutcome* o, const QColor& colour, const QString& text,
                          const QString& name, Qt::Alignment side) {
        if (o == nullptr || !std::isfinite(o->outputSqnrDb)) {
            return;
        }
        addVerticalLine(m_plot, rect, o->outputSqnrDb, QPen(colour, 1.5, Qt::DashLine), name);
        addLabel(m_plot, rect, o->outputSqnrDb, 0.02, text.arg(decibelText(o->outputSqnrDb)),
                 colour, side | Qt::AlignTop, name + QStringLiteral("-label"));
    };
    const bool afterRight = !m_shownAfter || !m_shownBefore ||
                            m_shownAfter->outputSqnrDb >= m_shownBefore->outputSqnrDb;
    mark(m_shownBefore.get(), theme::reference().darker(130), tr("before: %1"),
         QStringLiteral("output-sqnr-before"), afterRight ? Qt::AlignRight : Qt::AlignLeft);
    if (m_shownAfter != m_shownBefore) {
        mark(m_shownAfter.get(), theme::values(), tr("after: %1"),
             QStringLiteral("output-sqnr-after"), afterRight ? Qt::AlignLeft : Qt::AlignRight);
    }
    if (losslessBefore + losslessAfter > 0) {
        addLabel(m_plot, rect, hi, 0.2,
                 tr("lossless (not drawn): %1 before, %2 after")
                     .arg(formatCount(losslessBefore), formatCount(losslessAfter)),
                 theme::annotation(), Qt::AlignRight | Qt::AlignTop,
                 QStringLiteral("lossless-channels"));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
