#pragma once
// The per-channel view: every channel's range and SQNR (ChannelRangePlot), and the picked
// channel on its own — its histogram with its own grid, clip lines and counts, and its numbers.
// The picked channel's analysis (its values under the parameters the whole tensor gave it) is
// computed off the UI thread.

#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QStackedWidget;

namespace qs::ui {

class Retranslator;
class ChannelRangePlot;
class HistogramPlot;

class ChannelsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChannelsPanel(QWidget* parent = nullptr);
    ~ChannelsPanel() override;

    void setSnapshot(const SnapshotPtr& snapshot);
    void pickGroup(int group);

    int pickedGroup() const;
    bool isComputing() const;
    // The picked channel as a snapshot of its own (null before the first one is computed).
    SnapshotPtr groupSnapshot() const { return m_groupSnapshot; }
    ChannelRangePlot* rangePlot() const { return m_ranges; }
    HistogramPlot* histogramPlot() const { return m_histogram; }

    // The picked group of `snapshot` as a snapshot of its own, on the calling thread.
    static SnapshotPtr computeGroupSnapshot(const AnalysisSnapshot& snapshot, std::size_t group,
                                            double outlierSigmas);

signals:
    // The picked channel's own histogram has been drawn.
    void groupShown(int group);

private:
    void requestGroup();
    void showGroup(const SnapshotPtr& snapshot);
    void describeGroup();
    QString storedFieldsText(std::size_t group) const;

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QStackedWidget* m_pages = nullptr;
    QLabel* m_perTensor = nullptr;
    ChannelRangePlot* m_ranges = nullptr;
    QSpinBox* m_group = nullptr;
    QLabel* m_summary = nullptr;
    HistogramPlot* m_histogram = nullptr;
    SnapshotPtr m_snapshot;
    SnapshotPtr m_groupSnapshot;
    JobTracker m_groupJobs; // the picked channel's analysis
    JobTracker m_rebinJobs; // its histogram of a zoomed range
};

} // namespace qs::ui
