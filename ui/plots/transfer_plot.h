#pragma once
// R against R′: the quantizer's staircase (the picked block's: uneven for a minifloat or a
// codebook), the identity line it approximates, and the clip plateaus where R′ stops following R.

#include "plots/snapshot_plot.h"

namespace qs::ui {

class TransferPlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit TransferPlot(QWidget* parent = nullptr);
    // Draws the staircase of group `group` (the Channels view's pick); 0 at first.
    void setPickedGroup(int group);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;

    int m_pickedGroup = 0;
};

} // namespace qs::ui
