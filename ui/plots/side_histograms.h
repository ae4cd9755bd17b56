#pragma once
// One operand of the mitigation experiment (X or W) as the window's value histogram shows a
// tensor: before and after side by side, each a HistogramPlot with its grid, clipping, unused
// codes and outlier markers. MitigatedSide::analysis is a full core Analysis; sideSnapshot
// adapts it to the snapshot the plot draws. The transformed values themselves are not kept, so
// a zoom keeps the coarse bins and the outlier count beside the band is left out (the markers
// over the bins beyond k·σ stay); the grid ends do not drag (a manual range is the main
// window's). Both plots share one Log counts box; the legend is the histogram's above theirs.

#include "analysis_snapshot.h"
#include "mitigate/mitigation.h"
#include "mitigation_text.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;

namespace qs::ui {

class HistogramPlot;
class Retranslator;

// `side`'s analysis as a snapshot named `name`, outliers marked beyond `outlierSigmas`·σ. Null
// when the side has no quantized values (LLM.int8() kept every channel in float16).
SnapshotPtr sideSnapshot(const MitigatedSide& side, const std::string& name, double outlierSigmas);

class SideHistograms : public QWidget
{
    Q_OBJECT

public:
    // `objectName` prefixes the plots' names: NAMEBefore, NAMEAfter.
    SideHistograms(Operand operand, const QString& objectName, QWidget* parent = nullptr);

    // Either may be null. `afterHeading` names the transforms.
    void show(std::shared_ptr<const MitigationOutcome> before,
              std::shared_ptr<const MitigationOutcome> after, const QString& afterHeading);

    HistogramPlot* beforePlot() const { return m_before; }
    HistogramPlot* afterPlot() const { return m_after; }

private:
    HistogramPlot* makePlot(const QString& objectName);
    void draw(HistogramPlot* plot, const MitigationOutcome* outcome);
    const MitigatedSide& sideOf(const MitigationOutcome& outcome) const;
    void updateHeadings();

    Operand m_operand;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QCheckBox* m_log = nullptr;
    QLabel* m_beforeHeading = nullptr;
    QLabel* m_afterHeading = nullptr;
    HistogramPlot* m_before = nullptr;
    HistogramPlot* m_after = nullptr;
    std::shared_ptr<const MitigationOutcome> m_shownBefore;
    std::shared_ptr<const MitigationOutcome> m_shownAfter;
    QString m_transforms;
};

} // namespace qs::ui
