#include "plots/clip_line_drag.h"

#include <qcustomplot.h>

#include <cmath>

namespace qs::ui {
namespace {

constexpr double kReachPixels = 6;

QCPItemStraightLine* lineNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == name) {
            return qobject_cast<QCPItemStraightLine*>(plot->item(i));
        }
    }
    return nullptr;
}

} // namespace

ClipLineDrag::ClipLineDrag(QCustomPlot* plot) : QObject(plot), m_plot(plot)
{
    connect(plot, &QCustomPlot::mousePress, this, &ClipLineDrag::onPress);
    connect(plot, &QCustomPlot::mouseMove, this, &ClipLineDrag::onMove);
    connect(plot, &QCustomPlot::mouseRelease, this, &ClipLineDrag::onRelease);
}

void ClipLineDrag::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled && m_dragging) {
        m_dragging.reset();
        m_plot->setInteraction(QCP::iRangeDrag, true);
    }
}

std::optional<GridEnd> ClipLineDrag::lineNear(double pixelX) const
{
    if (!m_enabled) {
        return std::nullopt;
    }
    std::optional<GridEnd> nearest;
    double best = kReachPixels;
    for (const auto& [name, end] :
         {std::pair{QStringLiteral("representable-min"), GridEnd::Low},
          std::pair{QStringLiteral("representable-max"), GridEnd::High}}) {
        if (QCPItemStraightLine* line = lineNamed(m_plot, name)) {
            const double distance = std::fabs(line->point1->pixelPosition().x() - pixelX);
            if (distance <= best) {
                best = distance;
                nearest = end;
            }
        }
    }
    return nearest;
}

void ClipLineDrag::onPress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    m_dragging = lineNear(event->position().x());
    m_moved = false;
    if (m_dragging) {
        m_plot->setInteraction(QCP::iRangeDrag, false); // the line moves, not the axis
    }
}

void ClipLineDrag::onMove(QMouseEvent* event)
{
    if (!m_dragging) {
        m_plot->setCursor(lineNear(event->position().x()) ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    m_moved = true;
    const double value = m_plot->xAxis->pixelToCoord(event->position().x());
    // The line follows the mouse at once; the analysis follows when the window has it.
    const QString name = *m_dragging == GridEnd::Low ? QStringLiteral("representable-min")
                                                     : QStringLiteral("representable-max");
    if (QCPItemStraightLine* line = lineNamed(m_plot, name)) {
        line->point1->setCoords(value, 0);
        line->point2->setCoords(value, 1);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    emit dragged(*m_dragging, value);
}

void ClipLineDrag::onRelease(QMouseEvent* event)
{
    if (!m_dragging) {
        return;
    }
    const GridEnd end = *m_dragging;
    m_dragging.reset();
    m_plot->setInteraction(QCP::iRangeDrag, true);
    if (m_moved) {
        emit dragged(end, m_plot->xAxis->pixelToCoord(event->position().x()));
    }
}

} // namespace qs::ui
