#pragma once
// One palette for QuantScope: a colour means the same thing in every plot, table and report.

#include <QBrush>
#include <QColor>
#include <QPen>

namespace qs::ui::theme {

QColor values();         // the data: histogram bars, R in the transfer plot
QColor clipped();        // values that clip, clipping error
QColor unused();         // the part of the integer range no value reaches
QColor zeroPoint();      // the code of real 0
QColor representable();  // [R'(Qmin), R'(Qmax)]
QColor outlier();        // values beyond k·σ
QColor roundingError();  // error of values inside the grid
QColor codeGrid();       // one line per code when zoomed in
QColor best();           // the best value of a row in the compare table
QColor outlierRowTint(); // a tensor an outlier rule flags, in the model table

QBrush clippedBrush();
QBrush unusedBrush(); // grey hatch
QPen zeroPointPen();  // dashed
QPen representablePen();
QPen codeGridPen();

} // namespace qs::ui::theme
