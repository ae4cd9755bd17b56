#include "plots/sweep_plots.h"

#include "i18n/calibration_texts.h"
#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Log axes cannot show 0 or +∞: leave a gap instead.
double forLogAxis(double value)
{
    return value > 0 && std::isfinite(value) ? value : kNaN;
}

QCustomPlot* makePlot(QWidget* parent, const QString& name)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    setUpPlot(plot);
    placeLegendBelow(plot); // before the title row goes on top
    setLegendColumnsBelow(plot, 2);
    plot->plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(
        plot, QString(), QFont(plot->font().family(), plot->font().pointSize(), QFont::Bold));
    plot->plotLayout()->addElement(0, 0, heading);
    return plot;
}

void setHeading(QCustomPlot* plot, const QString& title)
{
    if (auto* heading = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) {
        heading->setText(title);
    }
}

// A calibration method as the legend names it.
QString methodLabel(CalibrationMethod method)
{
    switch (method) {
    case CalibrationMethod::MinMax:
        return SweepPlots::tr("min–max");
    case CalibrationMethod::Percentile:
        return SweepPlots::tr("percentile");
    case CalibrationMethod::Mse:
        return SweepPlots::tr("least MSE");
    case CalibrationMethod::Kl:
        return SweepPlots::tr("KL");
    case CalibrationMethod::AciqGauss:
        return SweepPlots::tr("ACIQ Gauss");
    case CalibrationMethod::AciqLaplace:
        return SweepPlots::tr("ACIQ Laplace");
    case CalibrationMethod::Manual:
        return SweepPlots::tr("manual (dragged)");
    }
    return {};
}

void reset(QCustomPlot* plot)
{
    plot->clearGraphs();
    plot->clearItems();
    plot->legend->setVisible(false);
}

void setLogAxis(QCPAxis* axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setTickCount(4); // the plots are narrow: 1, 10, 100 and 1000 must not run together
    axis->setTicker(ticker);
}

// A sweep that failed or does not apply: its reason in the middle of the plot, wrapped at the
// line breaks Unicode allows (spaces in English, between characters in Chinese).
void showMessage(QCustomPlot* plot, const QString& text)
{
    auto* label = new QCPItemText(plot);
    label->setObjectName(QStringLiteral("sweep-message"));
    // Over the whole plot, not its axis rect: with no data that can be narrower than a word.
    label->setClipToAxisRect(false);
    label->position->setType(QCPItemPosition::ptViewportRatio);
    label->position->setCoords(0.5, 0.5);
    label->setPositionAlignment(Qt::AlignCenter);
    const int width = std::max(120, plot->width() - 24);
    label->setText(wrapToWidth(text, label->font(), width));
    label->setProperty("message", text); // unwrapped, for whoever reads the reason back
    label->setTextAlignment(Qt::AlignCenter);
    label->setColor(theme::annotation());
    plot->replot(QCustomPlot::rpQueuedReplot);
}

// Why a sweep does not apply, in the interface language (without a file: it is the tensor's).
QString messageOf(const Error& error)
{
    Error reason = error;
    reason.file.clear();
    return errorText(reason);
}

QCPGraph* addLine(QCustomPlot* plot, const QString& objectName, const QString& name,
                  const QPen& pen, QCPAxis* valueAxis = nullptr)
{
    QCPGraph* graph = valueAxis ? plot->addGraph(plot->xAxis, valueAxis) : plot->addGraph();
    graph->setObjectName(objectName);
    graph->setName(name);
    graph->setPen(pen);
    return graph;
}

// The symbol of marker `i`: the method's shape (a framework's variant: a cross in a circle) in
// the method's colour, filled and larger for the scheme's own calibration.
QCPScatterStyle markerStyle(const std::vector<ClipMarker>& markers, std::size_t i)
{
    static constexpr QCPScatterStyle::ScatterShape kShapes[] = {
        QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,         QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssCircle, QCPScatterStyle::ssTriangleInverted, QCPScatterStyle::ssStar};
    const ClipMarker& m = markers[i];
    const auto method = static_cast<std::size_t>(m.method);
    const bool variant = i >= markedMethodCount() && m.method != CalibrationMethod::Manual;
    const QColor colour = theme::calibrationMethod(method);
    return QCPScatterStyle(variant ? QCPScatterStyle::ssCrossCircle
                                   : kShapes[method % std::size(kShapes)],
                           QPen(colour, m.chosen ? 2.5 : 1.5),
                           m.chosen ? QBrush(colour) : QBrush(Qt::NoBrush), m.chosen ? 13 : 9);
}

// The symbol as an icon, for the table that serves as the markers' legend.
QIcon markerIcon(const QCPScatterStyle& style)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QCPPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QCPScatterStyle small = style;
    small.setSize(std::min(style.size(), 11.0));
    small.applyTo(&painter, style.pen());
    small.drawShape(&painter, 8, 8);
    return QIcon(pixmap);
}

} // namespace

SweepPlots::SweepPlots(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_bits = makePlot(this, QStringLiteral("bitsSweep"));
    m_texts->bind([this] { setHeading(m_bits, tr("SQNR over bit width")); });
    m_texts->bind([this] { m_bits->xAxis->setLabel(tr("bits")); });
    m_texts->bind([this] { m_bits->yAxis->setLabel(tr("SQNR (dB)")); });
    m_clip = makePlot(this, QStringLiteral("clipSweep"));
    m_texts->bind([this] { setHeading(m_clip, tr("Error over clip threshold")); });
    m_texts->bind([this] { m_clip->xAxis->setLabel(tr("clip threshold t (clip at ±t)")); });
    m_texts->bind([this] { m_clip->yAxis->setLabel(tr("MSE")); });
    setLogAxis(m_clip->xAxis);
    setLogAxis(m_clip->yAxis);
    m_outlier = makePlot(this, QStringLiteral("outlierSweep"));
    m_texts->bind([this] { setHeading(m_outlier, tr("One outlier, growing")); });
    m_texts->bind([this] { m_outlier->xAxis->setLabel(tr("outlier at mean + m·σ, m")); });
    m_texts->bind([this] { m_outlier->yAxis->setLabel(tr("SQNR of the other values (dB)")); });
    m_texts->bind([this] { m_outlier->yAxis2->setLabel(tr("on the zero code (%)")); });
    m_outlier->yAxis2->setVisible(true);
    setLogAxis(m_outlier->xAxis);
    // Three value axes leave this plot's x axis narrow: short labels at the decades.
    auto decades = QSharedPointer<QCPAxisTickerText>::create();
    decades->setTicks({1, 10, 100, 1000}, {QStringLiteral("1"), QStringLiteral("10"),
                                           QStringLiteral("10²"), QStringLiteral("10³")});
    m_outlier->xAxis->setTicker(decades);
    m_scaleAxis = m_outlier->axisRect()->addAxis(QCPAxis::atRight);
    m_texts->bind([this] { m_scaleAxis->setLabel(tr("Scale")); });
    setLogAxis(m_scaleAxis);
    auto wholeBits = QSharedPointer<QCPAxisTickerFixed>::create();
    wholeBits->setTickStep(2);
    m_bits->xAxis->setTicker(wholeBits);
    setLegendColumnsBelow(m_bits, 1);
    setLegendColumnsBelow(m_outlier, 1);
    for (QCustomPlot* plot : {m_bits, m_clip, m_outlier}) {
        plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    }
    m_choices = new QTableWidget(0, 3, this);
    m_choices->setObjectName(QStringLiteral("calibrationChoices"));
    m_choices->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_choices->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_choices->verticalHeader()->hide();
    // The numbers keep their width; the names take what is left, elided if they must.
    m_choices->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_choices->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_choices->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_choices->setWordWrap(false);
    m_choices->setIconSize(QSize(16, 16));
    m_choices->verticalHeader()->setDefaultSectionSize(m_choices->fontMetrics().height() + 6);
    m_texts->bind([this] {
        m_choices->setHorizontalHeaderLabels({tr("Calibration"), tr("SQNR (dB)"), tr("Threshold")});
    });
    // The clip plot over its table. (Not a QSplitter: it would take the lesson's highlight
    // frame, a child of the plot's parent, for a pane of its own.)
    auto* clipColumn = new QWidget(this);
    clipColumn->setObjectName(QStringLiteral("clipColumn"));
    auto* clipLayout = new QVBoxLayout(clipColumn);
    clipLayout->setContentsMargins(0, 0, 0, 0);
    clipLayout->addWidget(m_clip, 2);
    clipLayout->addWidget(m_choices, 1); // it scrolls; the plot is what the lesson is about
    m_clip->setParent(clipColumn);
    m_choices->setParent(clipColumn);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bits);
    layout->addWidget(clipColumn);
    layout->addWidget(m_outlier);
    // Three value axes (SQNR, the zero code's share, the scale) take more width than one.
    m_outlier->setMinimumWidth(235);
    m_texts->onChange([this] {
        if (m_shownBits) {
            showBits(m_shownBits->first, m_shownBits->second);
        }
        if (m_shownClip) {
            showClip(*m_shownClip);
        }
        if (m_shownOutlier) {
            showOutlier(*m_shownOutlier);
        }
        for (QCustomPlot* plot : {m_bits, m_clip, m_outlier}) {
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

void SweepPlots::clear()
{
    m_shownBits.reset();
    m_shownClip.reset();
    m_shownOutlier.reset();
    m_choices->setRowCount(0);
    for (QCustomPlot* plot : {m_bits, m_clip, m_outlier}) {
        reset(plot);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void SweepPlots::showBits(const Result<BitsSweep>& sweep, int currentBits)
{
    if (!m_shownBits || &m_shownBits->first != &sweep) {
        m_shownBits.emplace(sweep, currentBits);
    }
    reset(m_bits);
    if (!sweep) {
        showMessage(m_bits, messageOf(sweep.error()));
        return;
    }
    QVector<double> bits, sqnr, ideal;
    double top = 0;
    for (const BitsPoint& p : sweep->points) {
        bits << p.bits;
        // A lossless width (+∞ dB) is drawn on the line, where it cannot be beaten.
        sqnr << (std::isfinite(p.sqnrDb) ? p.sqnrDb : sweep->idealSqnrDb(p.bits));
        ideal << sweep->idealSqnrDb(p.bits);
        top = std::max({top, sqnr.back(), ideal.back()});
    }
    QCPGraph* line = addLine(m_bits, QStringLiteral("ideal-line"), tr("6.02 dB/bit line"),
                             theme::referencePen());
    line->setData(bits, ideal, true);
    QCPGraph* measured =
        addLine(m_bits, QStringLiteral("sqnr"), tr("SQNR"), QPen(theme::values().darker(130), 2));
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    measured->setData(bits, sqnr, true);
    addVerticalLine(m_bits, m_bits->axisRect(), currentBits, theme::zeroPointPen(),
                    QStringLiteral("current-bits"));
    m_bits->xAxis->setRange(kMinBits - 0.5, kMaxBits + 0.5);
    m_bits->yAxis->rescale();
    m_bits->yAxis->setRange(std::min(0.0, m_bits->yAxis->range().lower), top + 6);
    m_bits->legend->setVisible(true);
    m_bits->replot(QCustomPlot::rpQueuedReplot);
}

void SweepPlots::showClip(const Result<ClipSweep>& sweep)
{
    if (!m_shownClip || &*m_shownClip != &sweep) {
        m_shownClip = sweep;
    }
    reset(m_clip);
    m_choices->setRowCount(0);
    if (!sweep) {
        showMessage(m_clip, messageOf(sweep.error()));
        return;
    }
    QVector<double> t, total, rounding, clipping;
    for (const ClipPoint& p : sweep->points) {
        t << forLogAxis(p.threshold);
        total << forLogAxis(p.mse);
        rounding << forLogAxis(p.roundingMse);
        clipping << forLogAxis(p.clippingMse);
    }
    addLine(m_clip, QStringLiteral("rounding-mse"), tr("rounding"),
            QPen(theme::roundingError(), 1.5))
        ->setData(t, rounding, true);
    addLine(m_clip, QStringLiteral("clipping-mse"), tr("clipping"), QPen(theme::clipped(), 1.5))
        ->setData(t, clipping, true);
    addLine(m_clip, QStringLiteral("total-mse"), tr("total MSE"), QPen(theme::total(), 2))
        ->setData(t, total, true);

    // Each calibration's choice, where its MSE actually is: one symbol each, in the legend;
    // the scheme's own calibration drawn larger.
    // Each choice as a symbol in its method's colour (a framework's variant: a cross in a
    // circle), the scheme's own drawn larger and filled. The table under the plot is their
    // legend: twelve entries would leave the plot no room.
    for (std::size_t i = 0; i < sweep->markers.size(); ++i) {
        const ClipMarker& m = sweep->markers[i];
        const double x = forLogAxis(m.point.threshold);
        const double y = forLogAxis(m.point.mse);
        const QString name = methodLabel(m.method);
        // objectName: the same in every language
        std::string id = std::string(calibrationName(m.method));
        if (i >= markedMethodCount() && m.method != CalibrationMethod::Manual) {
            id += "-" + m.variant;
        }
        QCPGraph* marker = addLine(m_clip, QStringLiteral("marker-") + QString::fromStdString(id),
                                   m.chosen ? tr("%1 (chosen)").arg(name) : name, Qt::NoPen);
        marker->setLineStyle(QCPGraph::lsNone);
        marker->setScatterStyle(markerStyle(sweep->markers, i));
        marker->removeFromLegend();
        if (!std::isnan(x) && !std::isnan(y)) {
            marker->addData(x, y);
        }
    }
    showChoices(*sweep);
    m_clip->rescaleAxes();
    const QCPRange y = m_clip->yAxis->range();
    m_clip->yAxis->setRange(y.lower / 1.5, y.upper * 1.5);
    // From a decade and a half below the smallest choice: further left everything clips and
    // the curves only flatten out.
    double firstChoice = m_clip->xAxis->range().upper;
    for (const ClipMarker& m : sweep->markers) {
        if (m.point.threshold > 0) {
            firstChoice = std::min(firstChoice, m.point.threshold);
        }
    }
    m_clip->xAxis->setRange(std::max(m_clip->xAxis->range().lower / 1.2, firstChoice / 30),
                            m_clip->xAxis->range().upper * 1.2);
    // The total's valley and the choices fill the height. The rounding and clipping parts run
    // over ten decades between them (rounding vanishes as t shrinks, clipping explodes); scaled
    // to them, the valley was a flat line and the choices one pile of symbols.
    const QCPRange shownT = m_clip->xAxis->range();
    double lowest = std::numeric_limits<double>::infinity();
    double highest = 0;
    for (const ClipPoint& p : sweep->points) {
        if (shownT.contains(p.threshold) && p.mse > 0 && std::isfinite(p.mse)) {
            lowest = std::min(lowest, p.mse);
        }
    }
    for (const ClipMarker& m : sweep->markers) {
        if (m.point.mse > 0 && std::isfinite(m.point.mse)) {
            lowest = std::min(lowest, m.point.mse);
            highest = std::max(highest, m.point.mse);
        }
    }
    if (std::isfinite(lowest) && highest > 0) {
        // At least a decade, and room above the highest choice for its symbol.
        m_clip->yAxis->setRange(lowest / 2, std::max(highest * 2.5, lowest * 10));
    }
    m_clip->legend->setVisible(true);
    m_clip->replot(QCustomPlot::rpQueuedReplot);
}

// One row per choice, each framework's variant right under its method ("↳ MXNet"), SQNR
// first: the table must stay readable in a third of the window's width.
void SweepPlots::showChoices(const ClipSweep& sweep)
{
    const std::size_t methods = markedMethodCount();
    std::vector<std::size_t> order;
    for (std::size_t base = 0; base < std::min(methods, sweep.markers.size()); ++base) {
        order.push_back(base);
        for (std::size_t v = methods; v < sweep.markers.size(); ++v) {
            if (sweep.markers[v].method == sweep.markers[base].method) {
                order.push_back(v);
            }
        }
    }
    for (std::size_t i = methods; i < sweep.markers.size(); ++i) {
        if (sweep.markers[i].method == CalibrationMethod::Manual) {
            order.push_back(i); // the dragged range, last
        }
    }
    m_choices->setRowCount(static_cast<int>(order.size()));
    for (std::size_t row = 0; row < order.size(); ++row) {
        const std::size_t i = order[row];
        const ClipMarker& m = sweep.markers[i];
        const int variant = CalibrationTexts::variantIndex(m.method, m.variant);
        const QString label =
            i < methods || m.method == CalibrationMethod::Manual
                ? methodLabel(m.method)
                : QStringLiteral("↳ ") + CalibrationTexts::variant(m.method, variant);
        QString about = variant < 0 ? methodLabel(m.method)
                                    : methodLabel(m.method) + QStringLiteral(", ") +
                                          CalibrationTexts::variant(m.method, variant) +
                                          QStringLiteral("\n") +
                                          CalibrationTexts::variantSource(m.method, variant);
        if (m.chosen) { // bold in the table, named in its tooltip
            about = tr("%1 (chosen)").arg(about);
        }
        // The MSE is the plot's own axis; the tooltip gives it in digits.
        about += QStringLiteral("\n") + tr("MSE %1").arg(formatValue(m.point.mse));
        const QStringList cells{label,
                                std::isfinite(m.point.sqnrDb)
                                    ? QString::number(m.point.sqnrDb, 'f', 2)
                                    : QStringLiteral("∞"),
                                formatValue(m.point.threshold)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(about);
            if (c >= 1) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            if (c == 0) {
                item->setIcon(markerIcon(markerStyle(sweep.markers, i)));
                item->setData(Qt::UserRole, QString::fromStdString(m.variant));
            }
            QFont font = item->font();
            font.setBold(m.chosen);
            item->setFont(font);
            m_choices->setItem(static_cast<int>(row), c, item);
        }
    }
}

void SweepPlots::showOutlier(const Result<OutlierSweep>& sweep)
{
    if (!m_shownOutlier || &*m_shownOutlier != &sweep) {
        m_shownOutlier = sweep;
    }
    reset(m_outlier);
    if (!sweep) {
        showMessage(m_outlier, messageOf(sweep.error()));
        return;
    }
    QVector<double> m, sqnr, zero, scale;
    for (const OutlierPoint& p : sweep->points) {
        m << p.magnitudeSigma;
        sqnr << (std::isfinite(p.sqnrDb) ? p.sqnrDb : kNaN);
        zero << 100.0 * p.zeroCodeFraction;
        scale << forLogAxis(std::fabs(p.scale));
    }
    QCPGraph* quality = addLine(m_outlier, QStringLiteral("outlier-sqnr"), tr("SQNR of the rest"),
                                QPen(theme::values().darker(130), 2));
    quality->setData(m, sqnr, true);
    quality->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    addLine(m_outlier, QStringLiteral("outlier-zero-share"), tr("on the zero code"),
            QPen(theme::zeroPoint(), 2), m_outlier->yAxis2)
        ->setData(m, zero, true);
    addLine(m_outlier, QStringLiteral("outlier-scale"), tr("Scale"),
            QPen(theme::outlier(), 1.5, Qt::DashLine), m_scaleAxis)
        ->setData(m, scale, true);
    m_outlier->xAxis->setRange(0.8, 1300);
    m_outlier->yAxis->rescale();
    const QCPRange y = m_outlier->yAxis->range();
    m_outlier->yAxis->setRange(std::min(0.0, y.lower), y.upper + 3);
    m_outlier->yAxis2->setRange(0, 105);
    m_scaleAxis->rescale();
    const QCPRange s = m_scaleAxis->range();
    m_scaleAxis->setRange(s.lower / 1.5, s.upper * 1.5);
    m_outlier->legend->setVisible(true);
    m_outlier->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
