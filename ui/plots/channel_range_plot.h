#pragma once
// Every channel (or group) at a glance, as AIMET draws it: its min, max and mean, with the range
// its grid covers behind them, and under that a strip of each one's SQNR. For a block format the
// blocks are the groups, and a third strip shows each block's scale as it is stored (MX's X, NVFP4's
// E4M3 s, bitsandbytes' absmax; a ggml type's fp16 d, m or dmin, and on a second axis each
// sub-block's scale code). Clicking picks a channel; the picked one is marked in all.

#include "analysis_snapshot.h"

#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QMouseEvent;

namespace qs::ui {

class Retranslator;

class ChannelRangePlot : public QWidget
{
    Q_OBJECT

public:
    explicit ChannelRangePlot(QWidget* parent = nullptr);

    void setSnapshot(const SnapshotPtr& snapshot);
    void setSelected(int group);

    QCustomPlot* rangePlot() const { return m_ranges; }
    QCustomPlot* sqnrPlot() const { return m_sqnr; }
    QCustomPlot* scalePlot() const { return m_scales; }
    // The group under the pixel column `pixelX` of `plot` (either of the two), or −1.
    int groupAt(const QCustomPlot* plot, double pixelX) const;

signals:
    void groupPicked(int group);

private:
    void markSelected();
    void onClick(const QCustomPlot* plot, QMouseEvent* event);
    void drawScales(const AnalysisSnapshot& snapshot);
    void drawGgmlScales(const AnalysisSnapshot& snapshot);
    void setScaleAxis(bool logarithmic);
    void fitLogRange(QCPGraph* strip);
    QList<QCustomPlot*> plots() const { return {m_ranges, m_sqnr, m_scales}; }

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;             // drawn again when the language changes
    QCustomPlot* m_ranges = nullptr;
    QCustomPlot* m_sqnr = nullptr;
    QCustomPlot* m_scales = nullptr; // block formats only
    int m_groups = 0;
    int m_selected = 0;
};

} // namespace qs::ui
