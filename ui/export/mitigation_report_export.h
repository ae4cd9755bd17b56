#pragma once
// The Outliers view's report: the layer, the transforms, the measures before and after and the
// view's plots, as HTML (plots inline as SVG), PDF (paginated, selectable text), Markdown (PNG
// figures written beside it) or JSON (what `quantscope-cli mitigate --json` prints). The window
// and `quantscope-cli mitigate --report` both write it.

#include "export/report_export.h"
#include "report/mitigation_report.h"

#include <QString>

#include <vector>

class QCustomPlot;

namespace qs::ui {

struct MitigationReportPlot
{
    QString name;    // the Markdown figure's file name suffix: NAME_<name>.png
    QString caption; // in the interface language
    QCustomPlot* plot = nullptr;
};

// Empty on success, otherwise the reason naming the file. CSV is not offered (the measures are
// one small table; JSON holds every number).
QString exportMitigationReport(const MitigationReport& report,
                               const std::vector<MitigationReportPlot>& plots, const QString& path,
                               const ReportOptions& options);

} // namespace qs::ui
