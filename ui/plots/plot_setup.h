#pragma once
// Shared QCustomPlot set-up: one look for every plot.

#include <QBrush>
#include <QPen>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QFont;

namespace qs::ui {

// The shared look, the overlay layer and the export context menu; and from then on, the texts
// refitted to the room they have after every layout (fitPlotTexts).
void setUpPlot(QCustomPlot* plot);

// Moves the legend out of the data: a row under the axis rect, entries side by side (up to
// setLegendColumnsBelow's count, 4 unless set), in as many rows as the plot's width needs.
void placeLegendBelow(QCustomPlot* plot);
void setLegendColumnsBelow(QCustomPlot* plot, int maxColumns);

// The headings (text elements of the plot layout) and axis labels wrapped to the room the last
// layout gave them, and a legend below the plot in as many rows as its entries need at that
// width. True if any of them changed (the plot then needs laying out again).
bool fitPlotTexts(QCustomPlot* plot);
// Set on a plot while it is drawn for an export: its texts are fitted to the export's size even
// when the plot is not on screen.
extern const char* const kExportingProperty;

// Fewest legend rows, up to `maxColumns` entries side by side, such that the legend fits the
// plot's width (long entries, such as a block's scale, get a row to themselves).
void fitLegendColumns(QCustomPlot* plot, int maxColumns);

// `text` broken into lines at spaces so that each fits `width` pixels in `font` (a word longer
// than the width keeps a line of its own): titles and axis labels of narrow plots. With
// maxLines > 0, the last line allowed takes the rest of the text, elided to the width.
QString wrapToWidth(const QString& text, const QFont& font, int width, int maxLines = 0);

// A graph with no data that only puts an entry in the legend (for overlays drawn as items).
QCPGraph* addLegendEntry(QCustomPlot* plot, const QString& name, const QPen& pen,
                         const QBrush& brush);

// Overlay items live on their own layer under the data; `name` makes them findable in tests.
QCPItemRect* addSpan(QCustomPlot* plot, QCPAxisRect* rect, double from, double to,
                     const QBrush& brush, const QString& name);
QCPItemStraightLine* addVerticalLine(QCustomPlot* plot, QCPAxisRect* rect, double x,
                                     const QPen& pen, const QString& name);
QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, double x, double yRatio,
                      const QString& text, const QColor& colour, Qt::Alignment alignment,
                      const QString& name);

// The text of the bar nearest x in a plot of one bar per slot (0, 1, 2, ...): what hovering it
// says; empty off the bars.
QString slotText(const QStringList& texts, double x);

extern const char* const kOverlayLayer;

} // namespace qs::ui
