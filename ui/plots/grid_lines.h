#pragma once
// A grid's representable values over the visible part of a plot's x axis: one line per value
// where its neighbours are far enough apart to tell them apart, and a band along the bottom of the
// plot where they are too dense to draw one by one (FP8 near zero, an int8 grid seen whole).
// FP8's and NF4's uneven spacing shows as lines that thin out towards the ends. The lines are
// named "code-grid", the bands "code-grid-dense".

#include "quant/grid_geometry.h"

class QCustomPlot;

namespace qs::ui {

struct GridLinesDrawn
{
    int lines = 0;
    int bands = 0;
};

// Replaces the grid items of `plot` with those of `grid` over [lo, hi]. Values closer than
// `minGapPixels` to a neighbour go into bands; with more than `maxLines` lines to draw the whole
// visible part is one band.
GridLinesDrawn drawGridLines(QCustomPlot* plot, const GridGeometry& grid, double lo, double hi,
                             int maxLines = 160, double minGapPixels = 4);

void removeGridLines(QCustomPlot* plot);

} // namespace qs::ui
