#include "plots/plot_pair.h"

#include <QBoxLayout>
#include <QResizeEvent>

namespace qs::ui {
namespace {

// Side by side once each plot would still be wider than tall.
constexpr double kSideBySideAspect = 2.0;

} // namespace

PlotPair::PlotPair(QWidget* first, QWidget* second, QWidget* parent)
    : QWidget(parent), m_first(first), m_second(second)
{
    first->setParent(this);
    second->setParent(this);
    m_layout = new QBoxLayout(QBoxLayout::LeftToRight, this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(first, 1);
    m_layout->addWidget(second, 1);
}

bool PlotPair::sideBySide() const
{
    return m_layout->direction() == QBoxLayout::LeftToRight;
}

QSize PlotPair::minimumSizeHint() const
{
    const QSize first = m_first->minimumSizeHint().expandedTo(m_first->minimumSize());
    const QSize second = m_second->minimumSizeHint().expandedTo(m_second->minimumSize());
    return first.expandedTo(second);
}

int PlotPair::sideBySideWidth() const
{
    return m_first->minimumSizeHint().expandedTo(m_first->minimumSize()).width() +
           m_second->minimumSizeHint().expandedTo(m_second->minimumSize()).width() +
           m_layout->spacing();
}

void PlotPair::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const QSize size = event->size();
    const bool wide =
        size.width() >= kSideBySideAspect * size.height() && size.width() >= sideBySideWidth();
    const auto wanted = wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_layout->direction() != wanted) {
        m_layout->setDirection(wanted);
    }
}

} // namespace qs::ui
