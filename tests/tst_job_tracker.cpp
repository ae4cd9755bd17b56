// JobTracker: one job at a time, the latest wins, only the newest job's progress, parts and
// result reach the owner, cancel delivers "cancelled" once, and destruction cancels and waits.

#include "job_tracker.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace qs::ui;

namespace {

// Runs until cancelled or `release` is set, then returns `value` (or −1 when cancelled).
auto blockingJob(int value, std::shared_ptr<std::atomic<bool>> release)
{
    return [value, release](const JobControl& job) {
        while (!job.isCancelled() && !release->load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return job.isCancelled() ? -1 : value;
    };
}

} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT

private slots:
    void deliversTheResult();
    void onlyTheNewestIsDelivered();
    void cancelDeliversOnce();
    void cancelWhileQueuedDeliversNothingButCancelled();
    void progressOfTheNewestOnly();
    void partsArriveBeforeTheResult();
    void partsOfAStaleJobAreDropped();
    void destructionCancelsAndWaits();
    void doneMayStartAnotherJob();
};

void TestJobTracker::deliversTheResult()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    QSignalSpy started(&tracker, &JobTracker::started);
    std::vector<std::optional<int>> delivered;
    const quint64 generation = tracker.start([](const JobControl&) { return 42; },
                                             [&](std::optional<int> r) { delivered.push_back(r); });
    QCOMPARE(generation, quint64{1});
    QVERIFY(tracker.isBusy());
    QVERIFY(idle.wait(5000));
    QCOMPARE(delivered.size(), std::size_t{1});
    QCOMPARE(delivered.front(), std::optional<int>(42));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().at(0).toULongLong(), generation);
    QVERIFY(!tracker.isBusy());
}

void TestJobTracker::onlyTheNewestIsDelivered()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    QSignalSpy started(&tracker, &JobTracker::started);
    auto release = std::make_shared<std::atomic<bool>>(false);
    std::vector<int> delivered;
    auto record = [&](std::optional<int> r) {
        delivered.push_back(r.value_or(-2));
    };
    tracker.start(blockingJob(1, release), record);
    tracker.start(blockingJob(2, release), record); // queued, then replaced
    const quint64 newest = tracker.start(blockingJob(3, release), record);
    QCOMPARE(tracker.generation(), newest);
    release->store(true);
    QVERIFY(idle.wait(5000));
    // The first was cancelled and dropped, the second never ran, the third is delivered.
    QCOMPARE(delivered, std::vector<int>{3});
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.last().at(0).toULongLong(), newest);
}

void TestJobTracker::cancelDeliversOnce()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    auto release = std::make_shared<std::atomic<bool>>(false);
    std::vector<int> delivered;
    tracker.start(blockingJob(7, release),
                  [&](std::optional<int> r) { delivered.push_back(r.value_or(-2)); });
    QTest::qWait(20);
    tracker.cancel();
    QVERIFY(idle.wait(5000));
    // The job saw its cancellation and said so (−1); had it not started yet, −2.
    QCOMPARE(delivered.size(), std::size_t{1});
    QVERIFY(delivered.front() < 0);
}

void TestJobTracker::cancelWhileQueuedDeliversNothingButCancelled()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    auto release = std::make_shared<std::atomic<bool>>(false);
    std::vector<std::pair<int, std::optional<int>>> delivered;
    tracker.start(blockingJob(1, release),
                  [&](std::optional<int> r) { delivered.emplace_back(1, r); });
    tracker.start(blockingJob(2, release),
                  [&](std::optional<int> r) { delivered.emplace_back(2, r); });
    tracker.cancel();
    // The queued job, the newest, is told at once that it was cancelled before it ran.
    QCOMPARE(delivered.size(), std::size_t{1});
    QCOMPARE(delivered.front().first, 2);
    QVERIFY(!delivered.front().second.has_value());
    QVERIFY(idle.wait(5000));
    QCOMPARE(delivered.size(), std::size_t{1}); // the stale running job ends unseen
}

void TestJobTracker::progressOfTheNewestOnly()
{
    JobTracker tracker;
    QSignalSpy progress(&tracker, &JobTracker::progressChanged);
    QSignalSpy idle(&tracker, &JobTracker::idle);
    tracker.start(
        [](const JobControl& job) {
            for (int step = 1; step <= 4; ++step) {
                job.progress(step / 4.0);
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            return 0;
        },
        [](std::optional<int>) {});
    QVERIFY(idle.wait(5000));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 1000);

    // A replaced job's progress does not reach the owner once the newer job is started.
    progress.clear();
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto gate = std::make_shared<std::atomic<bool>>(false);
    tracker.start(
        [gate](const JobControl& job) {
            while (!gate->load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            job.progress(0.5); // after it has been replaced
            return 0;
        },
        [](std::optional<int>) {});
    tracker.start(blockingJob(1, release), [](std::optional<int>) {});
    gate->store(true);
    QTest::qWait(50);
    for (const QList<QVariant>& reported : progress) {
        QCOMPARE(reported.at(0).toInt(), 0); // the newer job's start, never the stale 500
    }
    release->store(true);
    QVERIFY(idle.wait(5000));
}

void TestJobTracker::partsArriveBeforeTheResult()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    std::vector<int> events;
    tracker.startStreaming<int>(
        [](const JobControl&, const std::function<void(int)>& report) {
            for (int part = 1; part <= 5; ++part) {
                report(part);
            }
            return 100;
        },
        [&](int part) { events.push_back(part); },
        [&](std::optional<int> r) { events.push_back(r.value_or(-1)); });
    QVERIFY(idle.wait(5000));
    QCOMPARE(events, (std::vector<int>{1, 2, 3, 4, 5, 100}));
}

void TestJobTracker::partsOfAStaleJobAreDropped()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    auto posted = std::make_shared<std::atomic<bool>>(false);
    auto gate = std::make_shared<std::atomic<bool>>(false);
    std::vector<int> parts;
    tracker.startStreaming<int>(
        [posted, gate](const JobControl&, const std::function<void(int)>& report) {
            report(1); // posted while the job is still the newest
            posted->store(true);
            while (!gate->load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            report(2); // posted after it was replaced
            return 0;
        },
        [&](int part) { parts.push_back(part); }, [](std::optional<int>) {});
    // No events are processed until the newer job has started: part 1 waits in the queue.
    while (!posted->load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    tracker.startStreaming<int>(
        [](const JobControl&, const std::function<void(int)>& report) {
            report(10);
            return 0;
        },
        [&](int part) { parts.push_back(part); }, [](std::optional<int>) {});
    gate->store(true);
    QVERIFY(idle.wait(5000));
    // Part 1 was posted while its job was the newest but arrives after it was replaced.
    QCOMPARE(parts, std::vector<int>{10});
}

void TestJobTracker::destructionCancelsAndWaits()
{
    auto sawCancel = std::make_shared<std::atomic<bool>>(false);
    auto ended = std::make_shared<std::atomic<bool>>(false);
    bool delivered = false;
    {
        JobTracker tracker;
        tracker.start(
            [sawCancel, ended](const JobControl& job) {
                while (!job.isCancelled()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
                sawCancel->store(true);
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
                ended->store(true);
                return 0;
            },
            [&](std::optional<int>) { delivered = true; });
        QTest::qWait(20);
    }
    QVERIFY(sawCancel->load());
    QVERIFY(ended->load()); // the destructor waited for the job to end
    QTest::qWait(20);
    QVERIFY(!delivered); // and nothing was delivered to the owner it outlived
}

void TestJobTracker::doneMayStartAnotherJob()
{
    JobTracker tracker;
    QSignalSpy idle(&tracker, &JobTracker::idle);
    std::vector<int> delivered;
    tracker.start([](const JobControl&) { return 1; },
                  [&](std::optional<int> r) {
                      delivered.push_back(*r);
                      tracker.start([](const JobControl&) { return 2; },
                                    [&](std::optional<int> again) { delivered.push_back(*again); });
                  });
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), std::size_t{2}, 5000);
    QCOMPARE(delivered, (std::vector<int>{1, 2}));
    QTRY_VERIFY_WITH_TIMEOUT(!tracker.isBusy(), 5000);
    QVERIFY(idle.size() >= 1);
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_job_tracker.moc"
