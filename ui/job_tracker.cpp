#include "job_tracker.h"

#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace qs::ui {

bool JobControl::progress(double fraction) const
{
    m_promise->setProgressValue(
        static_cast<int>(std::lround(1000 * std::clamp(fraction, 0.0, 1.0))));
    return !m_promise->isCanceled();
}

bool JobControl::isCancelled() const
{
    return m_promise->isCanceled();
}

ProgressFn JobControl::progressFn() const
{
    return [control = *this](double fraction) {
        return control.progress(fraction);
    };
}

JobTracker::JobTracker(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &JobTracker::onFinished);
    connect(&m_watcher, &QFutureWatcher<void>::progressValueChanged, this, [this](int permille) {
        if (m_running && m_running->generation == m_generation) {
            emit progressChanged(permille);
        }
    });
}

JobTracker::~JobTracker()
{
    m_queued.reset();
    m_watcher.disconnect(this);
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

quint64 JobTracker::enqueue(Job job)
{
    job.generation = ++m_generation;
    if (m_running) {
        m_queued = std::move(job); // replaces any job waiting: that one is stale now
        m_watcher.cancel();        // onFinished starts the queued job
    } else {
        launch(std::move(job));
    }
    return m_generation;
}

void JobTracker::launch(Job job)
{
    auto run = std::move(job.run);
    const quint64 generation = job.generation;
    m_running = std::move(job);
    emit started(generation);
    m_watcher.setFuture(QtConcurrent::run([run = std::move(run)](QPromise<void>& promise) {
        promise.setProgressRange(0, 1000);
        run(promise);
    }));
}

void JobTracker::cancel()
{
    if (m_queued) {
        Job dropped = std::move(*m_queued);
        m_queued.reset();
        m_watcher.cancel(); // the running job is stale: it ends unseen
        dropped.deliver();  // the newest, cancelled before it ran
        return;
    }
    if (m_running) {
        m_watcher.cancel(); // onFinished delivers what the job returned, if anything
    }
}

void JobTracker::onFinished()
{
    if (!m_running) {
        return;
    }
    Job finished = std::move(*m_running);
    m_running.reset();
    if (finished.generation == m_generation) {
        finished.deliver(); // may start another job
    }
    if (!m_running && m_queued) {
        Job next = std::move(*m_queued);
        m_queued.reset();
        launch(std::move(next));
    }
    if (!isBusy()) {
        emit idle();
    }
}

void JobTracker::postIfNewest(quint64 generation, std::function<void()> call)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation, call = std::move(call)] {
            if (generation == m_generation) {
                call();
            }
        },
        Qt::QueuedConnection);
}

} // namespace qs::ui
