#include "lessons/highlight_frame.h"

#include "theme.h"

#include <QEvent>
#include <QPainter>

namespace qs::ui {
namespace {

constexpr int kPenWidth = 4;

} // namespace

HighlightFrame::HighlightFrame(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonHighlight"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
}

void HighlightFrame::attach(QWidget* target)
{
    if (m_target) {
        m_target->removeEventFilter(this);
    }
    m_target = target;
    if (!target) {
        hide();
        return;
    }
    setParent(target);
    setGeometry(target->rect());
    target->installEventFilter(this);
    raise();
    show();
}

bool HighlightFrame::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_target && event->type() == QEvent::Resize) {
        setGeometry(m_target->rect());
        raise();
    }
    return QWidget::eventFilter(watched, event);
}

void HighlightFrame::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(theme::outlier(), kPenWidth));
    painter.setBrush(Qt::NoBrush);
    const qreal inset = kPenWidth / 2.0;
    painter.drawRoundedRect(QRectF(rect()).adjusted(inset, inset, -inset, -inset), 6, 6);
}

} // namespace qs::ui
