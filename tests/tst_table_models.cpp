// The table models: sound under QAbstractItemModelTester, and showing the right numbers.

#include "analysis_runner.h"
#include "models/compare_model.h"
#include "models/metric_rows.h"
#include "models/metrics_model.h"
#include "models/walkthrough_model.h"
#include "number_format.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

SnapshotPtr snapshotOf(const std::string& preset, Scheme scheme)
{
    AnalysisRequest request;
    request.source = PresetSpec{preset};
    request.spec.scheme = scheme;
    return AnalysisRunner::compute(request, [](double) { return true; }).snapshot;
}

int rowOf(const char* name)
{
    const auto rows = metricRows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (QLatin1String(rows[i].name) == QLatin1String(name)) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT

private slots:
    void modelsPassTheTester();
    void metricsShowTheAnalysis();
    void compareHighlightsTheBest();
    void compareHighlightsTiesAsShown();
    void walkthroughShowsTheTutorialsSteps();
    void smallSharesKeepTheirDigits();
};

void TestTableModels::modelsPassTheTester()
{
    MetricsModel metrics;
    CompareModel compare;
    WalkthroughModel walkthrough;
    QAbstractItemModelTester t1(&metrics, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&compare, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&walkthrough,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char* preset : {"tutorial-3", "tutorial-outlier"}) {
        const SnapshotPtr snapshot = snapshotOf(preset, Scheme::Asymmetric);
        QVERIFY(snapshot);
        metrics.setSnapshot(snapshot);
        compare.setSnapshot(snapshot);
        walkthrough.setSnapshot(snapshot);
        walkthrough.setTrialValue(0.5f);
        walkthrough.setTrialValue(std::nullopt);
    }
    metrics.setSnapshot(nullptr);
    QCOMPARE(metrics.rowCount(), 0);
}

void TestTableModels::metricsShowTheAnalysis()
{
    MetricsModel model;
    model.setSnapshot(snapshotOf("tutorial-3", Scheme::General));
    QCOMPARE(model.rowCount(), static_cast<int>(metricRows().size()));
    const int clippedAbove = rowOf("clipped above");
    QCOMPARE(model.index(clippedAbove, 1).data().toString(), QString("1"));
    QVERIFY(!model.index(clippedAbove, 0).data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(model.index(clippedAbove, 1)
                .data(Qt::ForegroundRole)
                .isValid()); // drawn in the clipped colour
    QCOMPARE(model.index(rowOf("unused range"), 1).data().toString(), QString("6.3%")); // 16 of 256
    // The MSE split: the one clipped value (1.2962357 on a grid ending at 1.1516722) is the
    // whole clipping part.
    const double clippedError = 1.1516722 - 1.2962357;
    const double clipping = model.index(rowOf("MSE from clipping"), 1).data().toString().toDouble();
    const double rounding = model.index(rowOf("MSE from rounding"), 1).data().toString().toDouble();
    const double mse = model.index(rowOf("MSE"), 1).data().toString().toDouble();
    QVERIFY(std::fabs(clipping - clippedError * clippedError / 3) < 1e-6);
    QVERIFY(std::fabs(rounding + clipping - mse) < 1e-6);
    QVERIFY(model.index(rowOf("MSE from clipping"), 1).data(Qt::ForegroundRole).isValid());
}

void TestTableModels::compareHighlightsTheBest()
{
    CompareModel model;
    model.setSnapshot(snapshotOf("tutorial-3", Scheme::General));
    // On the tutorial's values the asymmetric scheme has the best SQNR and the general scheme
    // is the only one that clips.
    const int sqnr = rowOf("SQNR");
    QCOMPARE(model.bestColumns(sqnr), QList<int>{3});
    QVERIFY(model.index(sqnr, 3).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(sqnr, 1).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.bestColumns(rowOf("clipped above")), (QList<int>{2, 3}));
    QCOMPARE(model.bestColumns(rowOf("codes in range")), QList<int>{});
    QCOMPARE(CompareModel::schemeForColumn(2), std::optional(Scheme::Symmetric));
    QCOMPARE(CompareModel::schemeForColumn(0), std::nullopt);
}

// Cells that print alike are marked alike: on ReLU activations the symmetric and asymmetric
// schemes' cosines both print "1" at four digits although their values differ.
void TestTableModels::compareHighlightsTiesAsShown()
{
    CompareModel model;
    const SnapshotPtr snapshot = snapshotOf("relu-activations", Scheme::Symmetric);
    model.setSnapshot(snapshot);
    const int cosine = rowOf("cosine similarity");
    QVERIFY(cosine >= 0);
    QVERIFY(snapshot->schemes[1].metrics.cosineSimilarity !=
            snapshot->schemes[2].metrics.cosineSimilarity);
    QCOMPARE(model.index(cosine, 2).data().toString(), QString("1"));
    QCOMPARE(model.index(cosine, 3).data().toString(), QString("1"));
    QCOMPARE(model.bestColumns(cosine), (QList<int>{0, 2, 3}));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QList<int> best = model.bestColumns(row);
        for (int column = 0; column < 4 && !best.isEmpty(); ++column) {
            const bool looksBest = model.index(row, column).data().toString() ==
                                   model.index(row, best.front()).data().toString();
            QCOMPARE(best.contains(column), looksBest);
        }
    }
}

void TestTableModels::walkthroughShowsTheTutorialsSteps()
{
    WalkthroughModel model;
    model.setSnapshot(snapshotOf("tutorial-3", Scheme::General));
    QCOMPARE(model.rowCount(), 3);
    // The tutorial: quant_result [24 143 −112], saturete_result [24 127 −112],
    // dequant_result [0.21763885 1.1516722 −1.0156479].
    QCOMPARE(model.index(1, WalkthroughModel::Rounded).data().toString(), QString("143"));
    QCOMPARE(model.index(1, WalkthroughModel::Clipped).data().toString(), QString("127"));
    QCOMPARE(model.index(1, WalkthroughModel::Dequantized).data().toString(), QString("1.1516722"));
    QCOMPARE(model.index(2, WalkthroughModel::Clipped).data().toString(), QString("-112"));
    QVERIFY(model.index(1, WalkthroughModel::Clipped).data(Qt::ForegroundRole).isValid());
    model.setTrialValue(-1.0161772f);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, WalkthroughModel::Index).data().toString(), QString("yours"));
    QCOMPARE(model.index(0, WalkthroughModel::Clipped).data().toString(), QString("-112"));
    // The general process has no zero point, so its header leaves Z out; the asymmetric one's
    // has it.
    QCOMPARE(model.headerData(WalkthroughModel::Scaled, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("R/Scale"));
    QVERIFY(!model.index(1, WalkthroughModel::Clipped)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .contains("+ Z"));
    model.setSnapshot(snapshotOf("tutorial-3", Scheme::Asymmetric));
    QCOMPARE(model.headerData(WalkthroughModel::Scaled, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("R/Scale + Z"));
}

void TestTableModels::smallSharesKeepTheirDigits()
{
    QCOMPARE(formatPercent(0.25), QString("25.0%"));
    QCOMPARE(formatPercent(0.0), QString("0.0%"));
    QCOMPARE(formatPercent(0.0004), QString("0.040%"));
    // 3 values of 16,777,216: not "0.000%", which reads as none.
    QCOMPARE(formatPercent(3.0 / 16777216.0), QString("0.000018%"));
    QCOMPARE(formatPercent(1.0 / 1e9), QString("0.00000010%"));
}

QTEST_MAIN(TestTableModels)
#include "tst_table_models.moc"
