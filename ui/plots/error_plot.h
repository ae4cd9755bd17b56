#pragma once
// Histograms of the error R′ − R: rounding error of the values inside the grid (within ±Scale/2)
// on the left, clipping error of the clipped values on the right, each on its own axis because
// the two can differ by orders of magnitude.

#include "plots/snapshot_plot.h"

class QCPAxisRect;

namespace qs::ui {

class ErrorPlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit ErrorPlot(QWidget* parent = nullptr);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;

    QCPAxisRect* m_clippingRect = nullptr;
};

} // namespace qs::ui
