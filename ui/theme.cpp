#include "theme.h"

#include <algorithm>
#include <cmath>

namespace qs::ui::theme {
namespace {

// A fill that lets what is under it show through.
QColor translucent(QColor colour, int alpha)
{
    colour.setAlpha(alpha);
    return colour;
}

} // namespace

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
QColor underflow()
{
    return QColor(0x94, 0x67, 0xbd);
}
QColor specialCode()
{
    return QColor(0x8c, 0x56, 0x4b);
}
QColor best()
{
    return QColor(0xd5, 0xf0, 0xd5);
}
QColor outlierRowTint()
{
    return QColor(0xff, 0xe8, 0xd0); // a pale form of outlier()
}

QColor reference()
{
    return QColor(140, 140, 140);
}
QColor total()
{
    return QColor(40, 40, 40);
}
QColor selection()
{
    return QColor(30, 30, 30);
}
QColor annotation()
{
    return QColor(90, 90, 90);
}

QColor bitsPerValue(double bits)
{
    const double lo = std::log(1.5);
    const double hi = std::log(16.0);
    const double t = std::clamp((std::log(std::max(bits, 1e-3)) - lo) / (hi - lo), 0.0, 1.0);
    return QColor::fromHsvF(static_cast<float>(0.66 * t), 0.35f, 1.0f);
}

QColor calibrationMethod(std::size_t index)
{
    // min–max, percentile, MSE, KL, ACIQ-Gauss, ACIQ-Laplace
    static const QColor kColours[] = {QColor(90, 90, 90),  QColor(0, 140, 160),
                                      QColor(20, 20, 20),  QColor(150, 60, 170),
                                      QColor(60, 130, 40), QColor(200, 120, 0)};
    return kColours[index % std::size(kColours)];
}

QColor series(std::size_t index)
{
    // Distinct from the fixed meanings above (not red, not the values' blue, not grey).
    static const QColor kColours[] = {QColor(0, 120, 90), QColor(160, 70, 170), QColor(210, 130, 0),
                                      QColor(40, 90, 200)};
    return kColours[index % std::size(kColours)];
}

QBrush clippedBrush()
{
    return translucent(clipped(), 50);
}

QBrush unusedBrush()
{
    return QBrush(translucent(unused(), 140), Qt::BDiagPattern);
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

QBrush denseGridBrush()
{
    return translucent(codeGrid(), 170);
}

QBrush underflowBrush()
{
    return translucent(underflow(), 55);
}

QPen referencePen()
{
    return QPen(reference(), 1.2, Qt::DashLine);
}

QPen selectionPen()
{
    return QPen(selection(), 1.5, Qt::DashLine);
}

QPen barPen(const QColor& colour)
{
    return QPen(colour.darker(120), 1);
}

QBrush barBrush(const QColor& colour)
{
    return translucent(colour, 150);
}

QBrush legendBrush()
{
    return QColor(255, 255, 255, 220);
}

QPen legendBorderPen()
{
    return QPen(QColor(200, 200, 200));
}

QBrush labelBrush()
{
    return QColor(255, 255, 255, 200);
}

} // namespace qs::ui::theme
