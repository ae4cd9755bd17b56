#pragma once
// Dragging an end of the grid on the histogram: pressing within a few pixels of the
// representable range's line ("representable-min" / "representable-max") and moving sets a
// manual clip range; the value axis does not pan meanwhile. Every move reports where the line
// is (the window recomputes, coalescing a fast drag); the release reports the last place.

#include "calibrate/manual_range.h"

#include <QObject>

class QCustomPlot;
class QMouseEvent;

namespace qs::ui {

class ClipLineDrag : public QObject
{
    Q_OBJECT

public:
    explicit ClipLineDrag(QCustomPlot* plot);

    // Off for grids a manual range does not apply to (formats, blocks, llama.cpp's types).
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    bool isDragging() const { return m_dragging.has_value(); }
    // The line within reach of the pixel x, if any (tests, and the hover cursor).
    std::optional<GridEnd> lineNear(double pixelX) const;

signals:
    void dragged(qs::GridEnd end, double value);

private:
    void onPress(QMouseEvent* event);
    void onMove(QMouseEvent* event);
    void onRelease(QMouseEvent* event);

    QCustomPlot* m_plot;
    bool m_enabled = false;
    std::optional<GridEnd> m_dragging;
    bool m_moved = false; // a click on a line without a move changes nothing
};

} // namespace qs::ui
