#include "theme.h"

namespace qs::ui::theme {

QColor values()
{
    return QColor(0x1f, 0x77, 0xb4);
}
QColor clipped()
{
    return QColor(0xd6, 0x27, 0x28);
}
QColor unused()
{
    return QColor(0x7f, 0x7f, 0x7f);
}
QColor zeroPoint()
{
    return QColor(0x2c, 0x2c, 0x2c);
}
QColor representable()
{
    return QColor(0x2c, 0xa0, 0x2c);
}
QColor outlier()
{
    return QColor(0xff, 0x7f, 0x0e);
}
QColor roundingError()
{
    return QColor(0x1f, 0x77, 0xb4);
}
QColor codeGrid()
{
    return QColor(0xb0, 0xb0, 0xb0);
}
QColor best()
{
    return QColor(0xd5, 0xf0, 0xd5);
}
QColor outlierRowTint()
{
    return QColor(0xff, 0xe8, 0xd0); // a pale form of outlier()
}

QBrush clippedBrush()
{
    QColor fill = clipped();
    fill.setAlpha(50);
    return fill;
}

QBrush unusedBrush()
{
    QColor hatch = unused();
    hatch.setAlpha(140);
    return QBrush(hatch, Qt::BDiagPattern);
}

QPen zeroPointPen()
{
    return QPen(zeroPoint(), 1.5, Qt::DashLine);
}

QPen representablePen()
{
    return QPen(representable(), 1.5);
}

QPen codeGridPen()
{
    return QPen(codeGrid(), 1, Qt::DashDotLine);
}

} // namespace qs::ui::theme
