#pragma once
// R against R′: the quantizer's staircase, the identity line it approximates, and the clip
// plateaus where R′ stops following R.

#include "plots/snapshot_plot.h"

namespace qs::ui {

class TransferPlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit TransferPlot(QWidget* parent = nullptr);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
};

} // namespace qs::ui
