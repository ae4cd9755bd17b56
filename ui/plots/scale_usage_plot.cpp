#include "plots/scale_usage_plot.h"

#include "analysis/scale_usage.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "plots/slot_ticker.h"
#include "theme.h"

#include <QToolTip>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr int kMarginCodes = 2;        // unused codes shown either side of those in use
constexpr double kPixelsPerLabel = 18; // rotated labels: one line of text each

} // namespace

ScaleUsagePlot::ScaleUsagePlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("scales"), Redraw::FromScratch, parent)
{
    QCustomPlot* const chart = plot();
    texts()->bind([chart] { chart->yAxis->setLabel(tr("blocks")); });
    chart->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    chart->axisRect()->setRangeDrag(Qt::Horizontal);
    chart->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(chart, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString text = describeAt(plot()->xAxis->pixelToCoord(event->position().x()));
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(event->globalPosition().toPoint(), text, plot());
        }
    });
    setVisible(false); // until a snapshot with block scales arrives
}

void ScaleUsagePlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* /*previous*/)
{
    m_labels.clear();
    m_descriptions.clear();
    const ScaleUsage& usage = snapshot.scaleUsage;
    setVisible(!usage.empty());
    if (usage.empty()) {
        return;
    }
    if (usage.storage == ScaleStorageKind::Float32) {
        drawValues(snapshot);
    } else {
        drawCodes(snapshot);
    }
}

// E8M0 or E4M3 codes: a bar per code over the codes in use.
void ScaleUsagePlot::drawCodes(const AnalysisSnapshot& snapshot)
{
    QCustomPlot* const chart = plot();
    const ScaleUsage& usage = snapshot.scaleUsage;
    const bool e8m0 = usage.storage == ScaleStorageKind::E8M0;
    // E4M3 block scales are positive: codes up to 0x7E (0x7F is NaN).
    const int top = e8m0 ? 255 : 0x7E;
    m_firstCode = std::max(0, usage.lowestCode - kMarginCodes);
    const int last = std::min(top, usage.highestCode + kMarginCodes);
    auto* bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setObjectName(QStringLiteral("scale-bars"));
    bars->setWidth(0.8);
    bars->setPen(theme::barPen(theme::values()));
    bars->setBrush(theme::barBrush(theme::values()));
    bars->removeFromLegend();
    double most = 1;
    for (int code = m_firstCode; code <= last; ++code) {
        const std::uint64_t n = usage.codeCounts[static_cast<std::size_t>(code)];
        const double slot = code - m_firstCode;
        bars->addData(slot, static_cast<double>(n));
        most = std::max(most, static_cast<double>(n));
        const QString value =
            e8m0 ? (code == 0xFF ? QStringLiteral("NaN") : powerOfTwoText(code - 127))
                 : elementText(scaleCodeValue(usage.storage, code), 4);
        m_labels << value;
        m_descriptions << (e8m0 ? tr("E8M0 0x%1: X = %2\n%3 blocks")
                                : tr("E4M3 0x%1: s = %2\n%3 blocks"))
                              .arg(QString::number(code, 16).toUpper().rightJustified(2, '0'),
                                   value, formatCount(n));
    }
    auto ticker = QSharedPointer<SlotTicker>(new SlotTicker(m_labels));
    const double pixels = chart->axisRect()->width() > 50 ? chart->axisRect()->width() : 200;
    ticker->setTickCount(std::clamp(static_cast<int>(pixels / kPixelsPerLabel), 2,
                                    static_cast<int>(m_labels.size())));
    chart->xAxis->setTicker(ticker);
    chart->xAxis->setTickLabelRotation(90);
    chart->xAxis->setLabel(
        (e8m0 ? tr("E8M0 scale X: %1 codes, %2 blocks") : tr("E4M3 scale s: %1 codes, %2 blocks"))
            .arg(usage.codesUsed())
            .arg(formatCount(usage.blocks)));
    chart->xAxis->setRange(-0.6, static_cast<double>(m_labels.size()) - 0.4);
    chart->yAxis->setRange(0, most * 1.15);
}

// Float32 scales: a histogram of their values.
void ScaleUsagePlot::drawValues(const AnalysisSnapshot& snapshot)
{
    QCustomPlot* const chart = plot();
    const ScaleUsage& usage = snapshot.scaleUsage;
    const Histogram& h = usage.values;
    chart->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    chart->xAxis->setTickLabelRotation(0);
    QVector<double> keys;
    QVector<double> counts;
    double most = 1;
    for (std::size_t i = 0; i <= h.bins(); ++i) {
        keys << h.binLo(i);
        const auto n = static_cast<double>(h.counts[std::min(i, h.bins() - 1)]);
        counts << n;
        most = std::max(most, n);
    }
    QCPGraph* graph = chart->addGraph();
    graph->setObjectName(QStringLiteral("scale-histogram"));
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(theme::barPen(theme::values()));
    graph->setBrush(theme::barBrush(theme::values()));
    graph->setData(keys, counts, true);
    graph->removeFromLegend();
    const bool blocks =
        formatInfo(snapshot.current.spec.format.format).family == FormatFamily::Bitsandbytes;
    chart->xAxis->setLabel(blocks
                               ? tr("absmax (float32): %1 blocks").arg(formatCount(usage.blocks))
                               : tr("scale s (float32): %1 groups").arg(formatCount(usage.blocks)));
    chart->xAxis->setRange(h.lo, h.hi);
    chart->yAxis->setRange(0, most * 1.15);
}

QString ScaleUsagePlot::describeAt(double x) const
{
    if (!snapshot() || snapshot()->scaleUsage.empty()) {
        return {};
    }
    if (!m_descriptions.isEmpty()) {
        return slotText(m_descriptions, x);
    }
    const Histogram& h = snapshot()->scaleUsage.values;
    if (h.bins() == 0 || x < h.lo || x > h.hi) {
        return {};
    }
    const auto bin = std::min(h.bins() - 1, static_cast<std::size_t>((x - h.lo) / h.binWidth()));
    return tr("[%1, %2)\n%3 blocks")
        .arg(formatValue(h.binLo(bin), 5), formatValue(h.binLo(bin) + h.binWidth(), 5),
             formatCount(h.counts[bin]));
}

} // namespace qs::ui
