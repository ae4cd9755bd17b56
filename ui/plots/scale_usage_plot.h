#pragma once
// How often each block scale is used (analysis/scale_usage.h): for MX a bar per E8M0 code
// labelled 2^(c − 127), for NVFP4 a bar per E4M3 code labelled with its value, for
// bitsandbytes' float32 absmax (and a minifloat's per-group scales) a histogram of the scales.
// A ggml type is titled with what it stores; its fp16 d (and m or dmin) are histograms, and under
// them a second axis rect has a bar per sub-block scale (and minimum) code of the k-quants and
// IQ4_XS. Formats without block scales have nothing to show: the plot hides itself.

#include "plots/snapshot_plot.h"

#include <QStringList>

class QCPAxisRect;
class QCPTextElement;
class QResizeEvent;

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

    // A ggml type's: the title naming it (empty for other formats), the axis rect of its
    // sub-block codes (null without them), and what hovering code `code` there says.
    QString title() const;
    QCPAxisRect* subScaleRect() const { return m_subScaleRect; }
    QString describeSubScaleAt(double code) const;

    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) override;
    void drawCodes(const AnalysisSnapshot& snapshot);
    void drawValues(const AnalysisSnapshot& snapshot);
    void drawGgmlScales(const AnalysisSnapshot& snapshot);
    void drawSubScaleCodes(const ScaleUsage& usage);
    void removeGgmlLayout();
    void addTitle(const QString& text);
    void wrapTexts();

    QStringList m_labels;
    QStringList m_descriptions;
    int m_firstCode = 0;
    QCPTextElement* m_title = nullptr;     // ggml types only
    QString m_titleText;                   // its text before wrapping to the plot's width
    QCPAxisRect* m_subScaleRect = nullptr; // ggml types with sub-block codes only
};

} // namespace qs::ui
