#include "grip_splitter.h"

#include <QEvent>
#include <QPainter>
#include <QSplitterHandle>

namespace qs::ui {
namespace {

constexpr int kHandleWidth = 7;
constexpr int kDots = 5;
constexpr int kDotSpacing = 5;
constexpr qreal kDotRadius = 1.2;

// Five dots across the middle of the handle, in the palette's mid-dark tone; darker under the
// mouse, where the cursor already says the handle can be dragged.
class GripHandle : public QSplitterHandle
{
public:
    GripHandle(Qt::Orientation orientation, QSplitter* parent)
        : QSplitterHandle(orientation, parent)
    {
        setAttribute(Qt::WA_Hover);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        const bool hovered = underMouse();
        painter.setBrush(palette().color(hovered ? QPalette::Dark : QPalette::Mid));
        const QPointF centre = QRectF(rect()).center();
        const qreal start = -kDotSpacing * (kDots - 1) / 2.0;
        for (int i = 0; i < kDots; ++i) {
            const qreal along = start + i * kDotSpacing;
            const QPointF dot = orientation() == Qt::Horizontal ? centre + QPointF(0, along)
                                                                : centre + QPointF(along, 0);
            painter.drawEllipse(dot, kDotRadius, kDotRadius);
        }
    }

    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::HoverEnter || event->type() == QEvent::HoverLeave) {
            update();
        }
        return QSplitterHandle::event(event);
    }
};

} // namespace

GripSplitter::GripSplitter(Qt::Orientation orientation, QWidget* parent)
    : QSplitter(orientation, parent)
{
    setHandleWidth(kHandleWidth);
}

QSplitterHandle* GripSplitter::createHandle()
{
    return new GripHandle(orientation(), this);
}

} // namespace qs::ui
