#pragma once
// The title line over an exported plot: which tensor under which scheme, so a PNG pasted into a
// slide or an issue still says what it shows. On unless the user turns it off (the export
// menu's "Title line" item, `quantscope-cli plot --no-title`).

#include "analysis_snapshot.h"

#include <QString>

class QCustomPlot;
class QCPTextElement;

namespace qs::ui {

// "heavy-tailed-weights [256, 256] · symmetric int8, per tensor, minmax"; a format's name in
// place of the integer scheme ("nvfp4, per group of 16, minmax"). `subject` replaces the tensor
// and its shape (the Model view's chart is of a whole file).
QString plotTitle(const AnalysisSnapshot& snapshot, const QString& subject = {});

// The title a plot's exports carry, set by whoever draws it (empty: none known).
void setExportTitle(QCustomPlot* plot, const QString& title);
QString exportTitleOf(const QCustomPlot* plot);

// The exports' title setting (remembered in the settings; on at first).
bool exportTitleWanted();
void setExportTitleWanted(bool wanted);

// Puts `title` over the plot for the life of the object (an export), then takes it away and
// lays the plot out as it was. An empty title adds nothing.
class ExportTitle
{
public:
    ExportTitle(QCustomPlot* plot, const QString& title);
    ~ExportTitle();
    ExportTitle(const ExportTitle&) = delete;
    ExportTitle& operator=(const ExportTitle&) = delete;

private:
    QCustomPlot* m_plot;
    QCPTextElement* m_title = nullptr;
};

} // namespace qs::ui
