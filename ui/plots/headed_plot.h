#pragma once
// A plot with a bold heading on top and its legend below, the shared look of the Outliers
// view's plots (their data fill the axis rect: no corner is free for a legend).

#include <QString>

class QCustomPlot;
class QWidget;

namespace qs::ui {

// `objectName` names the plot (tests and the export menu find it by it).
QCustomPlot* makeHeadedPlot(QWidget* parent, const QString& objectName, int legendColumns);
void setPlotHeading(QCustomPlot* plot, const QString& heading);
QString plotHeading(const QCustomPlot* plot);

} // namespace qs::ui
