#pragma once
// The window's main analysis: a request (load a tensor, or reuse the current one, then analyse it
// under a spec and the three schemes) runs as a JobTracker job (job_tracker.h, the one way the
// window runs background work): a newer request cancels the running one and replaces any queued
// one, so a slider drag costs one job at a time and only the newest result is ever shown. Results
// come back as immutable snapshots. Re-binning a zoomed histogram has a tracker of its own.

#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QObject>

#include <functional>
#include <optional>

namespace qs::ui {

struct AnalysisRequest
{
    std::optional<TensorSource> source; // set: load this; unset: reuse `data`
    std::shared_ptr<const LoadedData> data;
    QuantSpec spec;
    double outlierSigmas = 6;
};

struct RunnerOutcome
{
    SnapshotPtr snapshot; // null on failure or cancellation
    QString error;        // the core error, one line naming the file
    // The input is at fault (a missing, malformed or unsupported file, an empty tensor), not the
    // options: the command line's exit status 3 rather than 2.
    bool inputRejected = false;
    bool cancelled = false;
};

class AnalysisRunner : public QObject
{
    Q_OBJECT

public:
    explicit AnalysisRunner(QObject* parent = nullptr);
    ~AnalysisRunner() override;

    // Starts `request`, cancelling whatever runs; returns its generation.
    quint64 submit(AnalysisRequest request);
    // Cancels the running job (the current results stay).
    void cancel();
    // An analysis or a rebin is running or queued.
    bool isBusy() const;
    quint64 generation() const { return m_analyses.generation(); }

    // A histogram of `data` over [lo, hi] for a zoomed view; only the newest request reports.
    void submitRebin(std::shared_ptr<const LoadedData> data, double lo, double hi, int bins);

    // The pure work of one request, on the calling thread (the runner calls it on a pool
    // thread). `progress` gets [0, 1]; returning false cancels.
    static RunnerOutcome compute(const AnalysisRequest& request,
                                 const std::function<bool(double)>& progress);

signals:
    void started(quint64 generation);
    void progress(double fraction);
    void finished(qs::ui::SnapshotPtr snapshot, quint64 generation);
    void failed(const QString& message, quint64 generation, bool inputRejected);
    void cancelled(quint64 generation);
    void idle();
    void rebinned(const qs::Histogram& histogram);

private:
    void emitIdleWhenDone();

    JobTracker m_analyses;
    JobTracker m_rebins;
};

} // namespace qs::ui
