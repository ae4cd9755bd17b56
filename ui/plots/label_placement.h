#pragma once
// Keeps a plot's overlay labels from printing over one another. Labels are placed by their data
// x and a height in the axis rect; next to an outlier the grid's ends and its zero can be a few
// pixels apart ("R′(−128)", "code 0", "R′(127)" on top of each other). Before every draw each
// label starts from the height it was given and moves down, below whatever it would cover,
// until it covers nothing placed before it.

class QCustomPlot;
class QCPAxisRect;

namespace qs::ui {

// Places the text items clipped to `rect` anew after every layout of `plot` (every replot,
// zoom, pan, resize and export).
void keepLabelsApart(QCustomPlot* plot, QCPAxisRect* rect);

// One pass now (what keepLabelsApart runs); returns how many labels were moved.
int separateLabels(QCustomPlot* plot, QCPAxisRect* rect);

} // namespace qs::ui
