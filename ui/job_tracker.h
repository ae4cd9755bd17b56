#pragma once
// Background work in the window, done one way everywhere (shaped like Hotspot's JobTracker).
//
// A tracker runs one job at a time on Qt's thread pool. Starting a job while one runs cancels the
// running one and queues the new one in place of any job already waiting: the latest wins, so a
// slider drag costs one job at a time. Every job gets a generation; only the newest job's
// progress, partial results and result reach the owner, on the tracker's (the UI) thread. A job
// sees its cancellation and reports progress through a JobControl (a QPromise underneath). The
// tracker cancels its job and waits for it when it is destroyed.
//
// Each started job ends in exactly one of three ways: it is replaced by a newer job (nothing is
// delivered), it ends as the newest (done(result)), or it is cancelled as the newest before it
// could produce a result (done(std::nullopt)). A job that notices its cancellation may return a
// result that says so; the tracker delivers whatever it returned.

#include "common/progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace qs::ui {

// What a running job sees of its tracker.
class JobControl
{
public:
    explicit JobControl(QPromise<void>& promise) : m_promise(&promise) {}

    // Reports `fraction` of the job done, in [0, 1]; false once the job is cancelled (stop then).
    bool progress(double fraction) const;
    bool isCancelled() const;
    // progress() as core's callback type.
    ProgressFn progressFn() const;

private:
    QPromise<void>* m_promise;
};

class JobTracker : public QObject
{
    Q_OBJECT

public:
    explicit JobTracker(QObject* parent = nullptr);
    ~JobTracker() override;

    // Runs `work(const JobControl&) -> R` in the background; `done(std::optional<R>)` runs on this
    // thread when the job ends as the newest (see above). Returns the job's generation.
    template <typename Work, typename Done> quint64 start(Work work, Done done);

    // The same for a job that hands out parts of its result as it goes:
    // `work(const JobControl&, const std::function<void(Part)>& report) -> R`. Every part reported
    // reaches `onPart(Part)` on this thread, before `done`, while the job is the newest.
    template <typename Part, typename Work, typename OnPart, typename Done>
    quint64 startStreaming(Work work, OnPart onPart, Done done);

    // Cancels the running job and drops the queued one (a queued job, being the newest, gets
    // done(std::nullopt) at once).
    void cancel();
    // A job runs or waits.
    bool isBusy() const { return m_running.has_value() || m_queued.has_value(); }
    // The newest job's generation (0 before the first).
    quint64 generation() const { return m_generation; }

signals:
    // The job of `generation` has started running.
    void started(quint64 generation);
    // The newest job's progress, per mille.
    void progressChanged(int permille);
    // No job runs or waits any more.
    void idle();

private:
    struct Job
    {
        quint64 generation = 0;
        std::function<void(QPromise<void>&)> run; // on the pool
        std::function<void()> deliver;            // on this thread: done(result or nullopt)
    };

    quint64 enqueue(Job job);
    void launch(Job job);
    void onFinished();
    // Posts `call` to this thread, where it runs if job `generation` is still the newest.
    void postIfNewest(quint64 generation, std::function<void()> call);

    QFutureWatcher<void> m_watcher;
    std::optional<Job> m_running; // what m_watcher runs (its run function already handed over)
    std::optional<Job> m_queued;
    quint64 m_generation = 0;
};

template <typename Work, typename Done> quint64 JobTracker::start(Work work, Done done)
{
    using Result = std::invoke_result_t<Work&, const JobControl&>;
    auto slot = std::make_shared<std::optional<Result>>();
    Job job;
    job.run = [work = std::make_shared<Work>(std::move(work)), slot](QPromise<void>& promise) {
        const JobControl control(promise);
        slot->emplace((*work)(control));
    };
    job.deliver = [done = std::make_shared<Done>(std::move(done)), slot] {
        (*done)(std::move(*slot));
    };
    return enqueue(std::move(job));
}

template <typename Part, typename Work, typename OnPart, typename Done>
quint64 JobTracker::startStreaming(Work work, OnPart onPart, Done done)
{
    const quint64 generation = m_generation + 1; // the one enqueue() gives this job
    auto deliverPart = std::make_shared<OnPart>(std::move(onPart));
    auto report = [this, generation, deliverPart](Part part) {
        postIfNewest(generation, [deliverPart, part = std::move(part)] { (*deliverPart)(part); });
    };
    return start(
        [work = std::move(work), report = std::move(report)](const JobControl& control) {
            const std::function<void(Part)> reportPart = report;
            return work(control, reportPart);
        },
        std::move(done));
}

} // namespace qs::ui
