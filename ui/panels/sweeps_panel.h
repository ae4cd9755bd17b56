#pragma once
// The sweeps of the tensor being shown under the current scheme (SweepPlots). They cost dozens
// of analyses, so they run off the UI thread, only while the panel is visible, once per tensor
// and scheme, with their own progress bar and Cancel.

#include "analysis/sweeps.h"
#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QWidget>

#include <optional>

namespace qs::ui {

class JobStatusBar;
class SweepPlots;

struct SweepOutcome
{
    Result<BitsSweep> bits = fail(ErrorCode::Cancelled, "not run");
    Result<ClipSweep> clip = fail(ErrorCode::Cancelled, "not run");
    Result<OutlierSweep> outlier = fail(ErrorCode::Cancelled, "not run");
    bool cancelled = false;
};

class SweepsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SweepsPanel(QWidget* parent = nullptr);
    ~SweepsPanel() override;

    void setSnapshot(const SnapshotPtr& snapshot);
    SweepPlots* plots() const { return m_plots; }
    bool isComputing() const { return m_jobs.isBusy(); }
    // The plots show sweeps (the view has been used for this tensor or an earlier one).
    bool hasResults() const { return m_shown != nullptr; }

    // All three sweeps of `snapshot`, on the calling thread; `progress` as in core.
    static SweepOutcome compute(const AnalysisSnapshot& snapshot, const ProgressFn& progress);

signals:
    // The plots show the sweeps of the newest snapshot.
    void sweepsShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void startIfNeeded();
    void onFinished(std::optional<SweepOutcome> outcome);

    SweepPlots* m_plots = nullptr;
    JobStatusBar* m_status = nullptr;
    JobTracker m_jobs;
    SnapshotPtr m_snapshot;  // the newest
    SnapshotPtr m_shown;     // whose sweeps the plots show
    SnapshotPtr m_computing; // whose sweeps are running
};

} // namespace qs::ui
