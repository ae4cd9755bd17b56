#include "plots/shootout_plots.h"

#include "i18n/retranslator.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

QCustomPlot* makePlot(QWidget* parent, const QString& name)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    setUpPlot(plot);
    placeLegendBelow(plot);
    plot->setMinimumHeight(220);
    return plot;
}

void reset(QCustomPlot* plot)
{
    plot->clearGraphs();
    plot->clearItems();
    plot->legend->setVisible(false);
}

// A lossless row (+∞ dB) is drawn at the top of the others.
double drawnSqnr(const ShootoutRow& row, double top)
{
    return std::isfinite(row.metrics.sqnrDb) ? row.metrics.sqnrDb : top;
}

} // namespace

ShootoutPlots::ShootoutPlots(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_front = makePlot(this, QStringLiteral("shootoutFrontPlot"));
    m_errors = makePlot(this, QStringLiteral("shootoutErrorPlot"));
    m_errors->xAxis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setTickCount(4);
    m_errors->xAxis->setTicker(ticker);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_front, 1);
    layout->addWidget(m_errors, 1);
    m_texts->onChange([this] { draw(); });
}

void ShootoutPlots::show(std::shared_ptr<const Shootout> shootout, std::optional<int> current)
{
    m_shootout = std::move(shootout);
    m_current = current;
    draw();
}

void ShootoutPlots::clear()
{
    m_shootout.reset();
    m_current.reset();
    draw();
}

void ShootoutPlots::draw()
{
    reset(m_front);
    reset(m_errors);
    m_front->xAxis->setLabel(tr("bits per value (scales included)"));
    m_front->yAxis->setLabel(tr("SQNR (dB)"));
    m_errors->xAxis->setLabel(tr("|R′ − R| at most"));
    m_errors->yAxis->setLabel(tr("share of values"));
    if (!m_shootout || m_shootout->rows.empty()) {
        m_front->replot(QCustomPlot::rpQueuedReplot);
        m_errors->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::vector<ShootoutRow>& rows = m_shootout->rows;
    double top = 0;
    for (const ShootoutRow& row : rows) {
        top = std::isfinite(row.metrics.sqnrDb) ? std::max(top, row.metrics.sqnrDb) : top;
    }

    // Every format as a point; the Pareto front joined from the fewest bits up and named (the
    // others crowd at the same few widths: the table names them).
    QCPGraph* points = m_front->addGraph();
    points->setObjectName(QStringLiteral("formats"));
    points->setName(tr("format"));
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, theme::values(), 6));
    std::vector<const ShootoutRow*> front;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const ShootoutRow& row = rows[r];
        points->addData(row.bitsPerValue, drawnSqnr(row, top));
        if (!row.pareto && static_cast<int>(r) != m_current.value_or(-1)) {
            continue;
        }
        auto* label = new QCPItemText(m_front);
        label->setObjectName(QStringLiteral("format-label"));
        label->position->setCoords(row.bitsPerValue, drawnSqnr(row, top));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(6, 0, 0, 0));
        label->setText(QString::fromStdString(row.name));
        label->setColor(row.pareto ? theme::values().darker(150) : theme::annotation());
        label->setClipToAxisRect(false);
        if (row.pareto) {
            front.push_back(&row);
        }
    }
    std::sort(front.begin(), front.end(), [](const ShootoutRow* a, const ShootoutRow* b) {
        return a->bitsPerValue < b->bitsPerValue;
    });
    QCPGraph* frontLine = m_front->addGraph();
    frontLine->setObjectName(QStringLiteral("pareto-front"));
    frontLine->setName(tr("Pareto front"));
    frontLine->setPen(theme::referencePen());
    for (const ShootoutRow* row : front) {
        frontLine->addData(row->bitsPerValue, drawnSqnr(*row, top));
    }
    if (m_current && *m_current >= 0 && *m_current < static_cast<int>(rows.size())) {
        const ShootoutRow& row = rows[static_cast<std::size_t>(*m_current)];
        QCPGraph* current = m_front->addGraph();
        current->setObjectName(QStringLiteral("current-format"));
        current->setName(tr("the current format")); // the window's, or the report's
        current->setLineStyle(QCPGraph::lsNone);
        current->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, theme::selectionPen(), QBrush(), 14));
        current->addData(row.bitsPerValue, drawnSqnr(row, top));
    }
    m_front->rescaleAxes();
    const QCPRange bits = m_front->xAxis->range();
    // Room on the right for the last point's name.
    m_front->xAxis->setRange(bits.lower - 0.1, bits.upper + 0.25 * std::max(bits.size(), 0.5));
    const QCPRange sqnr = m_front->yAxis->range();
    m_front->yAxis->setRange(sqnr.lower - 1, sqnr.upper + 1);
    m_front->legend->setVisible(true);
    m_front->replot(QCustomPlot::rpQueuedReplot);

    // The best formats' |error| distributions.
    const std::size_t curves = std::min(kErrorCurves, rows.size());
    double smallest = 0;
    for (std::size_t r = 0; r < curves; ++r) {
        QCPGraph* graph = m_errors->addGraph();
        graph->setObjectName(QStringLiteral("error-curve"));
        graph->setName(QString::fromStdString(rows[r].name));
        graph->setPen(QPen(theme::series(r), 2));
        graph->setLineStyle(QCPGraph::lsStepLeft);
        for (const AbsErrorPoint& p : absErrorCurve(rows[r].histograms)) {
            if (p.bound > 0) { // a log axis has no 0: exact values show as the first step
                graph->addData(p.bound, p.share);
                smallest = smallest == 0 ? p.bound : std::min(smallest, p.bound);
            }
        }
    }
    m_errors->rescaleAxes();
    if (smallest > 0) {
        m_errors->xAxis->setRangeLower(smallest / 2);
    }
    m_errors->yAxis->setRange(0, 1.05);
    m_errors->legend->setVisible(true);
    m_errors->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
