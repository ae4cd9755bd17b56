#include "plots/snapshot_plot.h"

#include "i18n/retranslator.h"
#include "plots/plot_setup.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {

SnapshotPlot::SnapshotPlot(const QString& objectName, Redraw redraw, QWidget* parent)
    : QWidget(parent), m_redraw(redraw)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(objectName);
    setUpPlot(m_plot);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_plot, 1);
    m_texts->onChange([this] {
        if (m_snapshot) {
            setSnapshot(m_snapshot);
        } else {
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

void SnapshotPlot::setSnapshot(SnapshotPtr snapshot)
{
    const SnapshotPtr previous = std::exchange(m_snapshot, std::move(snapshot));
    if (m_redraw == Redraw::FromScratch) {
        m_plot->clearPlottables(); // graphs and bars
        m_plot->clearItems();
    }
    if (m_snapshot) {
        draw(*m_snapshot, previous.get());
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SnapshotPlot::keepLegendBelow(int maxColumns)
{
    setLegendColumnsBelow(m_plot, maxColumns);
    placeLegendBelow(m_plot);
    fitLegendColumns(m_plot, maxColumns);
}

} // namespace qs::ui
