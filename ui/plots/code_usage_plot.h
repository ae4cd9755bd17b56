#pragma once
// How often each code is used. The integer grid's codes Qmin..Qmax in order; a minifloat's or
// codebook's codes as bars in the order of their values (analysis/code_slots.h), each labelled
// with its value before any scale (16 bars for FP4 and NF4, 256 for FP8), negative zero and the
// NaN and ±Inf codes marked. Unused codes are marked, the codes out of the values' reach shaded,
// the code of 0 highlighted. The grid is the picked block's.

#include "plots/snapshot_plot.h"

#include <QStringList>

class QMouseEvent;

namespace qs::ui {

class CodeUsagePlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit CodeUsagePlot(QWidget* parent = nullptr);

    // The code's value under the bar at `x` and its count, as hovering shows them.
    QString describeCodeAt(double x) const;
    // The label of every bar of a minifloat or codebook, in bar order (empty for the integer
    // grid, whose axis is the code itself).
    const QStringList& barLabels() const { return m_labels; }
    void setPickedGroup(int group);

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
    void drawIntegerCodes(const AnalysisSnapshot& snapshot);
    void drawFormatCodes(const AnalysisSnapshot& snapshot);
    void onMouseMove(QMouseEvent* event);

    int m_pickedGroup = 0;
    QStringList m_labels;       // bar labels (formats)
    QStringList m_descriptions; // what hovering a bar says (formats)
};

} // namespace qs::ui
