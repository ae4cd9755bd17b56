#include "lessons/highlight_frame.h"

#include "theme.h"

#include <QEvent>
#include <QPainter>

namespace qs::ui {
namespace {

constexpr int kPenWidth = 3;
constexpr int kMargin = 4; // between the frame and the target

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
    // A sibling laid just around the target, so that the frame hides none of its content.
    setParent(target->parentWidget());
    followTarget();
    target->installEventFilter(this);
    setVisible(target->isVisible());
}

bool HighlightFrame::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_target) {
        switch (event->type()) {
        case QEvent::Resize:
        case QEvent::Move:
            followTarget();
            break;
        case QEvent::Show:
            followTarget();
            show();
            break;
        case QEvent::Hide:
            hide();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HighlightFrame::followTarget()
{
    // Where the target touches its parent's edge the frame runs along the inside of its border.
    const QRect around = m_target->geometry().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    setGeometry(around & parentWidget()->rect());
    raise();
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
