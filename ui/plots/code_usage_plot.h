#pragma once
// How often each integer code from Qmin to Qmax is used: unused codes marked, the codes out of
// the values' reach shaded, the zero point's code highlighted.

#include "plots/snapshot_plot.h"

namespace qs::ui {

class CodeUsagePlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit CodeUsagePlot(QWidget* parent = nullptr);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
};

} // namespace qs::ui
