#pragma once
// How often each block scale is used (analysis/scale_usage.h): for MX a bar per E8M0 code
// labelled 2^(c − 127), for NVFP4 a bar per E4M3 code labelled with its value, for
// bitsandbytes' float32 absmax (and a minifloat's per-group scales) a histogram of the scales.
// Formats without block scales have nothing to show: the plot hides itself.

#include "plots/snapshot_plot.h"

#include <QStringList>

namespace qs::ui {

class ScaleUsagePlot : public SnapshotPlot
{
    Q_OBJECT

public:
    explicit ScaleUsagePlot(QWidget* parent = nullptr);

    // The label of every bar (scale codes), in bar order; empty for the float32 histogram.
    const QStringList& barLabels() const { return m_labels; }
    // The first code drawn (bar i is code firstCode() + i).
    int firstCode() const { return m_firstCode; }
    // What hovering the bar at `x` says.
    QString describeAt(double x) const;

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
    void drawCodes(const AnalysisSnapshot& snapshot);
    void drawValues(const AnalysisSnapshot& snapshot);

    QStringList m_labels;
    QStringList m_descriptions;
    int m_firstCode = 0;
};

} // namespace qs::ui
