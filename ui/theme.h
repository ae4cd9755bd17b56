#pragma once
// One palette for QuantScope: a colour means the same thing in every plot, table and report.

#include <QBrush>
#include <QColor>
#include <QPen>

#include <cstddef>

namespace qs::ui::theme {

QColor values();         // the data: histogram bars, R in the transfer plot
QColor clipped();        // values that clip, clipping error
QColor unused();         // the part of the integer range no value reaches
QColor zeroPoint();      // the code of real 0
QColor representable();  // [R'(Qmin), R'(Qmax)]
QColor outlier();        // values beyond k·σ
QColor roundingError();  // error of values inside the grid
QColor codeGrid();       // one line per code when zoomed in
QColor underflow();      // the values a grid turns into 0
QColor specialCode();    // codes off the real axis: NaN, ±Inf (and the negative zero's mark)
QColor best();           // the best value of a row in the compare table
QColor outlierRowTint(); // a tensor an outlier rule flags, in the model table
QColor reference();      // lines a result is measured against: R′ = R, 6.02 dB per bit
QColor total();          // a whole next to its parts: the total MSE over rounding and clipping
QColor selection();      // the picked channel or group
QColor annotation();     // explanatory text inside a plot
// One colour per calibration method (by its index in CalibrationMethod), for their markers.
QColor calibrationMethod(std::size_t index);
// A storage cost as a light background: few bits per value warm (red at 1.5), many cool (blue
// at 16 and beyond), on a log scale — the type map's cells.
QColor bitsPerValue(double bits);
// One colour per format compared side by side (the shoot-out's error curves), by rank.
QColor series(std::size_t index);

QBrush clippedBrush();
QBrush unusedBrush(); // grey hatch
QPen zeroPointPen();  // dashed
QPen representablePen();
QPen codeGridPen();
QBrush denseGridBrush(); // where a grid's values are too close to draw one line each
QBrush underflowBrush();
QPen referencePen();
QPen selectionPen();
// Bars of a histogram in `colour`: a darker outline over a translucent fill.
QPen barPen(const QColor& colour);
QBrush barBrush(const QColor& colour);
// The frame of legends and of labels drawn over data.
QBrush legendBrush();
QPen legendBorderPen();
QBrush labelBrush();

} // namespace qs::ui::theme
