#pragma once
// The figures of an Outliers report, drawn on plots of their own (the view draws only the tab in
// front, and a report must not depend on which one that is): the per-channel maxima, the
// histograms of X and W, the output channels' SQNR — each before and after — and, when a scan
// ran, the output SQNR against α.

#include "export/mitigation_report_export.h"
#include "mitigate/mitigation.h"

#include <QWidget>

#include <memory>
#include <vector>

namespace qs::ui {

class MitigationFigures
{
public:
    // `scan` may be null.
    MitigationFigures(const MitigationReport& report, std::shared_ptr<const AlphaScan> scan);
    ~MitigationFigures();
    MitigationFigures(const MitigationFigures&) = delete;
    MitigationFigures& operator=(const MitigationFigures&) = delete;

    const std::vector<MitigationReportPlot>& plots() const { return m_plots; }

private:
    std::vector<std::unique_ptr<QWidget>> m_owners;
    std::vector<MitigationReportPlot> m_plots;
};

} // namespace qs::ui
