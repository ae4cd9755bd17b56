#include "plots/alpha_scan_plot.h"

#include "i18n/retranslator.h"
#include "mitigation_text.h"
#include "plots/headed_plot.h"
#include "plots/plot_setup.h"
#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {

AlphaScanPlot::AlphaScanPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = makeHeadedPlot(this, QStringLiteral("alphaScan"), 3);
    m_scan = m_plot->addGraph();
    m_scan->setObjectName(QStringLiteral("alpha-scan"));
    m_scan->setPen(QPen(theme::values(), 2));
    m_scan->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, theme::values(), 5));
    m_best = m_plot->addGraph();
    m_best->setObjectName(QStringLiteral("auto-alpha"));
    m_best->setLineStyle(QCPGraph::lsNone);
    m_best->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, theme::selectionPen(), QBrush(), 14));
    m_plot->xAxis->setRange(-0.03, 1.03);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    m_texts->onChange([this] { draw(); });
    draw();
}

void AlphaScanPlot::show(std::shared_ptr<const AlphaScan> scan, std::optional<double> beforeDb,
                         std::optional<double> currentAlpha)
{
    m_shown = std::move(scan);
    m_beforeDb = beforeDb;
    m_currentAlpha = currentAlpha;
    draw();
}

void AlphaScanPlot::draw()
{
    m_plot->clearItems();
    m_plot->xAxis->setLabel(tr("SmoothQuant's α (0: X as it is, 1: X flattened)"));
    m_plot->yAxis->setLabel(tr("output SQNR (dB)"));
    m_scan->setName(tr("output SQNR at α"));
    m_best->setName(tr("Auto's choice"));
    QCPAxisRect* rect = m_plot->axisRect();
    if (!m_shown || m_shown->alphas.empty()) {
        setPlotHeading(m_plot, tr("Output SQNR over α"));
        m_scan->data()->clear();
        m_best->data()->clear();
        addLabel(m_plot, rect, 0.5, 0.45,
                 tr("Scanning α from 0 to 1 runs while this tab is shown, or with Auto"),
                 theme::annotation(), Qt::AlignCenter, QStringLiteral("scan-hint"));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const AlphaScan& scan = *m_shown;
    const double bestAlpha = scan.bestAlpha();
    const double bestDb = scan.outputSqnrDb.at(scan.best);
    setPlotHeading(m_plot, tr("Output SQNR over α; Auto picks α = %1 (%2)")
                               .arg(bestAlpha, 0, 'f', 2)
                               .arg(decibelText(bestDb)));
    QVector<double> alphas(scan.alphas.begin(), scan.alphas.end());
    QVector<double> sqnrs(scan.outputSqnrDb.begin(), scan.outputSqnrDb.end());
    m_scan->setData(alphas, sqnrs, true);
    m_best->setData({bestAlpha}, {bestDb}, true);

    double lo = INFINITY;
    double hi = -INFINITY;
    for (const double db : scan.outputSqnrDb) {
        if (std::isfinite(db)) {
            lo = std::min(lo, db);
            hi = std::max(hi, db);
        }
    }
    if (m_beforeDb && std::isfinite(*m_beforeDb)) {
        lo = std::min(lo, *m_beforeDb);
        hi = std::max(hi, *m_beforeDb);
        auto* line = new QCPItemStraightLine(m_plot);
        line->setObjectName(QStringLiteral("before-level"));
        line->setLayer(kOverlayLayer);
        line->point1->setCoords(0, *m_beforeDb);
        line->point2->setCoords(1, *m_beforeDb);
        line->setPen(theme::referencePen());
        addLabel(m_plot, rect, 1.0, 0.98, tr("no transform: %1").arg(decibelText(*m_beforeDb)),
                 theme::reference().darker(130), Qt::AlignRight | Qt::AlignBottom,
                 QStringLiteral("before-level-label"));
    }
    if (m_currentAlpha) {
        addVerticalLine(m_plot, rect, *m_currentAlpha, QPen(theme::selection(), 1, Qt::DashLine),
                        QStringLiteral("current-alpha"));
        // Beside the line, on the side with room.
        const Qt::Alignment side = *m_currentAlpha > 0.7 ? Qt::AlignRight : Qt::AlignLeft;
        addLabel(m_plot, rect, *m_currentAlpha, 0.02,
                 tr("slider: α = %1").arg(*m_currentAlpha, 0, 'f', 2), theme::selection(),
                 side | Qt::AlignTop, QStringLiteral("current-alpha-label"));
    }
    if (hi >= lo) {
        const double margin = std::max(0.5, 0.08 * (hi - lo));
        m_plot->yAxis->setRange(lo - margin, hi + 2 * margin); // room above for the ring
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
