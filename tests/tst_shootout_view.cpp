// The Compare tab's shoot-out, offscreen: it runs only when shown, fills the table best SQNR
// first, draws the front and the error curves, switches the window to the row clicked, follows
// the bits class, and can be cancelled.

#include "export/report_export.h"
#include "main_window.h"
#include "models/shootout_model.h"
#include "panels/job_status_bar.h"
#include "panels/shootout_panel.h"
#include "plots/shootout_plots.h"
#include "support/plot_items.h"

#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs;
using namespace qs::ui;
using test::graphNamed;

namespace {

GenerateSpec weights()
{
    GenerateSpec spec;
    spec.distribution = Distribution::StudentT;
    spec.shape = {32, 256};
    spec.seed = 5;
    return spec;
}

bool waitUntilIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

} // namespace

class TestShootoutView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runsWhenShownAndFillsTheTable();
    void clickingARowShowsThatFormat();
    void theBitsClassChangesTheRows();
    void cancelStopsAndSays();
    void theReportTakesTheShownShootout();
};

void TestShootoutView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestShootoutView::runsWhenShownAndFillsTheTable()
{
    MainWindow window;
    window.show();
    window.start(weights(), QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    ShootoutPanel* panel = window.shootoutPanel();
    QVERIFY(!panel->isComputing()); // hidden: nothing runs
    QCOMPARE(panel->model()->rowCount(), 0);

    QSignalSpy shown(panel, &ShootoutPanel::shootoutShown);
    QVERIFY(window.showTab(QStringLiteral("formats")));
    QCOMPARE(window.currentTableName(), QStringLiteral("formats"));
    QVERIFY(shown.wait(60000));
    ShootoutModel* model = panel->model();
    QCOMPARE(model->rowCount(), 12);
    int pareto = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (r > 0) {
            QVERIFY(model->index(r - 1, ShootoutModel::Sqnr).data(Qt::UserRole).toDouble() >=
                    model->index(r, ShootoutModel::Sqnr).data(Qt::UserRole).toDouble());
        }
        pareto += model->rowAt(r)->pareto ? 1 : 0;
        const bool starred =
            model->index(r, ShootoutModel::Format).data().toString().endsWith(QStringLiteral("★"));
        QCOMPARE(starred, model->rowAt(r)->pareto);
    }
    QVERIFY(pareto >= 2);
    // The window shows int8, which is not a 4-bit row: nothing ringed.
    QVERIFY(!model->currentRow());
    QCustomPlot* front = panel->plots()->frontPlot();
    QCOMPARE(graphNamed(front, "formats")->dataCount(), 12);
    QCOMPARE(graphNamed(front, "pareto-front")->dataCount(), pareto);
    QVERIFY(!graphNamed(front, "current-format"));
    QCustomPlot* errors = panel->plots()->errorPlot();
    QCOMPARE(errors->graphCount(), int(ShootoutPlots::kErrorCurves));
    QCOMPARE(errors->graph(0)->name(), QString::fromStdString(model->rowAt(0)->name));
    QVERIFY(errors->graph(0)->dataCount() > 2);
    // The curves end with every value counted.
    QCOMPARE((errors->graph(0)->data()->end() - 1)->value, 1.0);

    // The same tensor again under another scheme does not run it again.
    QuantSpec asymmetric;
    asymmetric.scheme = Scheme::Asymmetric;
    window.applySpec(asymmetric);
    QVERIFY(waitUntilIdle(window));
    QCOMPARE(shown.count(), 1);
}

void TestShootoutView::clickingARowShowsThatFormat()
{
    MainWindow window;
    window.show();
    window.start(weights(), QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    ShootoutPanel* panel = window.shootoutPanel();
    QSignalSpy shown(panel, &ShootoutPanel::shootoutShown);
    window.showTab(QStringLiteral("formats"));
    QVERIFY(shown.wait(60000));

    // Pick the row of NVFP4 and click it.
    int row = -1;
    for (int r = 0; r < panel->model()->rowCount(); ++r) {
        row = panel->model()->rowAt(r)->name == "nvfp4" ? r : row;
    }
    QVERIFY(row >= 0);
    const ShootoutRow expected = *panel->model()->rowAt(row);
    QTableView* view = panel->view();
    const QRect cell = view->visualRect(panel->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QVERIFY(QTest::qWaitFor([&] { return window.snapshot()->spec == expected.spec; }, 60000));
    QVERIFY(waitUntilIdle(window));
    // The window's analysis is the row's, and the row is now ringed.
    QCOMPARE(window.snapshot()->current.metrics, expected.metrics);
    QCOMPARE(panel->model()->currentRow(), std::optional<int>(row));
    QVERIFY(graphNamed(panel->plots()->frontPlot(), "current-format"));
    QCOMPARE(shown.count(), 1); // the tensor did not change: no new shoot-out
}

void TestShootoutView::theBitsClassChangesTheRows()
{
    MainWindow window;
    window.show();
    window.start(weights(), QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    ShootoutPanel* panel = window.shootoutPanel();
    QSignalSpy shown(panel, &ShootoutPanel::shootoutShown);
    window.showTab(QStringLiteral("formats"));
    QVERIFY(shown.wait(60000));
    auto* bitsClass = panel->findChild<QComboBox*>("shootoutClass");
    QVERIFY(bitsClass);
    bitsClass->setCurrentIndex(bitsClass->findData(8));
    QVERIFY(shown.wait(60000));
    QCOMPARE(panel->bitsClass(), 8);
    QCOMPARE(panel->model()->rowCount(), 8);
    // Symmetric int8 per tensor is what the window shows: that row is highlighted.
    const std::optional<int> current = panel->model()->currentRow();
    QVERIFY(current);
    QCOMPARE(panel->model()->rowAt(*current)->name, std::string("int8-tensor"));
    QCOMPARE(panel->model()->rowAt(*current)->metrics, window.snapshot()->current.metrics);
}

void TestShootoutView::cancelStopsAndSays()
{
    MainWindow window;
    window.show();
    GenerateSpec big = weights();
    big.shape = {1024, 2048}; // long enough to cancel
    window.start(big, QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    ShootoutPanel* panel = window.shootoutPanel();
    window.showTab(QStringLiteral("formats"));
    QVERIFY(panel->isComputing());
    auto* status = panel->findChild<JobStatusBar*>();
    QVERIFY(status);
    emit status->cancelRequested();
    QVERIFY(QTest::qWaitFor([&] { return !panel->isComputing(); }, 30000));
    QCOMPARE(panel->model()->rowCount(), 0);
    QVERIFY2(status->text().contains("Cancelled"), qPrintable(status->text()));
    // Not restarted by itself; a new tensor runs it again.
    QTest::qWait(50);
    QVERIFY(!panel->isComputing());
}

void TestShootoutView::theReportTakesTheShownShootout()
{
    // What File → Export Report passes: the shoot-out shown for the tensor on screen, then the
    // report's section with its rows; none for another tensor.
    MainWindow window;
    window.show();
    window.start(weights(), QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    ShootoutPanel* panel = window.shootoutPanel();
    QVERIFY(!panel->shownFor(window.snapshot())); // never run
    QSignalSpy shown(panel, &ShootoutPanel::shootoutShown);
    window.showTab(QStringLiteral("formats"));
    QVERIFY(shown.wait(60000));
    const auto shootout = panel->shownFor(window.snapshot());
    QVERIFY(shootout);
    QCOMPARE(shootout->rows.size(), std::size_t{12});

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.html"));
    ReportOptions options;
    options.shootout = shootout;
    QVERIFY(exportTensorReport(window.snapshot(), path, options).isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(file.readAll());
    QVERIFY(html.contains(QStringLiteral("Formats at equal bits")));
    QVERIFY(html.contains(QString::fromStdString(shootout->rows.front().name)));

    // Another tensor: the old shoot-out is not its own.
    window.showTab(QStringLiteral("error"));
    GenerateSpec other = weights();
    other.seed = 6;
    window.start(other, QuantSpec{});
    QVERIFY(waitUntilIdle(window));
    QVERIFY(!panel->shownFor(window.snapshot()));
}

QTEST_MAIN(TestShootoutView)
#include "tst_shootout_view.moc"
