// The guided lessons, offscreen: each one sets the tensor, scheme, view and table it promises,
// frames the element it talks about and shows the tutorial's numbers; its "try this" control
// moves the state; Previous/Next and closing work; `quantscope --lesson N` renders one.

#include "lessons/highlight_frame.h"
#include "lessons/lesson_guide.h"
#include "lessons/lessons.h"
#include "main_window.h"
#include "models/walkthrough_model.h"
#include "panels/channels_panel.h"
#include "panels/mitigation_controls.h"
#include "panels/outliers_panel.h"
#include "panels/scheme_panel.h"
#include "panels/source_panel.h"
#include "panels/walkthrough_panel.h"
#include "plots/histogram_plot.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSlider>
#include <QStandardPaths>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

bool waitIdle(MainWindow& window)
{
    // A lesson's state is in once the tensor it names is shown and nothing runs any more.
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

bool startAndWait(MainWindow& window, int lesson)
{
    window.startLesson(lesson);
    const Lesson* wanted = lessonNumber(lesson);
    return QTest::qWaitFor(
               [&] {
                   return window.snapshot() && window.snapshot()->spec == wanted->spec &&
                          window.snapshot()->data->source == wanted->source;
               },
               60000) &&
           waitIdle(window);
}

// The Outliers view's before and after, once they are those of its current settings.
std::pair<MitigationOutcome, MitigationOutcome> outliersShown(MainWindow& window)
{
    OutliersPanel* panel = window.outliersPanel();
    if (!QTest::qWaitFor([&] { return panel->showsCurrentSettings(); }, 60000)) {
        qFatal("the Outliers view did not finish");
    }
    return {*panel->before(), *panel->after()};
}

// The walkthrough's row of the value typed in ("yours"), column `column`.
QString yoursCell(MainWindow& window, int column)
{
    WalkthroughModel* model = window.walkthroughPanel()->model();
    return model->data(model->index(0, column), Qt::DisplayRole).toString();
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachLessonSetsItsState_data();
    void eachLessonSetsItsState();
    void theTutorialsNumbers();
    void tryThisMovesTheState();
    void aLessonStartsFromACleanView();
    void numbersFollowTryThis();
    void lessonSixShowsTheValley();
    void previousNextAndClose();
    void helpMenuListsTheLessons();
    void commandLineStartsALesson();
};

void TestLessons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestLessons::eachLessonSetsItsState_data()
{
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("highlight");
    QTest::newRow("1 general process") << 1 << "tutorial-3" << int(Scheme::General) << "quantizer"
                                       << "walkthrough"
                                       << "walkthroughTable";
    QTest::newRow("2 symmetric") << 2 << "tutorial-3" << int(Scheme::Symmetric) << "quantizer"
                                 << "error"
                                 << "histogram";
    QTest::newRow("3 asymmetric") << 3 << "tutorial-3" << int(Scheme::Asymmetric) << "quantizer"
                                  << "walkthrough"
                                  << "derivation";
    QTest::newRow("4 outlier") << 4 << "tutorial-outlier" << int(Scheme::Symmetric) << "quantizer"
                               << "error"
                               << "codes";
    QTest::newRow("5 per channel")
        << 5 << "extreme-channels" << int(Scheme::Symmetric) << "channels"
        << "error"
        << "channelSqnr";
    QTest::newRow("6 calibration")
        << 6 << "heavy-tailed-weights" << int(Scheme::Symmetric) << "sweeps"
        << "error"
        << "clipSweep";
    QTest::newRow("7 floating-point grids")
        << 7 << "tutorial-outlier" << int(Scheme::Symmetric) << "quantizer"
        << "error"
        << "transfer";
    QTest::newRow("8 block scaling")
        << 8 << "heavy-tailed-weights" << int(Scheme::Symmetric) << "quantizer"
        << "error"
        << "metricsTable";
    QTest::newRow("9 SmoothQuant's alpha")
        << 9 << "heavy-tailed-weights" << int(Scheme::Symmetric) << "outliers"
        << "error"
        << "mitigationMeasures";
    QTest::newRow("10 rotation") << 10 << "heavy-tailed-weights" << int(Scheme::Symmetric)
                                 << "outliers"
                                 << "error"
                                 << "channelMaxima";
}

void TestLessons::eachLessonSetsItsState()
{
    QFETCH(int, number);
    QFETCH(QString, tensor);
    QFETCH(int, scheme);
    QFETCH(QString, view);
    QFETCH(QString, table);
    QFETCH(QString, highlight);
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitIdle(window));
    QVERIFY(startAndWait(window, number));

    LessonGuide* guide = window.lessonGuide();
    QCOMPARE(guide->current(), number);
    QCOMPARE(QString::fromStdString(window.snapshot()->data->loaded.tensor.name), tensor);
    QCOMPARE(int(window.snapshot()->spec.scheme), scheme);
    QCOMPARE(window.currentViewName(), view);
    QCOMPARE(window.currentTableName(), table);
    QVERIFY(guide->dock()->isVisible());
    QVERIFY(guide->dock()
                ->findChild<QLabel*>("lessonTitle")
                ->text()
                .contains(lessonNumber(number)->title()));

    // The element the lesson talks about is framed: a frame just around it, shown.
    QWidget* target = guide->highlighted();
    QVERIFY(target != nullptr);
    QCOMPARE(target->objectName(), highlight);
    QVERIFY(target->isVisible());
    auto* frame = window.findChild<HighlightFrame*>("lessonHighlight");
    QVERIFY(frame != nullptr);
    QVERIFY(frame->isVisible());
    QCOMPARE(frame->parentWidget(), target->parentWidget());
    // Around the target, or along its border where it touches its parent's edge.
    QCOMPARE(frame->geometry(),
             target->geometry().adjusted(-4, -4, 4, 4) & target->parentWidget()->rect());
}

void TestLessons::theTutorialsNumbers()
{
    MainWindow window;
    window.show();
    QVERIFY(startAndWait(window, 1));
    // 1.2962357 clipped at 127 comes back as 1.1516722 (the "yours" row of the walkthrough).
    QCOMPARE(yoursCell(window, 1), QStringLiteral("1.2962357"));
    QCOMPARE(yoursCell(window, 4), QStringLiteral("127"));
    QCOMPARE(yoursCell(window, 5), QStringLiteral("1.1516722"));
    QCOMPARE(window.snapshot()->current.metrics.clippedAbove, std::size_t{1});

    QVERIFY(startAndWait(window, 2)); // symmetric: nothing clips, 27 negative codes unused
    QCOMPARE(window.snapshot()->current.metrics.clippedAbove +
                 window.snapshot()->current.metrics.clippedBelow,
             std::size_t{0});
    QVERIFY(qAbs(window.snapshot()->current.metrics.unusedRangeFraction - 27.0 / 255) < 1e-12);

    QVERIFY(startAndWait(window, 3)); // asymmetric: Z = −16
    QCOMPARE(window.snapshot()->current.params.front().zeroPoint, -16);
    QVERIFY(window.walkthroughPanel()->derivation().contains(QStringLiteral("<b>-16</b>")));

    QVERIFY(startAndWait(window, 4)); // one outlier at 100: 4 codes used
    QCOMPARE(window.snapshot()->current.metrics.codesUsed, std::size_t{4});

    QVERIFY(startAndWait(window, 5)); // per channel: 64 grids, better than one
    QCOMPARE(window.snapshot()->current.groups.size(), std::size_t{64});
    QVERIFY(window.snapshot()->current.metrics.sqnrDb > 43.0);

    // FP8 E4M3 on lesson 4's tensor: 102 codes where int8 used 4, 46.2 dB; the scheme panel
    // shows the format the lesson set.
    QVERIFY(startAndWait(window, 7));
    const Metrics fp8 = window.snapshot()->current.metrics;
    QCOMPARE(fp8.codesUsed, std::size_t{102});
    QVERIFY(qAbs(fp8.sqnrDb - 46.195) < 0.01);
    QCOMPARE(fp8.clippedAbove + fp8.clippedBelow, std::size_t{0});
    QVERIFY(window.schemePanel()->spec() == lessonNumber(7)->spec);
    QVERIFY(window.schemePanel()->findChild<QLabel*>("formula")->text().contains("448"));

    // MXFP4, the OCP floor rule: 2048 blocks of 32, 14.0% of the range unused, 0.72% clipped.
    QVERIFY(startAndWait(window, 8));
    const Analysis mx = window.snapshot()->current;
    QCOMPARE(mx.params.size(), std::size_t{256 * 256 / 32});
    QVERIFY(qAbs(mx.metrics.unusedRangeFraction - 0.140) < 0.0005);
    QVERIFY(qAbs(mx.metrics.clippedFraction - 0.0072) < 0.00005);
    QVERIFY(qAbs(mx.metrics.sqnrDb - 17.07) < 0.01);

    // Lesson 9: SmoothQuant at α = 0.5 on synthetic activations with four channels at ±40.
    QVERIFY(startAndWait(window, 9));
    const auto [plain, smoothed] = outliersShown(window);
    QVERIFY(qAbs(plain.outputSqnrDb - 27.30) < 0.005);
    QVERIFY(qAbs(smoothed.outputSqnrDb - 39.59) < 0.005);
    QVERIFY(qAbs(plain.activations.kurtosis - 71.25) < 0.005);
    QVERIFY(qAbs(smoothed.activations.kurtosis - 17.27) < 0.005);
    QVERIFY(window.lessonGuide()->nowText().contains("27.30 → 39.59 dB"));

    // Lesson 10: the rotation alone.
    QVERIFY(startAndWait(window, 10));
    const auto [unrotated, rotated] = outliersShown(window);
    QVERIFY(rotated.rotation.has_value());
    QVERIFY(qAbs(rotated.outputSqnrDb - 38.70) < 0.005);
    QVERIFY(qAbs(rotated.activations.kurtosis - 2.60) < 0.005);
    QVERIFY(qAbs(rotated.weight.kurtosis - 3.26) < 0.005);
    QVERIFY(qAbs(*std::ranges::max_element(unrotated.activations.channelAbsMax) - 71.2) < 0.05);
    QVERIFY(qAbs(*std::ranges::max_element(rotated.activations.channelAbsMax) - 16.7) < 0.05);
}

void TestLessons::tryThisMovesTheState()
{
    MainWindow window;
    window.show();
    LessonGuide* guide = window.lessonGuide();

    QVERIFY(startAndWait(window, 1));
    QVERIFY(guide->slider()->isVisible());
    QVERIFY(!guide->choiceBox()->isVisible());
    guide->slider()->setValue(50); // R = 0.50 is inside the grid: not clipped
    QCOMPARE(yoursCell(window, 1), QStringLiteral("0.5"));
    QVERIFY(yoursCell(window, 4).toInt() < 127);

    QVERIFY(startAndWait(window, 2));
    QVERIFY(guide->choiceBox()->isVisible());
    guide->choiceBox()->setCurrentIndex(1);
    emit guide->choiceBox()->activated(1);
    QVERIFY(QTest::qWaitFor([&] {
        return window.snapshot() && window.snapshot()->data->loaded.tensor.name == "all-positive";
    }));
    QVERIFY(waitIdle(window));
    QVERIFY(window.snapshot()->current.metrics.unusedRangeFraction > 0.45); // the negative half

    QVERIFY(startAndWait(window, 3));
    guide->slider()->setValue(4);
    QVERIFY(QTest::qWaitFor([&] { return window.snapshot()->spec.bits == 4; }));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->current.params.front().qmax, 7);

    QVERIFY(startAndWait(window, 4));
    guide->slider()->setValue(0); // the outlier at 1: the values use the whole grid
    QVERIFY(QTest::qWaitFor([&] {
        const auto* g = std::get_if<GenerateSpec>(&window.snapshot()->data->source);
        return g && g->outliers.magnitude == 1.0;
    }));
    QVERIFY(waitIdle(window));
    QVERIFY(window.snapshot()->current.metrics.codesUsed > 200);

    QVERIFY(startAndWait(window, 5));
    emit guide->choiceBox()->activated(1); // per tensor
    QVERIFY(QTest::qWaitFor(
        [&] { return window.snapshot()->spec.granularity == Granularity::Tensor; }));
    QVERIFY(waitIdle(window));
    QVERIFY(window.snapshot()->current.metrics.sqnrDb < 31.0);

    QVERIFY(startAndWait(window, 6));
    emit guide->choiceBox()->activated(3); // KL divergence
    QVERIFY(QTest::qWaitFor(
        [&] { return window.snapshot()->spec.calibration.method == CalibrationMethod::Kl; }));
    QVERIFY(waitIdle(window));
    QVERIFY(window.snapshot()->current.metrics.clippedFraction > 0);

    const auto chooseFormat = [&](int index, const FormatSpec& wanted) {
        emit guide->choiceBox()->activated(index);
        return QTest::qWaitFor([&] { return window.snapshot()->spec.format == wanted; }) &&
               waitIdle(window);
    };
    QVERIFY(startAndWait(window, 7));
    QCOMPARE(guide->choiceBox()->count(), 3);
    FormatSpec e5m2;
    e5m2.format = NumberFormat::Fp8E5m2;
    QVERIFY(chooseFormat(1, e5m2)); // one mantissa bit less: fewer codes, less SQNR
    QCOMPARE(window.snapshot()->current.metrics.codesUsed, std::size_t{59});
    QVERIFY(qAbs(window.snapshot()->current.metrics.sqnrDb - 40.60) < 0.01);
    QVERIFY(window.schemePanel()->spec().format == e5m2); // the panel follows
    QVERIFY(chooseFormat(2, FormatSpec{}));               // lesson 4's int8: 4 codes
    QCOMPARE(window.snapshot()->current.metrics.codesUsed, std::size_t{4});

    QVERIFY(startAndWait(window, 8));
    const double mxUnused = window.snapshot()->current.metrics.unusedRangeFraction;
    const double mxSqnr = window.snapshot()->current.metrics.sqnrDb;
    FormatSpec rceil;
    rceil.format = NumberFormat::Mxfp4;
    rceil.mxScale = MxScaleRule::Rceil;
    QVERIFY(chooseFormat(1, rceil)); // never clips, wastes more of the range
    QCOMPARE(window.snapshot()->current.metrics.clippedFraction, 0.0);
    QVERIFY(qAbs(window.snapshot()->current.metrics.unusedRangeFraction - 0.233) < 0.0005);
    FormatSpec nvfp4;
    nvfp4.format = NumberFormat::Nvfp4;
    QVERIFY(chooseFormat(2, nvfp4)); // E4M3 block scales: less unused range, more SQNR
    const Metrics nv = window.snapshot()->current.metrics;
    QVERIFY(qAbs(nv.unusedRangeFraction - 0.116) < 0.0005);
    QVERIFY(nv.unusedRangeFraction < mxUnused);
    QVERIFY(qAbs(nv.sqnrDb - 20.88) < 0.01);
    QVERIFY(nv.sqnrDb > mxSqnr + 3);
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t{256 * 256 / 16});

    // Lesson 9's slider is α: at 1 the activations are flat and W holds the outliers.
    QVERIFY(startAndWait(window, 9));
    guide->slider()->setValue(MitigationControls::kAlphaSlots);
    QVERIFY(QTest::qWaitFor([&] {
        const auto settings = window.outliersPanel()->controls()->settings();
        return settings && settings->smoothAlpha == 1.0;
    }));
    const auto [before9, alphaOne] = outliersShown(window);
    QVERIFY(qAbs(alphaOne.outputSqnrDb - 35.24) < 0.005);
    QVERIFY(qAbs(alphaOne.activations.kurtosis - 2.99) < 0.005);
    QVERIFY(alphaOne.weight.kurtosis > 400);

    // Lesson 10's choices: no transform, then SmoothQuant and the rotation.
    QVERIFY(startAndWait(window, 10));
    QCOMPARE(guide->choiceBox()->count(), 3);
    emit guide->choiceBox()->activated(1);
    QVERIFY(QTest::qWaitFor(
        [&] { return !window.outliersPanel()->controls()->settings()->anyTransform(); }));
    const auto [none, same] = outliersShown(window);
    QCOMPARE(same.outputSqnrDb, none.outputSqnrDb);
    emit guide->choiceBox()->activated(2);
    QVERIFY(QTest::qWaitFor([&] {
        const auto settings = window.outliersPanel()->controls()->settings();
        return settings->smoothAlpha && settings->rotationSeed;
    }));
    const auto [before10, both] = outliersShown(window);
    QVERIFY(qAbs(both.outputSqnrDb - 47.05) < 0.005);
}

// Log counts, a zoom, another outlier band, a picked channel and a typed value left by the
// user or an earlier lesson are gone when the next lesson starts.
void TestLessons::aLessonStartsFromACleanView()
{
    MainWindow window;
    window.show();
    QVERIFY(startAndWait(window, 5)); // per channel: a channel can be picked
    HistogramPlot* histogram = window.histogramPlot();
    histogram->setLogScale(true);
    histogram->setOutlierSigmas(3);
    window.channelsPanel()->pickGroup(3);
    window.walkthroughPanel()->setTrialText("0.25");
    histogram->zoomTo(-0.01, 0.01);
    QVERIFY(histogram->zoomedRange().has_value());
    QVERIFY(startAndWait(window, 4));
    QVERIFY(!histogram->logScale());
    QCOMPARE(histogram->outlierSigmas(), 6.0);
    QCOMPARE(window.channelsPanel()->pickedGroup(), 0);
    QVERIFY(!window.walkthroughPanel()->model()->hasTrialRow());
    QVERIFY(!histogram->zoomedRange().has_value());
}

// The "Now:" line reads the window as it is after each Try-this change.
void TestLessons::numbersFollowTryThis()
{
    MainWindow window;
    window.show();
    LessonGuide* guide = window.lessonGuide();

    QVERIFY(startAndWait(window, 1));
    QVERIFY2(guide->nowText().contains("R = 1.2962357") && guide->nowText().contains("code 127"),
             qPrintable(guide->nowText()));
    guide->slider()->setValue(50);
    QVERIFY2(guide->nowText().startsWith("Now: R = 0.5 "), qPrintable(guide->nowText()));

    QVERIFY(startAndWait(window, 3));
    QVERIFY2(guide->nowText().contains("8 bits"), qPrintable(guide->nowText()));
    guide->slider()->setValue(4);
    QVERIFY(QTest::qWaitFor([&] { return window.snapshot()->spec.bits == 4; }));
    QVERIFY(waitIdle(window));
    QVERIFY2(guide->nowText().contains("4 bits, codes -8…7"), qPrintable(guide->nowText()));

    // Lesson 4's outlier at 1000: the left panel holds the same magnitude, and Scale is
    // 1000/127 = 7.874016.
    QVERIFY(startAndWait(window, 4));
    QVERIFY2(guide->nowText().contains("4 of 255 codes used"), qPrintable(guide->nowText()));
    guide->slider()->setValue(30);
    QVERIFY(QTest::qWaitFor([&] {
        const auto* g = std::get_if<GenerateSpec>(&window.snapshot()->data->source);
        return g && g->outliers.magnitude == 1000.0;
    }));
    QVERIFY(waitIdle(window));
    auto* magnitude = window.sourcePanel()->findChild<QDoubleSpinBox*>("outlierMagnitudeValue");
    QVERIFY(magnitude);
    QCOMPARE(magnitude->value(), 1000.0);
    const TensorSource panelSource = window.sourcePanel()->source();
    QVERIFY(std::holds_alternative<GenerateSpec>(panelSource));
    QCOMPARE(std::get<GenerateSpec>(panelSource).outliers.magnitude, 1000.0);
    QVERIFY2(guide->nowText().contains("Scale = 7.874016"), qPrintable(guide->nowText()));
}

// Lesson 6's plot of error against the clip threshold: the total's valley and every method's
// choice fill the height instead of ten decades of the rounding and clipping parts.
void TestLessons::lessonSixShowsTheValley()
{
    MainWindow window;
    window.show();
    QVERIFY(startAndWait(window, 6));
    auto* plot = window.findChild<QCustomPlot*>("clipSweep");
    QVERIFY(plot);
    QVERIFY(QTest::qWaitFor([&] { return plot->graphCount() > 3; }, 30000));
    const QCPRange y = plot->yAxis->range();
    QVERIFY2(std::log10(y.upper / y.lower) <= 3,
             qPrintable(QString("%1 … %2").arg(y.lower).arg(y.upper)));
    double lowestTotal = std::numeric_limits<double>::infinity();
    QCPGraph* total = nullptr;
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph* graph = plot->graph(i);
        if (graph->objectName() == "total-mse") {
            total = graph;
        }
        if (graph->objectName().startsWith("marker-")) {
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                QVERIFY2(y.contains(it->value), qPrintable(graph->objectName()));
            }
        }
    }
    QVERIFY(total);
    for (auto it = total->data()->constBegin(); it != total->data()->constEnd(); ++it) {
        if (plot->xAxis->range().contains(it->key) && std::isfinite(it->value)) {
            lowestTotal = std::min(lowestTotal, it->value);
        }
    }
    QVERIFY(y.contains(lowestTotal)); // the bottom of the valley is in sight
}

void TestLessons::previousNextAndClose()
{
    MainWindow window;
    window.show();
    QVERIFY(startAndWait(window, 2));
    LessonGuide* guide = window.lessonGuide();
    auto* next = guide->dock()->findChild<QPushButton*>("lessonNext");
    auto* previous = guide->dock()->findChild<QPushButton*>("lessonPrevious");
    next->click();
    QCOMPARE(guide->current(), 3);
    previous->click();
    previous->click();
    QCOMPARE(guide->current(), 1);
    QVERIFY(!previous->isEnabled());
    QVERIFY(startAndWait(window, 10));
    QVERIFY(!next->isEnabled());
    QVERIFY(!window.lessonGuide()->start(11));
    QCOMPARE(guide->current(), 10);

    guide->dock()->close();
    QCOMPARE(guide->current(), 0);
    QVERIFY(guide->highlighted() == nullptr);
    QVERIFY(window.findChildren<HighlightFrame*>().size() == 1);
    QVERIFY(!window.findChild<HighlightFrame*>()->isVisible());
}

void TestLessons::helpMenuListsTheLessons()
{
    MainWindow window;
    window.show();
    auto* menu = window.findChild<QMenu*>("lessonsMenu");
    QVERIFY(menu != nullptr);
    QCOMPARE(menu->actions().size(), 10);
    menu->actions().at(3)->trigger();
    QCOMPARE(window.lessonGuide()->current(), 4);
}

void TestLessons::commandLineStartsALesson()
{
    test::ScratchDir dir;
    const QString png = QString::fromStdString(dir.path("lesson.png"));
    QProcess gui;
    gui.start(test::guiPath(), {"--lesson", "4", "--screenshot", png});
    QVERIFY(gui.waitForFinished(120000));
    QCOMPARE(gui.exitCode(), 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1280);

    gui.start(test::guiPath(), {"--lesson", "10", "--screenshot", png});
    QVERIFY(gui.waitForFinished(120000));
    QCOMPARE(gui.exitCode(), 0);

    QProcess bad;
    bad.start(test::guiPath(), {"--lesson", "11"});
    QVERIFY(bad.waitForFinished(30000));
    QVERIFY(bad.exitCode() != 0);
    QVERIFY(bad.readAllStandardError().contains("--lesson"));
}

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
