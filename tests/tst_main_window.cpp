// The window, offscreen: it starts on the demo, controls change the results, the histogram
// carries the overlays the tutorial talks about, and a bad file changes nothing.

#include "lessons/lesson_guide.h"
#include "main_window.h"
#include "models/compare_model.h"
#include "models/metric_rows.h"
#include "panels/compare_panel.h"
#include "panels/scheme_panel.h"
#include "panels/source_panel.h"
#include "panels/welcome_bar.h"
#include "plots/code_usage_plot.h"
#include "plots/histogram_plot.h"
#include "session/session.h"
#include "support/gguf_files.h"
#include "support/model_files.h"
#include "support/plot_items.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QHeaderView>
#include <QImage>
#include <QMessageBox>
#include <QMouseEvent>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QtTest>
#include <qcustomplot.h>

using namespace qs;
using namespace qs::ui;

using test::graphNamed;
using test::itemNames;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsOnTheDemo();
    void firstRunOffersLessonOne();
    void schemeChangeChangesTheResults();
    void histogramShowsWhatTheTutorialSays_data();
    void histogramShowsWhatTheTutorialSays();
    void gridLabelsNeverOverlap();
    void oneUnusedCodeIsSingular();
    void usedCodesKeepAVisibleWidth();
    void draggingAClipLineSetsAManualRange();
    void compareColumnSwitchesTheScheme();
    void compareAcrossCalibrationsAndGranularities();
    void zoomingInDrawsOneLinePerCode();
    void hoverNamesTheBinAndItsCodes();
    void badFileShowsOneDialogAndKeepsTheState();
    void storedTensorOpensOnItsOwnType();
    void outlierSlidersCoalesce();
    void screenshotModeWritesAPng();
    void badFileAtStartShowsTheDemo();
    void fileArgumentOpensTensorsAndSessions();
    void logCountsIsOneState();
    void longWorkShowsProgressAndCancel();
    void remembersLayoutAndRecentFiles();

private:
    bool waitForResults(MainWindow& window);
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a throw-away place
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

bool TestMainWindow::waitForResults(MainWindow& window)
{
    QSignalSpy drawn(&window, &MainWindow::resultsDrawn);
    return drawn.wait(20000) && QTest::qWaitFor([&] { return !window.runner()->isBusy(); }, 20000);
}

void TestMainWindow::startsOnTheDemo()
{
    MainWindow window;
    window.show();
    QVERIFY(window.width() >= 1280 && window.height() >= 800);
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitForResults(window));
    const SnapshotPtr snapshot = window.snapshot();
    QVERIFY(snapshot);
    // The demo shows all three lessons at once: clipping, unused codes and outliers.
    QVERIFY(snapshot->current.metrics.clippedAbove > 0);
    QVERIFY(snapshot->current.metrics.unusedRangeFraction > 0.1);
    QVERIFY(snapshot->outliers.above > 0);
    const QStringList items = itemNames(window.histogramPlot()->plot());
    QVERIFY(items.contains("clipped-above"));
    QVERIFY(items.contains("unused-below"));
    QVERIFY(graphNamed(window.histogramPlot()->plot(), "outlier-markers")->dataCount() > 0);
}

// The first run on the demo says what it shows and offers lesson 1; once closed, it stays
// closed in later runs.
void TestMainWindow::firstRunOffersLessonOne()
{
    WelcomeBar::forget();
    {
        MainWindow window;
        window.show();
        window.start(MainWindow::demoSource(), MainWindow::demoSpec());
        window.offerWelcome();
        WelcomeBar* bar = window.welcomeBar();
        QVERIFY(bar->isVisible());
        auto* start = bar->findChild<QPushButton*>("welcomeStartLesson");
        QVERIFY(start && start->text() == "Start lesson 1");
        start->click();
        QCOMPARE(window.lessonGuide()->current(), 1);
        QVERIFY(!bar->isVisible());
        QVERIFY(WelcomeBar::wasDismissed());
        QVERIFY(waitForResults(window));
    }
    MainWindow later;
    later.show();
    later.offerWelcome();
    QVERIFY(!later.welcomeBar()->isVisible());
    WelcomeBar::forget();
    later.offerWelcome();
    QVERIFY(later.welcomeBar()->isVisible());
    later.welcomeBar()->findChild<QPushButton*>("welcomeClose")->click();
    QVERIFY(!later.welcomeBar()->isVisible());
    QVERIFY(WelcomeBar::wasDismissed());
    WelcomeBar::forget();
}

void TestMainWindow::schemeChangeChangesTheResults()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    QCOMPARE(window.snapshot()->spec.scheme, Scheme::Symmetric);
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    auto* scheme = window.schemePanel()->findChild<QComboBox*>("scheme");
    scheme->setCurrentIndex(scheme->findData(int(Scheme::Asymmetric)));
    QVERIFY(shown.wait(10000));
    QCOMPARE(window.snapshot()->spec.scheme, Scheme::Asymmetric);
    QCOMPARE(window.snapshot()->current.params.front().zeroPoint, -16);

    auto* bits = window.schemePanel()->findChild<QSpinBox*>("bits");
    bits->setValue(4);
    QVERIFY(shown.wait(10000));
    QCOMPARE(window.snapshot()->current.params.front().qmax, 7);
}

void TestMainWindow::histogramShowsWhatTheTutorialSays_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("item");
    QTest::newRow("general on tutorial-3: clipped top")
        << "tutorial-3" << int(Scheme::General) << "clipped-above";
    QTest::newRow("general on tutorial-3: unused bottom")
        << "tutorial-3" << int(Scheme::General) << "unused-below";
    QTest::newRow("symmetric on all-positive: unused negative half")
        << "all-positive" << int(Scheme::Symmetric) << "unused-below";
    QTest::newRow("tutorial-outlier: outlier markers")
        << "tutorial-outlier" << int(Scheme::Symmetric) << "outlier-markers";
}

void TestMainWindow::histogramShowsWhatTheTutorialSays()
{
    QFETCH(QString, preset);
    QFETCH(int, scheme);
    QFETCH(QString, item);
    MainWindow window;
    window.show();
    QuantSpec spec;
    spec.scheme = Scheme(scheme);
    window.start(PresetSpec{preset.toStdString()}, spec);
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.histogramPlot()->plot();
    if (item == "outlier-markers") {
        QCOMPARE(graphNamed(plot, item)->dataCount(), 1); // the single value at 100
        QVERIFY(itemNames(plot).contains("outlier-label"));
    } else {
        QVERIFY2(itemNames(plot).contains(item), qPrintable(itemNames(plot).join(", ")));
    }
    // Symmetric never clips on its own range; the general scheme does on the tutorial's values.
    QCOMPARE(itemNames(plot).contains("clipped-above"),
             preset == "tutorial-3" && scheme == int(Scheme::General));
}

// Next to an outlier the grid's ends and its zero lie a few pixels apart: their labels are
// stacked so that none covers another, in the window and in an export of another size.
void TestMainWindow::gridLabelsNeverOverlap()
{
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    spec.calibration.method = CalibrationMethod::Percentile;
    spec.calibration.percentile = 99.0; // a grid of about ±1 on an axis running to 100
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, spec);
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.histogramPlot()->plot();
    const QStringList names{"representable-min-label", "zero-point-label",
                            "representable-max-label"};
    const auto labelsApart = [&] {
        QList<QRectF> boxes;
        for (const QString& name : names) {
            auto* label = qobject_cast<QCPItemText*>(test::itemNamed(plot, name));
            if (label == nullptr) {
                qWarning() << "no label" << name;
                return false;
            }
            boxes << QRectF(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition())
                         .normalized();
        }
        const QRect inside = plot->axisRect()->rect();
        for (qsizetype i = 0; i < boxes.size(); ++i) {
            if (boxes[i].left() < inside.left() || boxes[i].right() > inside.right() + 1) {
                qWarning() << names[i] << boxes[i] << "hangs over the plot's edge" << inside;
                return false;
            }
            for (qsizetype j = i + 1; j < boxes.size(); ++j) {
                if (boxes[i].intersects(boxes[j])) {
                    qWarning() << names[i] << boxes[i] << "covers" << names[j] << boxes[j];
                    return false;
                }
            }
        }
        return true;
    };
    plot->replot();
    QVERIFY(labelsApart());
    // They were on top of one another where they were put: at least one had to move.
    auto* zero = qobject_cast<QCPItemText*>(test::itemNamed(plot, "zero-point-label"));
    auto* low = qobject_cast<QCPItemText*>(test::itemNamed(plot, "representable-min-label"));
    QVERIFY(zero->position->coords().y() > 0 || low->position->coords().y() > 0);
    QCOMPARE(zero->position->coords().x(), 0.0); // still at its value
    // An export lays the plot out at its own size; the labels are placed again for it.
    plot->toPixmap(500, 300);
    QVERIFY(labelsApart());
    plot->replot();
    QVERIFY(labelsApart());
}

// One code unused is "1 code", not "1 codes".
void TestMainWindow::oneUnusedCodeIsSingular()
{
    test::ScratchDir dir;
    // Symmetric −127..127 with Scale 1/127: 0.9922 rounds to code 126, so only 127 is unused.
    const std::string path =
        dir.write("two.npy", test::npyBytes("{'descr': '<f4', 'fortran_order': False, "
                                            "'shape': (2,), }",
                                            test::floatBytes({-1.0f, 0.9922f})));
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    spec.narrowRange = true;
    MainWindow window;
    window.show();
    window.start(FileSpec{path, {}, {}}, spec);
    QVERIFY(waitForResults(window));
    auto* label = qobject_cast<QCPItemText*>(
        test::itemNamed(window.histogramPlot()->plot(), "unused-above-label"));
    QVERIFY(label);
    QVERIFY2(label->text().startsWith("unused: 1 code ("), qPrintable(label->text()));
}

// The tutorial's three values use 3 of 256 codes: each stays at least 3 px wide however
// narrow the plot, and as wide as its code once the codes are wider than that.
void TestMainWindow::usedCodesKeepAVisibleWidth()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.codeUsagePlot()->plot();
    QCPBars* used = nullptr;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        if (plot->plottable(i)->objectName() == "used-codes") {
            used = qobject_cast<QCPBars*>(plot->plottable(i));
        }
    }
    QVERIFY(used);
    QCOMPARE(used->data()->size(), 3);
    const double pitch = plot->xAxis->coordToPixel(1) - plot->xAxis->coordToPixel(0);
    QVERIFY2(pitch < 3, qPrintable(QString::number(pitch))); // 256 codes in a few hundred px
    plot->replot();
    QCOMPARE(used->widthType(), QCPBars::wtAbsolute);
    QCOMPARE(used->width(), 3.0);
    plot->xAxis->setRange(20, 30); // zoomed in: ten codes across the plot
    plot->replot();
    QCOMPARE(used->widthType(), QCPBars::wtPlotCoords);
    QCOMPARE(used->width(), 1.0);
}

// Dragging the grid's upper end on the histogram: a manual range where the mouse let go, the
// scheme panel showing it, the axis holding still during the drag.
void TestMainWindow::draggingAClipLineSetsAManualRange()
{
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, spec); // the grid is ±100
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.histogramPlot()->plot();
    QVERIFY(window.histogramPlot()->clipLineDrag()->isEnabled());
    plot->replot();
    const QCPRange axis = plot->xAxis->range();
    const auto pixel = [&](double value) {
        return QPoint(static_cast<int>(std::lround(plot->xAxis->coordToPixel(value))),
                      plot->axisRect()->center().y());
    };
    const double line = test::lineX(plot, "representable-max");
    QVERIFY(std::fabs(line - 100) < 1e-3);
    QCOMPARE(window.histogramPlot()->clipLineDrag()->lineNear(pixel(line).x()),
             std::optional(GridEnd::High));
    QVERIFY(!window.histogramPlot()->clipLineDrag()->lineNear(pixel(50).x()));
    QTest::mousePress(plot, Qt::LeftButton, {}, pixel(line));
    QMouseEvent move(QEvent::MouseMove, QPointF(pixel(40)), plot->mapToGlobal(QPointF(pixel(40))),
                     Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(plot, &move);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return window.snapshot()->spec.calibration.method == CalibrationMethod::Manual &&
                   !window.runner()->isBusy();
        },
        20000));
    QCOMPARE(plot->xAxis->range(), axis);                      // held still while dragging
    const double t = plot->xAxis->pixelToCoord(pixel(40).x()); // where the mouse lets go
    QTest::mouseRelease(plot, Qt::LeftButton, {}, pixel(40));
    QVERIFY(QTest::qWaitFor([&] { return !window.runner()->isBusy(); }, 20000));
    const CalibrationSpec& c = window.snapshot()->spec.calibration;
    QCOMPARE(c.method, CalibrationMethod::Manual);
    QVERIFY2(std::fabs(c.clipMax - t) < 1e-9 && std::fabs(c.clipMin + t) < 1e-9,
             qPrintable(QString("[%1, %2] for %3").arg(c.clipMin).arg(c.clipMax).arg(t)));
    QVERIFY(window.snapshot()->current.metrics.clippedAbove == 1);             // the outlier at 100
    QVERIFY(std::fabs(test::lineX(plot, "representable-max") - t) < 1e-5 * t); // float32 Scale
    // The scheme panel shows the method and its two ends.
    auto* method = window.schemePanel()->findChild<QComboBox*>("calibration");
    QCOMPARE(method->currentData().toInt(), int(CalibrationMethod::Manual));
    auto* clipMax = window.schemePanel()->findChild<QDoubleSpinBox*>("clipMax");
    QVERIFY(clipMax && clipMax->isVisibleTo(window.schemePanel()));
    QVERIFY(std::fabs(clipMax->value() - t) < 1e-6);
    // Typed there, the range is taken as typed.
    clipMax->setValue(5);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return window.snapshot()->spec.calibration.clipMax == 5 && !window.runner()->isBusy();
        },
        20000));
}

void TestMainWindow::compareColumnSwitchesTheScheme()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    emit window.comparePanel()->view()->horizontalHeader()->sectionClicked(1); // the general scheme
    QVERIFY(shown.wait(10000));
    QCOMPARE(window.snapshot()->spec.scheme, Scheme::General);
    QCOMPARE(window.schemePanel()->spec().scheme, Scheme::General);
}

// The Compare tab beyond schemes: every calibration method side by side, computed in the
// background, each column what an analysis of that method alone gives; a click switches to it.
// Granularities of a vector: the channel column says why it is empty.
void TestMainWindow::compareAcrossCalibrationsAndGranularities()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"heavy-tailed-weights"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    QVERIFY(window.showTab("compare"));
    ComparePanel* panel = window.comparePanel();
    CompareModel* model = panel->model();
    QSignalSpy compared(panel, &ComparePanel::comparisonShown);
    auto* across = panel->findChild<QComboBox*>("compareAcross");
    QVERIFY(across);
    across->setCurrentIndex(across->findData(int(CompareAcross::Calibrations)));
    QVERIFY(compared.wait(60000));
    QCOMPARE(model->columnCount(), 7); // current and six methods
    // Every number whole on one line: seven columns keep their digits and scroll sideways.
    QVERIFY(!panel->view()->wordWrap());
    for (int column = 0; column < model->columnCount(); ++column) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString text = model->index(row, column).data().toString();
            QVERIFY2(panel->view()->columnWidth(column) >=
                         panel->view()->fontMetrics().horizontalAdvance(text),
                     qPrintable(text));
        }
    }
    QCOMPARE(model->headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("least MSE"));
    const int sqnr = [] {
        for (std::size_t i = 0; i < metricRows().size(); ++i) {
            if (QLatin1String(metricRows()[i].name) == QLatin1String("SQNR")) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }();
    QuantSpec mse = window.snapshot()->spec;
    mse.calibration.method = CalibrationMethod::Mse;
    const auto alone =
        analyzeTensor(window.snapshot()->data->loaded.tensor.view(), mse, AnalysisOptions{});
    QVERIFY(alone);
    QCOMPARE(model->index(sqnr, 3).data().toString(),
             formatMetric(metricRows()[static_cast<std::size_t>(sqnr)], alone->metrics, 4));
    QVERIFY(model->bestColumns(sqnr).contains(3)); // least MSE has the best SQNR here
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    emit panel->view()->horizontalHeader()->sectionClicked(3);
    QVERIFY(shown.wait(20000));
    QCOMPARE(window.snapshot()->spec.calibration.method, CalibrationMethod::Mse);
    QVERIFY(compared.wait(60000)); // computed again for the new settings
    QVERIFY(model->headerData(3, Qt::Horizontal, Qt::FontRole).value<QFont>().bold());

    window.start(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    across->setCurrentIndex(across->findData(int(CompareAcross::Granularities)));
    QTRY_VERIFY_WITH_TIMEOUT(model->columnCount() == 4 && !panel->isComputing(), 60000);
    QCOMPARE(model->index(0, 2).data().toString(), QString("n/a"));
    QCOMPARE(model->index(0, 2).data(Qt::ToolTipRole).toString(),
             QString("a 1-D tensor has no channels"));
    QVERIFY(!model->specForColumn(2));
    across->setCurrentIndex(across->findData(int(CompareAcross::Schemes)));
    QCOMPARE(model->columnCount(), 4);
    QCOMPARE(model->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("general\n一般过程"));
}

void TestMainWindow::zoomingInDrawsOneLinePerCode()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"relu-activations"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.histogramPlot()->plot();
    QVERIFY(!itemNames(plot).contains("code-grid")); // 255 codes across the view: too many lines
    const double scale = window.snapshot()->current.params.front().scale;
    plot->xAxis->setRange(0.0, 20 * scale);
    QTRY_VERIFY_WITH_TIMEOUT(itemNames(plot).count("code-grid") >= 20, 5000);
}

void TestMainWindow::hoverNamesTheBinAndItsCodes()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    const QString text =
        window.histogramPlot()->describeBinAt(double(1.2962357f)); // the largest value, exactly
    QVERIFY2(text.contains("count 1") && text.contains("127"), qPrintable("[" + text + "]"));
    QVERIFY(window.histogramPlot()->describeBinAt(50.0).isEmpty());
}

void TestMainWindow::badFileShowsOneDialogAndKeepsTheState()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    const SnapshotPtr before = window.snapshot();
    test::ScratchDir dir;
    const std::string path = dir.write("truncated.npy", QByteArray("\x93NUMPY\x01\x00", 8));
    QSignalSpy failed(window.runner(), &AnalysisRunner::failed);
    window.openFile(QString::fromStdString(path));
    QVERIFY(failed.wait(10000));
    const auto dialogs = window.findChildren<QMessageBox*>("errorDialog");
    QCOMPARE(dialogs.size(), 1);
    QVERIFY(dialogs.first()->text().contains("truncated.npy"));
    QCOMPARE(window.snapshot(), before);
    QCOMPARE(window.sourcePanel()->mode(), SourcePanel::Preset); // the panel shows what is shown
    // By its title, with the id that sessions and the CLI spell behind it.
    auto* preset = window.sourcePanel()->findChild<QComboBox*>("preset");
    QCOMPARE(preset->currentText(), QString("Tutorial: three values"));
    QVERIFY(preset->itemData(preset->currentIndex(), Qt::ToolTipRole)
                .toString()
                .startsWith("tutorial-3: "));
    const TensorSource sourceNow = window.sourcePanel()->source();
    QVERIFY(std::holds_alternative<PresetSpec>(sourceNow));
    QCOMPARE(QString::fromStdString(std::get<PresetSpec>(sourceNow).name), QString("tutorial-3"));
}

// A bad file named at start-up: the dialog names it, and the window shows the demo rather than
// empty axes under the bad file's name.
void TestMainWindow::badFileAtStartShowsTheDemo()
{
    MainWindow window;
    window.show();
    test::ScratchDir dir;
    const std::string path = dir.write("truncated.npy", QByteArray("\x93NUMPY\x01\x00", 8));
    window.start(FileSpec{path, {}, {}}, QuantSpec{});
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox*>("errorDialog") != nullptr, 20000);
    QVERIFY(window.findChild<QMessageBox*>("errorDialog")->text().contains("truncated.npy"));
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr && !window.runner()->isBusy(), 60000);
    QVERIFY(window.snapshot()->data->source == MainWindow::demoSource());
    QCOMPARE(window.sourcePanel()->mode(), SourcePanel::Generate);
    QVERIFY(!window.windowTitle().contains("truncated.npy"));
}

void TestMainWindow::storedTensorOpensOnItsOwnType()
{
    // A Q4_K tensor of ggml's own bytes (tests/data/ggml): the window switches to q4_k and
    // shows the file's blocks as they are.
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    test::ScratchDir dir;
    // The fixture's first 8 rows: ordinary weights (its later rows hold blocks that decode to
    // ±Inf on purpose).
    const QByteArray blocks = test::readFileBytes(test::testData("ggml/q4_k.bin")).left(8 * 144);
    QCOMPARE(blocks.size(), 8 * 144);
    const std::string path =
        dir.write("m.gguf", test::ggufBytes({{"blk.0.ffn_down.weight", {256, 8}, 12, blocks}}));
    window.openFile(QString::fromStdString(path));
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() &&
                                 window.snapshot()->spec.format.format == NumberFormat::GgmlQ4K &&
                                 !window.runner()->isBusy(),
                             20000);
    const SnapshotPtr shown = window.snapshot();
    QCOMPARE(window.schemePanel()->spec().format.format, NumberFormat::GgmlQ4K);
    QCOMPARE(shown->current.metrics.mse, 0.0); // the stored values against themselves
    QCOMPARE(shown->current.params.size(), std::size_t{8 * 8});
    QVERIFY(shown->data->loaded.storedBlocks.has_value());
    // Another format re-quantizes the stored values: an error appears.
    QSignalSpy drawn(&window, &MainWindow::snapshotShown);
    QuantSpec q8 = window.spec();
    q8.format.format = NumberFormat::GgmlQ8_0;
    window.applySpec(q8);
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot()->spec.format.format == NumberFormat::GgmlQ8_0,
                             20000);
    QVERIFY(window.snapshot()->current.metrics.mse > 0);

    // Started on the file (quantscope --input m.gguf): on its own type unless a format was named.
    MainWindow started;
    started.show();
    started.start(FileSpec{path, {}, {}}, QuantSpec{}, true);
    QTRY_VERIFY_WITH_TIMEOUT(started.snapshot() &&
                                 started.snapshot()->spec.format.format == NumberFormat::GgmlQ4K &&
                                 !started.runner()->isBusy(),
                             20000);
    QCOMPARE(started.snapshot()->current.metrics.mse, 0.0);
    MainWindow named;
    named.show();
    named.start(FileSpec{path, {}, {}}, QuantSpec{}, false);
    QVERIFY(waitForResults(named));
    QCOMPARE(named.snapshot()->spec.format.format, QuantSpec{}.format.format);
}

void TestMainWindow::outlierSlidersCoalesce()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitForResults(window));
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    auto* slider = window.sourcePanel()->findChild<QSlider*>("outlierMagnitude");
    for (int value = 10; value < 60; ++value) { // a drag: fifty steps in quick succession
        slider->setValue(value);
    }
    QVERIFY(waitForResults(window));
    QVERIFY2(shown.size() <= 3, qPrintable(QString::number(shown.size())));
    const auto& spec = std::get<GenerateSpec>(window.snapshot()->data->source);
    QCOMPARE(spec.outliers.magnitude, 59 / 2.0);
}

void TestMainWindow::screenshotModeWritesAPng()
{
    test::ScratchDir dir;
    const QString out = QString::fromStdString(dir.path("window.png"));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(environment);
    process.start(test::guiPath(),
                  {"--preset-data", "tutorial-3", "--scheme", "general", "--screenshot", out});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QImage image(out);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1280 && image.height() >= 800);
}

// `quantscope FILE`, as the desktop entry starts it for a file opened from a file manager.
void TestMainWindow::fileArgumentOpensTensorsAndSessions()
{
    test::ScratchDir dir;
    const auto run = [](const QStringList& arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        process.setProcessEnvironment(environment);
        process.start(test::guiPath(), arguments);
        const bool finished = process.waitForFinished(60000);
        return std::pair(finished ? process.exitCode() : -1,
                         QString::fromUtf8(process.readAllStandardError()));
    };
    const QString png = QString::fromStdString(dir.path("window.png"));
    const QString tensor = QString::fromStdString(dir.write(
        "values.npy", test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                                     QByteArray::fromHex("0000803f000000c0"))));
    QCOMPARE(run({tensor, "--screenshot", png}).first, 0);
    QVERIFY(QImage(png).width() > 0);

    // Read as --input: a missing file is the tensor's error, named, with the command line's
    // exit status for bad input.
    const QString missing = QString::fromStdString(dir.path("missing.npy"));
    const auto [missingCode, missingError] = run({missing, "--screenshot", png});
    QCOMPARE(missingCode, 3);
    QVERIFY2(missingError.contains(missing + ": no such file"), qPrintable(missingError));

    // A .qscope is read as --session: the session gives the scheme, so --bits is refused.
    const std::string session = dir.path("saved.qscope");
    QVERIFY(writeSession(session, Session{PresetSpec{"tutorial-3"}, QuantSpec{}, {}}));
    QCOMPARE(run({QString::fromStdString(session), "--screenshot", png}).first, 0);
    const auto [bitsCode, bitsError] = run({QString::fromStdString(session), "--bits", "3"});
    QCOMPARE(bitsCode, 2);
    QVERIFY2(bitsError.contains("drop --bits"), qPrintable(bitsError));

    // One thing to open: FILE and another source are refused before any window.
    const auto [bothCode, bothError] = run({tensor, "--preset-data", "tutorial-3"});
    QCOMPARE(bothCode, 2);
    QVERIFY2(bothError.contains("FILE names what to open"), qPrintable(bothError));
}

void TestMainWindow::longWorkShowsProgressAndCancel()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    const SnapshotPtr before = window.snapshot();
    auto* progress = window.findChild<QProgressBar*>("progress");
    auto* cancel = window.findChild<QToolButton*>("cancel");
    QVERIFY(!progress->isVisible() && !cancel->isVisible()); // quick work shows no progress

    GenerateSpec big; // 32M values take seconds to generate and analyse
    big.shape = {1 << 25};
    QSignalSpy cancelled(window.runner(), &AnalysisRunner::cancelled);
    window.start(big, QuantSpec{});
    QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible() && progress->isVisible(), 5000);
    cancel->click();
    QVERIFY(cancelled.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(!cancel->isVisible(), 5000);
    QCOMPARE(window.snapshot(), before); // the last results stay
}

void TestMainWindow::remembersLayoutAndRecentFiles()
{
    const QString file = test::testData("arange_le_f4.npy");
    QList<int> sizes;
    {
        MainWindow window;
        window.show();
        auto* splitter = window.findChild<QSplitter*>("centreSplitter");
        splitter->setSizes({300, 500});
        sizes = splitter->sizes();
        window.openFile(file);
        QVERIFY(waitForResults(window));
        window.close();
    }
    MainWindow again;
    again.show();
    QCOMPARE(again.findChild<QSplitter*>("centreSplitter")->sizes(), sizes);
    const auto actions = again.findChild<QMenu*>("recentFiles")->actions();
    QVERIFY(!actions.isEmpty());
    QCOMPARE(actions.first()->text(), file);
}

void TestMainWindow::logCountsIsOneState()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitForResults(window));
    QCustomPlot* plot = window.histogramPlot()->plot();
    auto* box = window.histogramPlot()->findChild<QCheckBox*>();
    QAction* item = nullptr;
    for (QAction* action : window.findChildren<QAction*>()) {
        if (action->text() == "&Log counts") {
            item = action;
        }
    }
    QVERIFY(box && item);
    QVERIFY(!box->isChecked() && !item->isChecked());

    // Ticking the box redraws at once (no recompute runs) and the menu item follows.
    box->click();
    QVERIFY(!window.runner()->isBusy());
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(plot->yAxis->range().lower, 0.5);
    QVERIFY(item->isChecked());
    // The menu item turns it off again, and the box follows.
    item->trigger();
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(plot->yAxis->range().lower, 0.0);
    QVERIFY(!box->isChecked());
    // A restored view (a session) sets both.
    ViewState view = window.viewState();
    view.logCounts = true;
    window.applyViewState(view);
    QVERIFY(box->isChecked() && item->isChecked());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
