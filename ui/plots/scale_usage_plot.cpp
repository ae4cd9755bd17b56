#include "plots/scale_usage_plot.h"

#include "analysis/scale_usage.h"
#include "ggml_scale_text.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "plots/slot_ticker.h"
#include "quant/ggml_formats.h"
#include "theme.h"

#include <QToolTip>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr int kMarginCodes = 2;        // unused codes shown either side of those in use
constexpr double kPixelsPerLabel = 18; // rotated labels: one line of text each

// A histogram as a step graph on `rect`: one point per bin edge, the last closing the step.
QCPGraph* addHistogram(QCustomPlot* chart, QCPAxisRect* rect, const Histogram& h,
                       const QString& objectName, const QColor& colour)
{
    QVector<double> keys;
    QVector<double> counts;
    for (std::size_t i = 0; i <= h.bins(); ++i) {
        keys << h.binLo(i);
        counts << static_cast<double>(h.counts[std::min(i, h.bins() - 1)]);
    }
    QCPGraph* graph = chart->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setObjectName(objectName);
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(theme::barPen(colour));
    graph->setBrush(theme::barBrush(colour));
    graph->setData(keys, counts, true);
    return graph;
}

double largestCount(const Histogram& h)
{
    return h.counts.empty() ? 0 : static_cast<double>(*std::ranges::max_element(h.counts));
}

// "41 of 64 codes (3 … 60)".
QString codesUsedText(const SubScaleCounts& counts)
{
    return ScaleUsagePlot::tr("%1 of %2 codes (%3 … %4)")
        .arg(counts.codesUsed())
        .arg(counts.counts.size())
        .arg(counts.lowest)
        .arg(counts.highest);
}

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
        const double x = event->position().x();
        const bool onCodes =
            m_subScaleRect != nullptr && m_subScaleRect->outerRect().contains(event->pos());
        const bool onTitle = m_title != nullptr && m_title->outerRect().contains(event->pos());
        const QString text =
            onTitle   ? m_titleText
            : onCodes ? describeSubScaleAt(m_subScaleRect->axis(QCPAxis::atBottom)->pixelToCoord(x))
                      : describeAt(plot()->xAxis->pixelToCoord(x));
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
    removeGgmlLayout();
    plot()->legend->setVisible(false);
    const ScaleUsage& usage = snapshot.scaleUsage;
    setVisible(!usage.empty());
    if (usage.empty()) {
        return;
    }
    if (isGgmlFormat(snapshot.current.spec.format.format)) {
        addTitle(ggmlScaleLayoutText(ggmlTypeOf(snapshot.current.spec.format.format)));
    }
    if (usage.storage == ScaleStorageKind::Fp16) {
        drawGgmlScales(snapshot);
    } else if (usage.storage == ScaleStorageKind::Float32) {
        drawValues(snapshot);
    } else {
        drawCodes(snapshot);
    }
    wrapTexts();
}

QSize ScaleUsagePlot::sizeHint() const
{
    // As tall as the code plot above it asks: a ggml type stacks two axis rects here, and the
    // column's splitter gives a plot that appears its size hint.
    return {240, 360};
}

void ScaleUsagePlot::resizeEvent(QResizeEvent* event)
{
    SnapshotPlot::resizeEvent(event);
    wrapTexts(); // the plot has its new width by now
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

// A ggml type's title names every field: in a narrow plot it is elided (hovering it shows it
// all) rather than run past the edges. (Axis labels wrap by themselves: plot_setup.h.)
void ScaleUsagePlot::wrapTexts()
{
    if (m_title != nullptr) {
        const int width = std::max(80, plot()->width() - 16);
        m_title->setText(
            QFontMetrics(m_title->font()).elidedText(m_titleText, Qt::ElideRight, width));
    }
}

// The title row and the codes' axis rect are a ggml type's only: taken away before each drawing
// (their graphs are gone already), added again where they apply.
void ScaleUsagePlot::removeGgmlLayout()
{
    QCPLayoutGrid* layout = plot()->plotLayout();
    if (m_subScaleRect != nullptr) {
        layout->remove(m_subScaleRect);
        m_subScaleRect = nullptr;
    }
    if (m_title != nullptr) {
        layout->remove(m_title);
        m_title = nullptr;
    }
    // The legend goes back inside the axis rect, where the other formats keep it.
    QCPLegend* legend = plot()->legend;
    if (legend->layout() == layout) {
        plot()->axisRect()->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    }
    layout->simplify();
    m_titleText.clear();
}

void ScaleUsagePlot::addTitle(const QString& text)
{
    QCustomPlot* const chart = plot();
    chart->plotLayout()->insertRow(0);
    QFont bold = chart->font();
    bold.setBold(true);
    m_titleText = text;
    m_title = new QCPTextElement(chart, text, bold);
    m_title->setObjectName(QStringLiteral("scale-title"));
    chart->plotLayout()->addElement(0, 0, m_title);
}

QString ScaleUsagePlot::title() const
{
    return m_titleText;
}

// A ggml type's fp16 fields: d (and m or dmin) per block as histograms, the sub-block codes
// under them.
void ScaleUsagePlot::drawGgmlScales(const AnalysisSnapshot& snapshot)
{
    QCustomPlot* const chart = plot();
    const ScaleUsage& usage = snapshot.scaleUsage;
    const ggml::TypeInfo& type = ggmlTypeOf(snapshot.current.spec.format.format);
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type);
    chart->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    chart->xAxis->setTickLabelRotation(0);
    QCPGraph* d = addHistogram(chart, chart->axisRect(), usage.values,
                               QStringLiteral("d-histogram"), theme::values());
    d->setName(tr("d"));
    double lo = usage.values.lo;
    double hi = usage.values.hi;
    double most = std::max(1.0, largestCount(usage.values));
    if (!usage.minimums.counts.empty()) {
        QCPGraph* m = addHistogram(chart, chart->axisRect(), usage.minimums,
                                   QStringLiteral("minimum-histogram"), theme::zeroPoint());
        m->setName(layout.minimumIsFactor ? tr("dmin") : tr("m"));
        lo = std::min(lo, usage.minimums.lo);
        hi = std::max(hi, usage.minimums.hi);
        most = std::max(most, largestCount(usage.minimums));
    }
    chart->xAxis->setLabel(tr("fp16 value: %1 blocks").arg(formatCount(usage.blocks)));
    chart->xAxis->setRange(lo, hi);
    chart->yAxis->setRange(0, most * 1.15);
    if (!usage.subScales.empty()) {
        drawSubScaleCodes(usage);
    }
    // Under everything: inside, the legend would cover the histograms of a narrow plot.
    chart->plotLayout()->addElement(chart->plotLayout()->rowCount(), 0, chart->legend);
    chart->plotLayout()->setRowStretchFactor(chart->plotLayout()->rowCount() - 1, 0.001);
    chart->legend->setMargins(QMargins(6, 2, 6, 2));
    chart->legend->setVisible(true);
    setLegendColumnsBelow(chart, 2);
}

// A bar per sub-block scale code (and beside it per minimum code) over the codes in use.
void ScaleUsagePlot::drawSubScaleCodes(const ScaleUsage& usage)
{
    QCustomPlot* const chart = plot();
    m_subScaleRect = new QCPAxisRect(chart);
    m_subScaleRect->setObjectName(QStringLiteral("sub-scale-rect"));
    m_subScaleRect->setRangeDrag(Qt::Horizontal);
    m_subScaleRect->setRangeZoom(Qt::Horizontal);
    QCPLayoutGrid* layout = chart->plotLayout();
    const int row = layout->rowCount();
    layout->addElement(row, 0, m_subScaleRect);
    layout->setRowStretchFactor(row, 1);
    QCPAxis* x = m_subScaleRect->axis(QCPAxis::atBottom);
    QCPAxis* y = m_subScaleRect->axis(QCPAxis::atLeft);
    const bool withMinimums = !usage.subMinimums.empty();
    const double width = withMinimums ? 0.4 : 0.8;
    int first = usage.subScales.lowest;
    int last = usage.subScales.highest;
    if (withMinimums) {
        first = std::min(first, usage.subMinimums.lowest);
        last = std::max(last, usage.subMinimums.highest);
    }
    first = std::max(usage.subScales.first, first - kMarginCodes);
    last = std::min(usage.subScales.first + static_cast<int>(usage.subScales.counts.size()) - 1,
                    last + kMarginCodes);
    double most = 1;
    auto addBars = [&](const SubScaleCounts& counts, const QString& objectName, const QString& name,
                       const QColor& colour, double shift) {
        auto* bars = new QCPBars(x, y);
        bars->setObjectName(objectName);
        bars->setName(name);
        bars->setWidth(width);
        bars->setPen(theme::barPen(colour));
        bars->setBrush(theme::barBrush(colour));
        for (int code = first; code <= last; ++code) {
            const auto n = static_cast<double>(counts.count(code));
            bars->addData(code + shift, n);
            most = std::max(most, n);
        }
    };
    addBars(usage.subScales, QStringLiteral("sub-scale-bars"), tr("scale codes"), theme::values(),
            withMinimums ? -0.2 : 0.0);
    QString label =
        tr("%1-bit scale codes: %2").arg(usage.subScales.bits).arg(codesUsedText(usage.subScales));
    if (withMinimums) {
        addBars(usage.subMinimums, QStringLiteral("sub-minimum-bars"), tr("minimum codes"),
                theme::zeroPoint(), 0.2);
        label += tr("; minimum codes: %1").arg(codesUsedText(usage.subMinimums));
    }
    if (usage.subScales.bias != 0) {
        label += tr("; factor = code − %1").arg(usage.subScales.bias);
    }
    x->setLabel(label + tr("; %1 sub-blocks").arg(formatCount(usage.subScales.total())));
    y->setLabel(tr("sub-blocks"));
    x->setRange(first - 0.6, last + 0.6);
    y->setRange(0, most * 1.15);
}

QString ScaleUsagePlot::describeSubScaleAt(double code) const
{
    if (m_subScaleRect == nullptr || !snapshot()) {
        return {};
    }
    const ScaleUsage& usage = snapshot()->scaleUsage;
    const auto c = static_cast<std::int32_t>(std::lround(code));
    const std::int32_t end =
        usage.subScales.first + static_cast<std::int32_t>(usage.subScales.counts.size());
    if (c < usage.subScales.first || c >= end) {
        return {};
    }
    QString text =
        tr("scale code %1: %2 sub-blocks")
            .arg(subScaleCodeText(c, usage.subScales.bias), formatCount(usage.subScales.count(c)));
    if (!usage.subMinimums.empty()) {
        text += QLatin1Char('\n') + tr("minimum code %1: %2 sub-blocks")
                                        .arg(c)
                                        .arg(formatCount(usage.subMinimums.count(c)));
    }
    return text;
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
    addHistogram(chart, chart->axisRect(), h, QStringLiteral("scale-histogram"), theme::values())
        ->removeFromLegend();
    const double most = std::max(1.0, largestCount(h));
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
