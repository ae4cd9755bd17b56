#include "column_scroll_area.h"

#include <QEvent>
#include <QScrollBar>

namespace qs::ui {

ColumnScrollArea::ColumnScrollArea(QWidget* column, QWidget* parent) : QScrollArea(parent)
{
    setWidget(column);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A scroll bar that came and went would change the width the labels wrap to.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    column->installEventFilter(this);
}

bool ColumnScrollArea::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == widget() && event->type() == QEvent::LayoutRequest) {
        fitHeight();
    }
    return QScrollArea::eventFilter(watched, event);
}

void ColumnScrollArea::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    fitHeight();
}

void ColumnScrollArea::fitHeight()
{
    QWidget* column = widget();
    if (column == nullptr || !column->hasHeightForWidth()) {
        return;
    }
    const int height = column->heightForWidth(viewport()->width());
    if (height > 0 && height != column->minimumHeight()) {
        column->setMinimumHeight(height);
    }
}

} // namespace qs::ui
