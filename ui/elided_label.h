#pragma once
// A one-line label that gives way to its column: a value longer than the room it has (a tensor
// name like "model.layers.27.mlp.experts.63.down_proj.weight") is elided in the middle, where
// twins such as then/else branches still differ at both ends, and shown whole in its tooltip.
// text() stays the whole value.

#include <QLabel>

namespace qs::ui {

class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(const QString& text = {}, QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;
    // The text as drawn at the label's width.
    QString shownText() const;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace qs::ui
