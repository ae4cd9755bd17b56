#pragma once
// Two plots to compare, before and after: side by side where the room is wide, one above the
// other where it is tall, so that each keeps a usable shape in a narrow window and a wide one.

#include <QWidget>

class QBoxLayout;

namespace qs::ui {

class PlotPair : public QWidget
{
    Q_OBJECT

public:
    PlotPair(QWidget* first, QWidget* second, QWidget* parent = nullptr);

    bool sideBySide() const;
    // Room for either arrangement: as wide as the wider plot, as tall as the taller one — the
    // pair stacks when it is given less width than side by side needs.
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int sideBySideWidth() const;

    QWidget* m_first = nullptr;
    QWidget* m_second = nullptr;
    QBoxLayout* m_layout = nullptr;
};

} // namespace qs::ui
