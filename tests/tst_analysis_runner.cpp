// The window's one runner: results arrive as snapshots, stale requests never show, cancel works,
// bad files fail with core's message.

#include "analysis_runner.h"
#include "support/temp_files.h"

#include <QSignalSpy>
#include <QtTest>

using namespace qs;
using namespace qs::ui;

namespace {

AnalysisRequest presetRequest(const std::string& name, Scheme scheme = Scheme::Symmetric)
{
    AnalysisRequest request;
    request.source = PresetSpec{name};
    request.spec.scheme = scheme;
    return request;
}

} // namespace

class TestAnalysisRunner : public QObject
{
    Q_OBJECT

private slots:
    void deliversASnapshot();
    void snapshotHoldsTheThreeSchemes();
    void aFormatsSchemesAreIntegerGridsOfItsWidth();
    void onlyTheNewestRequestIsShown();
    void cancelKeepsTheOldResult();
    void badFileFailsWithTheFileName();
    void reusesTheLoadedTensor();
    void rebinsTheNewestRange();
};

void TestAnalysisRunner::deliversASnapshot()
{
    AnalysisRunner runner;
    QSignalSpy finished(&runner, &AnalysisRunner::finished);
    const quint64 generation = runner.submit(presetRequest("tutorial-3", Scheme::General));
    QVERIFY(finished.wait(10000));
    const auto snapshot = finished.first().at(0).value<SnapshotPtr>();
    QCOMPARE(finished.first().at(1).toULongLong(), generation);
    QVERIFY(snapshot);
    QCOMPARE(snapshot->data->loaded.tensor.values.size(), std::size_t{3});
    QCOMPARE(snapshot->current.params.front().scale, 0.00906828525019627);
    QCOMPARE(snapshot->current.metrics.clippedAbove, std::uint64_t{1});
}

void TestAnalysisRunner::snapshotHoldsTheThreeSchemes()
{
    AnalysisRequest request = presetRequest("tutorial-3", Scheme::Asymmetric);
    request.spec.bits = 6;
    const RunnerOutcome outcome = AnalysisRunner::compute(request, [](double) { return true; });
    QVERIFY(outcome.snapshot);
    const auto& schemes = outcome.snapshot->schemes;
    QCOMPARE(schemes[0].spec.scheme, Scheme::General);
    QCOMPARE(schemes[1].spec.scheme, Scheme::Symmetric);
    QCOMPARE(schemes[2].spec.scheme, Scheme::Asymmetric);
    for (const Analysis& analysis : schemes) {
        QCOMPARE(analysis.spec.bits, 6); // the user's bit width carries over
    }
    QCOMPARE(schemes[1].params.front().qmax, 31);
    QCOMPARE(schemes[2].metrics, outcome.snapshot->current.metrics); // same spec, same numbers
}

void TestAnalysisRunner::aFormatsSchemesAreIntegerGridsOfItsWidth()
{
    // NVFP4 on tutorial-3: the compare table shows int4 under the three schemes on the same
    // blocks of 16 (one block here), not three copies of NVFP4.
    AnalysisRequest request = presetRequest("tutorial-3");
    request.spec.format.format = NumberFormat::Nvfp4;
    const RunnerOutcome outcome = AnalysisRunner::compute(request, [](double) { return true; });
    QVERIFY(outcome.snapshot);
    const auto& schemes = outcome.snapshot->schemes;
    for (const Analysis& analysis : schemes) {
        QVERIFY(analysis.spec.isIntegerGrid());
        QCOMPARE(analysis.spec.bits, 4);
        QCOMPARE(analysis.spec.granularity, Granularity::Group);
        QCOMPARE(analysis.spec.groupSize, 16);
    }
    // Symmetric int4 keeps its own narrow range, −7..7, and its scale max|R| / 7.
    QCOMPARE(schemes[1].params.front().qmin, -7);
    QCOMPARE(schemes[1].params.front().qmax, 7);
    QCOMPARE(schemes[1].params.front().scale, 1.2962356805801392 / 7);
    QCOMPARE(schemes[0].spec.scheme, Scheme::General);
    QCOMPARE(schemes[2].spec.scheme, Scheme::Asymmetric);
    QVERIFY(schemes[1].metrics.sqnrDb != outcome.snapshot->current.metrics.sqnrDb);
}

void TestAnalysisRunner::onlyTheNewestRequestIsShown()
{
    AnalysisRunner runner;
    QSignalSpy finished(&runner, &AnalysisRunner::finished);
    QSignalSpy idle(&runner, &AnalysisRunner::idle);
    AnalysisRequest big;
    GenerateSpec spec;
    spec.shape = {1 << 22};
    big.source = spec;
    runner.submit(big);
    runner.submit(presetRequest("tutorial-outlier"));
    const quint64 newest = runner.submit(presetRequest("tutorial-3"));
    QVERIFY(idle.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(1).toULongLong(), newest);
    QCOMPARE(finished.first().at(0).value<SnapshotPtr>()->data->loaded.tensor.name,
             std::string("tutorial-3"));
}

void TestAnalysisRunner::cancelKeepsTheOldResult()
{
    AnalysisRunner runner;
    QSignalSpy cancelled(&runner, &AnalysisRunner::cancelled);
    QSignalSpy finished(&runner, &AnalysisRunner::finished);
    QSignalSpy idle(&runner, &AnalysisRunner::idle);
    AnalysisRequest request;
    GenerateSpec spec;
    spec.shape = {1 << 23};
    request.source = spec;
    runner.submit(request);
    QVERIFY(runner.isBusy());
    runner.cancel();
    QVERIFY(idle.wait(30000));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!runner.isBusy());
}

void TestAnalysisRunner::badFileFailsWithTheFileName()
{
    test::ScratchDir dir;
    const std::string path = dir.write("broken.npy", QByteArray("\x93NUMPY\x01\x00\x10", 9));
    AnalysisRunner runner;
    QSignalSpy failed(&runner, &AnalysisRunner::failed);
    AnalysisRequest request;
    request.source = FileSpec{path, {}, {}};
    runner.submit(request);
    QVERIFY(failed.wait(10000));
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
}

void TestAnalysisRunner::reusesTheLoadedTensor()
{
    AnalysisRunner runner;
    QSignalSpy finished(&runner, &AnalysisRunner::finished);
    runner.submit(presetRequest("heavy-tailed-weights"));
    QVERIFY(finished.wait(10000));
    const auto first = finished.takeFirst().at(0).value<SnapshotPtr>();
    AnalysisRequest again;
    again.data = first->data;
    again.spec.bits = 4;
    runner.submit(again);
    QVERIFY(finished.wait(10000));
    const auto second = finished.takeFirst().at(0).value<SnapshotPtr>();
    QCOMPARE(second->data.get(), first->data.get()); // the same tensor, not a reload
    QCOMPARE(second->current.params.front().qmax, 7);
}

void TestAnalysisRunner::rebinsTheNewestRange()
{
    const RunnerOutcome outcome =
        AnalysisRunner::compute(presetRequest("relu-activations"), [](double) { return true; });
    QVERIFY(outcome.snapshot);
    AnalysisRunner runner;
    QSignalSpy rebinned(&runner, &AnalysisRunner::rebinned);
    runner.submitRebin(outcome.snapshot->data, 0.0, 2.0, 64);
    runner.submitRebin(outcome.snapshot->data, 0.5, 1.0, 32);
    QTRY_COMPARE_WITH_TIMEOUT(rebinned.size(), 1, 10000);
    QTest::qWait(100); // the older request would have arrived by now
    QCOMPARE(rebinned.size(), 1);
    const auto histogram = rebinned.first().at(0).value<Histogram>();
    QCOMPARE(histogram.bins(), std::size_t{32});
    QCOMPARE(histogram.lo, 0.5);
}

QTEST_MAIN(TestAnalysisRunner)
#include "tst_analysis_runner.moc"
