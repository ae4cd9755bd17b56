#pragma once
// A vertical scroll area for a column of panels whose labels wrap. QScrollArea sizes its widget
// by sizeHint(), which guesses a wrapped label's height at another width than the column has, so
// the last lines of long labels were cut off; this one gives the widget the height its layout
// needs at the viewport's actual width, whenever either changes.

#include <QScrollArea>

namespace qs::ui {

class ColumnScrollArea : public QScrollArea
{
    Q_OBJECT

public:
    explicit ColumnScrollArea(QWidget* column, QWidget* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitHeight();
};

} // namespace qs::ui
