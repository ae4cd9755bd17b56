#pragma once
// A coloured frame drawn around a widget to point at it ("this plot"). It lies on top, just
// around the widget, follows its geometry, shows and hides with it, and lets every click through.

#include <QPointer>
#include <QWidget>

namespace qs::ui {

class HighlightFrame : public QWidget
{
    Q_OBJECT

public:
    explicit HighlightFrame(QWidget* parent = nullptr);

    // Frames `target` (nullptr: nothing). The target must have a parent widget.
    void attach(QWidget* target);
    QWidget* target() const { return m_target; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void followTarget();

    QPointer<QWidget> m_target;
};

} // namespace qs::ui
