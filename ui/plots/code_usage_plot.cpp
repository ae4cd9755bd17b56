#include "plots/code_usage_plot.h"

#include "analysis/code_slots.h"
#include "analysis/range_usage.h"
#include "grid_text.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "picked_grid.h"
#include "plots/plot_setup.h"
#include "plots/slot_ticker.h"
#include "theme.h"

#include <QToolTip>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr std::int64_t kMarkUnusedUpTo = 4096; // beyond this many codes single marks are noise
constexpr double kPixelsPerLabel = 18;         // rotated labels: one line of text each
constexpr double kMinimumBarPixels = 3;        // a used code stays visible among 256 in 300 px
constexpr const char* kWidthInCodes = "qsWidthInCodes";

QCPBars* addBars(QCustomPlot* chart, const QString& objectName, const QColor& colour, double width)
{
    auto* bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setObjectName(objectName);
    bars->setWidth(width);
    bars->setProperty(kWidthInCodes, width);
    bars->setPen(width < 1 ? theme::barPen(colour) : QPen(Qt::NoPen));
    bars->setBrush(theme::barBrush(colour));
    return bars;
}

QCPGraph* addMarks(QCustomPlot* chart, const QString& objectName, const QString& name,
                   const QCPScatterStyle& style, const QVector<double>& keys)
{
    QCPGraph* marks = chart->addGraph();
    marks->setObjectName(objectName);
    marks->setName(name);
    marks->setLineStyle(QCPGraph::lsNone);
    marks->setScatterStyle(style);
    marks->setData(keys, QVector<double>(keys.size(), 0.0), true);
    return marks;
}

// Every bar at least kMinimumBarPixels wide: where codes are narrower than that (256 codes in
// a small plot), a used code next to unused ones would be a one-pixel line.
void keepBarsVisible(QCustomPlot* chart)
{
    const double pitch =
        std::abs(chart->xAxis->coordToPixel(1.0) - chart->xAxis->coordToPixel(0.0));
    for (int i = 0; i < chart->plottableCount(); ++i) {
        auto* bars = qobject_cast<QCPBars*>(chart->plottable(i));
        if (bars == nullptr || !bars->property(kWidthInCodes).isValid()) {
            continue;
        }
        const double inCodes = bars->property(kWidthInCodes).toDouble();
        if (pitch * inCodes >= kMinimumBarPixels) {
            bars->setWidthType(QCPBars::wtPlotCoords);
            bars->setWidth(inCodes);
        } else {
            bars->setWidthType(QCPBars::wtAbsolute);
            bars->setWidth(kMinimumBarPixels);
        }
    }
}

} // namespace

CodeUsagePlot::CodeUsagePlot(QWidget* parent)
    : SnapshotPlot(QStringLiteral("codes"), Redraw::FromScratch, parent)
{
    QCustomPlot* const chart = plot();
    texts()->bind([chart] { chart->xAxis->setLabel(tr("code Q")); });
    texts()->bind([chart] { chart->yAxis->setLabel(tr("count")); });
    chart->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    chart->axisRect()->setRangeDrag(Qt::Horizontal);
    chart->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(chart, &QCustomPlot::mouseMove, this, &CodeUsagePlot::onMouseMove);
    connect(chart, &QCustomPlot::afterLayout, this, [chart] { keepBarsVisible(chart); });
}

void CodeUsagePlot::setPickedGroup(int group)
{
    const int before = m_pickedGroup;
    m_pickedGroup = std::max(0, group);
    if (snapshot() && snapshot()->current.params.size() > 1 && before != m_pickedGroup) {
        setSnapshot(snapshot());
    }
}

void CodeUsagePlot::draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* /*previous*/)
{
    m_labels.clear();
    m_descriptions.clear();
    if (snapshot.current.params.empty()) {
        return;
    }
    if (snapshot.current.params.front().element.kind == ElementKind::Integer) {
        drawIntegerCodes(snapshot);
    } else {
        drawFormatCodes(snapshot);
    }
    QCustomPlot* const chart = plot();
    chart->legend->setVisible(true);
    // Below the bars: in a corner it covered some, the zero code's among them (lesson 4's point).
    keepLegendBelow(2);
}

// The integer grid: one step per code, centred on it, Qmin..Qmax.
void CodeUsagePlot::drawIntegerCodes(const AnalysisSnapshot& snapshot)
{
    QCustomPlot* const chart = plot();
    chart->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    chart->xAxis->setTickLabelRotation(0);
    const PickedGrid picked = pickedGrid(snapshot.current, static_cast<std::size_t>(m_pickedGroup));
    const QuantParams& p = picked.params;
    const Histogram& codes = snapshot.current.histograms.codes;
    const TensorStats& stats = snapshot.data->stats;

    QVector<double> keys;
    QVector<double> counts;
    QVector<double> unusedKeys;
    double top = 1;
    for (std::size_t i = 0; i <= codes.bins(); ++i) {
        const double code = p.qmin + static_cast<double>(i);
        keys.push_back(code - 0.5);
        const auto count = static_cast<double>(codes.counts[std::min(i, codes.bins() - 1)]);
        counts.push_back(count);
        top = std::max(top, count);
        if (i < codes.bins() && count == 0 && p.range().codeCount() <= kMarkUnusedUpTo) {
            unusedKeys.push_back(code);
        }
    }
    QCPGraph* bars = chart->addGraph();
    bars->setName(tr("count per code"));
    bars->setLineStyle(QCPGraph::lsStepLeft);
    bars->setPen(theme::barPen(theme::values()));
    bars->setBrush(theme::barBrush(theme::values()));
    bars->setData(keys, counts, true);
    bars->removeFromLegend(); // the bars explain themselves; the legend is for the marks
    // The used codes once more as bars, which keep a visible width however many codes share
    // the axis; where a code is wide they cover its step exactly.
    QCPBars* used = addBars(chart, QStringLiteral("used-codes"), theme::values(), 1.0);
    for (std::size_t i = 0; i < codes.bins(); ++i) {
        if (codes.counts[i] > 0) {
            used->addData(p.qmin + static_cast<double>(i), static_cast<double>(codes.counts[i]));
        }
    }
    used->removeFromLegend();

    addMarks(chart, QStringLiteral("unused-codes"), tr("unused code"),
             QCPScatterStyle(QCPScatterStyle::ssPlus, theme::unused(), 5), unusedKeys);

    if (picked.grid.zeroLevel) {
        const std::int32_t zeroCode = picked.grid.levels[*picked.grid.zeroLevel].code;
        QCPGraph* zero = chart->addGraph();
        zero->setObjectName(QStringLiteral("zero-code"));
        zero->setName(tr("zero point's code"));
        zero->setLineStyle(QCPGraph::lsStepLeft);
        zero->setPen(theme::zeroPointPen());
        QColor zeroFill = theme::zeroPoint();
        zeroFill.setAlpha(120);
        zero->setBrush(zeroFill);
        const auto count =
            static_cast<double>(codes.counts[static_cast<std::size_t>(zeroCode - p.qmin)]);
        zero->setData(QVector<double>{zeroCode - 0.5, zeroCode + 0.5},
                      QVector<double>{count, count}, true);
    }

    // The reach of the whole tensor's values is one grid's only when there is one grid.
    if (picked.onlyGrid) {
        const RangeUsage usage =
            rangeUsage(p, snapshot.current.spec.rounding, stats.min, stats.max);
        // A negative Scale (llama.cpp's Q4_0) maps the smallest value to the highest code.
        const std::int32_t lowest = std::min(usage.lowestCode, usage.highestCode);
        const std::int32_t highest = std::max(usage.lowestCode, usage.highestCode);
        if (lowest > p.qmin) {
            addSpan(chart, chart->axisRect(), p.qmin - 0.5, lowest - 0.5, theme::unusedBrush(),
                    "unreachable-below");
        }
        if (highest < p.qmax) {
            addSpan(chart, chart->axisRect(), highest + 0.5, p.qmax + 0.5, theme::unusedBrush(),
                    "unreachable-above");
        }
        addLegendEntry(chart, tr("out of the values' reach"), Qt::NoPen, theme::unusedBrush());
    }
    chart->xAxis->setLabel(tr("code Q: %1 of %2 used")
                               .arg(formatCount(snapshot.current.metrics.codesUsed))
                               .arg(formatCount(snapshot.current.metrics.codesTotal)));
    const double margin = std::max(1.0, 0.02 * static_cast<double>(p.range().codeCount()));
    chart->xAxis->setRange(p.qmin - 0.5 - margin, p.qmax + 0.5 + margin);
    chart->yAxis->setRange(0, top * 1.15);
}

// A minifloat's or codebook's codes, one bar each in the order of their values.
void CodeUsagePlot::drawFormatCodes(const AnalysisSnapshot& snapshot)
{
    QCustomPlot* const chart = plot();
    const PickedGrid picked = pickedGrid(snapshot.current, static_cast<std::size_t>(m_pickedGroup));
    const QuantParams& p = picked.params;
    const Histogram& codes = snapshot.current.histograms.codes;
    const std::vector<CodeSlot> order = codeSlots(p.element);
    const double width = order.size() > 64 ? 1.0 : 0.8;
    QCPBars* values = addBars(chart, QStringLiteral("code-bars"), theme::values(), width);
    QCPBars* zero = addBars(chart, QStringLiteral("zero-code"), theme::zeroPoint(), width);
    QCPBars* special =
        addBars(chart, QStringLiteral("special-code-bars"), theme::specialCode(), width);
    QVector<double> unusedKeys;
    QVector<double> negativeZeroKeys;
    QVector<double> specialKeys;
    std::vector<int> position(static_cast<std::size_t>(p.element.codeCount()), 0);
    int firstFinite = -1;
    int lastFinite = -1;
    double top = 1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const CodeSlot& slot = order[i];
        const auto key = static_cast<double>(i);
        const auto bin = static_cast<std::size_t>(slot.code - p.qmin);
        const std::uint64_t n = bin < codes.bins() ? codes.counts[bin] : 0;
        const auto count = static_cast<double>(n);
        top = std::max(top, count);
        position[static_cast<std::size_t>(slot.code)] = static_cast<int>(i);
        m_labels << elementText(slot.value, 4);
        m_descriptions << tr("code %1 = %2\ncount %3")
                              .arg(codeText(p, slot.code), elementText(slot.value, 7),
                                   formatCount(n));
        switch (slot.kind) {
        case CodeKind::Value:
            (slot.value == 0 ? zero : values)->addData(key, count);
            if (n == 0 && slot.value != 0) {
                unusedKeys << key;
            }
            firstFinite = firstFinite < 0 ? static_cast<int>(i) : firstFinite;
            lastFinite = static_cast<int>(i);
            break;
        case CodeKind::NegativeZero:
            zero->addData(key, count);
            negativeZeroKeys << key;
            break;
        case CodeKind::NegativeInfinity:
        case CodeKind::PositiveInfinity:
        case CodeKind::Nan:
            special->addData(key, count);
            specialKeys << key;
            break;
        }
    }
    values->setName(tr("count per code"));
    values->removeFromLegend();
    zero->setName(tr("the codes of 0"));
    special->removeFromLegend();
    addMarks(chart, QStringLiteral("unused-codes"), tr("unused code"),
             QCPScatterStyle(QCPScatterStyle::ssPlus, theme::unused(), 5), unusedKeys);
    if (!negativeZeroKeys.isEmpty()) {
        addMarks(
            chart, QStringLiteral("negative-zero"), tr("−0 (negative zero)"),
            QCPScatterStyle(QCPScatterStyle::ssDiamond, theme::zeroPoint(), theme::zeroPoint(), 7),
            negativeZeroKeys);
    }
    if (!specialKeys.isEmpty()) {
        addMarks(chart, QStringLiteral("nan-codes"),
                 p.element.minifloat.hasInfinity() ? tr("NaN and ±Inf codes") : tr("NaN codes"),
                 QCPScatterStyle(QCPScatterStyle::ssTriangle, theme::specialCode(),
                                 theme::specialCode(), 7),
                 specialKeys);
    }
    if (picked.onlyGrid && firstFinite >= 0) {
        const TensorStats& stats = snapshot.data->stats;
        const RangeUsage usage =
            rangeUsage(p, snapshot.current.spec.rounding, stats.min, stats.max);
        const int low = position[static_cast<std::size_t>(usage.lowestCode)];
        const int high = position[static_cast<std::size_t>(usage.highestCode)];
        if (std::min(low, high) > firstFinite) {
            addSpan(chart, chart->axisRect(), firstFinite - 0.5, std::min(low, high) - 0.5,
                    theme::unusedBrush(), "unreachable-below");
        }
        if (std::max(low, high) < lastFinite) {
            addSpan(chart, chart->axisRect(), std::max(low, high) + 0.5, lastFinite + 0.5,
                    theme::unusedBrush(), "unreachable-above");
        }
        addLegendEntry(chart, tr("out of the values' reach"), Qt::NoPen, theme::unusedBrush());
    }
    auto ticker = QSharedPointer<SlotTicker>(new SlotTicker(m_labels));
    const double pixels = chart->axisRect()->width() > 50 ? chart->axisRect()->width() : 200;
    ticker->setTickCount(
        std::clamp(static_cast<int>(pixels / kPixelsPerLabel), 2, static_cast<int>(order.size())));
    chart->xAxis->setTicker(ticker);
    chart->xAxis->setTickLabelRotation(90);
    chart->xAxis->setLabel(tr("code, by value: %1 of %2 used")
                               .arg(formatCount(snapshot.current.metrics.codesUsed))
                               .arg(formatCount(snapshot.current.metrics.codesTotal)));
    const double margin = std::max(0.5, 0.01 * static_cast<double>(order.size()));
    chart->xAxis->setRange(-0.5 - margin, static_cast<double>(order.size()) - 0.5 + margin);
    chart->yAxis->setRange(0, top * 1.15);
}

QString CodeUsagePlot::describeCodeAt(double x) const
{
    if (!snapshot()) {
        return {};
    }
    if (!m_descriptions.isEmpty()) {
        return slotText(m_descriptions, x);
    }
    const Analysis& a = snapshot()->current;
    if (a.params.empty()) {
        return {};
    }
    const QuantParams& p = a.params.front();
    const auto code = static_cast<std::int64_t>(std::lround(x));
    if (code < p.qmin || code > p.qmax) {
        return {};
    }
    const auto n = a.histograms.codes.counts[static_cast<std::size_t>(code - p.qmin)];
    return tr("code %1\ncount %2").arg(code).arg(formatCount(n));
}

void CodeUsagePlot::onMouseMove(QMouseEvent* event)
{
    const QString text = describeCodeAt(plot()->xAxis->pixelToCoord(event->position().x()));
    if (text.isEmpty()) {
        QToolTip::hideText();
    } else {
        QToolTip::showText(event->globalPosition().toPoint(), text, plot());
    }
}

} // namespace qs::ui
