#pragma once
// The one place where QuantScope's UI starts background work. A request (load a tensor, or
// reuse the current one, then analyse it under a spec) runs through QtConcurrent; a newer request
// cancels the running one and replaces any queued one, so a slider drag costs one job at a time
// and only the newest result is ever shown. Results come back as immutable snapshots.

#include "analysis_snapshot.h"

#include <QFutureWatcher>
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
    quint64 generation() const { return m_generation; }

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
    void failed(const QString& message, quint64 generation);
    void cancelled(quint64 generation);
    void idle();
    void rebinned(const qs::Histogram& histogram);

private:
    void startNext();
    void onFinished();

    QFutureWatcher<RunnerOutcome> m_watcher;
    quint64 m_rebinGeneration = 0;
    int m_rebinsRunning = 0;
    std::optional<AnalysisRequest> m_queued;
    quint64 m_generation = 0;        // of the newest request
    quint64 m_runningGeneration = 0; // of the job in m_watcher
};

} // namespace qs::ui
