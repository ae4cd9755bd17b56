// The window's calibration, granularity, preset and sweep controls, offscreen: what the user
// changes reaches the analysis, and the plots move with it.

#include "analysis/range_usage.h"
#include "main_window.h"
#include "number_format.h"
#include "panels/channels_panel.h"
#include "panels/scheme_panel.h"
#include "panels/sweeps_panel.h"
#include "plots/channel_range_plot.h"
#include "plots/histogram_plot.h"
#include "plots/sweep_plots.h"
#include "support/plot_items.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QtTest>

using namespace qs;
using namespace qs::ui;
using test::graphNamed;
using test::itemNames;
using test::lineX;

namespace {

GenerateSpec weights(std::int64_t rows, std::int64_t columns)
{
    GenerateSpec spec;
    spec.distribution = Distribution::StudentT;
    spec.shape = {rows, columns};
    spec.seed = 11;
    return spec;
}

void choose(QComboBox* combo, int data)
{
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

} // namespace

class TestCalibrationViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void switchingCalibrationMovesTheClipLines();
    void calibrationArgumentsShowOnlyForTheirMethod();
    void presetMenuFillsTheSchemeAndAnEditLeavesIt();
    void channelsViewShowsEveryChannelAndThePickedOne();
    void sweepsRunWhenShown();
    void frameworkVariantsAreChosenAndCompared();
    void clipSweepExplainsWhyItNeedsOneGrid();

private:
    static bool waitForResults(MainWindow& window);
    static bool waitForNextSnapshot(MainWindow& window);
};

void TestCalibrationViews::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

bool TestCalibrationViews::waitForResults(MainWindow& window)
{
    QSignalSpy drawn(&window, &MainWindow::resultsDrawn);
    return drawn.wait(20000) && QTest::qWaitFor([&] { return !window.isWorking(); }, 60000);
}

bool TestCalibrationViews::waitForNextSnapshot(MainWindow& window)
{
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    return shown.wait(20000) && QTest::qWaitFor([&] { return !window.isWorking(); }, 60000);
}

void TestCalibrationViews::switchingCalibrationMovesTheClipLines()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), QuantSpec{}); // symmetric: the outliers set the step
    QVERIFY(waitForResults(window));
    QCustomPlot* histogram = window.histogramPlot()->plot();
    const double minmaxAbove = lineX(histogram, "clip-threshold-above");
    const double minmaxEnd = lineX(histogram, "representable-max");
    QVERIFY(std::isfinite(minmaxAbove));
    QCOMPARE(window.snapshot()->current.metrics.clippedAbove, std::uint64_t(0));

    auto* calibration = window.schemePanel()->findChild<QComboBox*>("calibration");
    choose(calibration, int(CalibrationMethod::Percentile));
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(window.snapshot()->spec.calibration.method, CalibrationMethod::Percentile);
    const double percentileAbove = lineX(histogram, "clip-threshold-above");
    // The 99.99th percentile of |R| lies well inside the 12σ outliers: the lines move in and
    // the outliers are now clipped, drawn as such.
    QVERIFY2(percentileAbove < 0.5 * minmaxAbove,
             qPrintable(QStringLiteral("%1 vs %2").arg(percentileAbove).arg(minmaxAbove)));
    QVERIFY(lineX(histogram, "representable-max") < minmaxEnd);
    QVERIFY(window.snapshot()->current.metrics.clippedAbove >= 3);
    QVERIFY(itemNames(histogram).contains("clipped-above"));

    choose(calibration, int(CalibrationMethod::Mse));
    QVERIFY(waitForNextSnapshot(window));
    const double mseAbove = lineX(histogram, "clip-threshold-above");
    QVERIFY(mseAbove < minmaxAbove && mseAbove != percentileAbove);
    QCOMPARE(mseAbove,
             clipThresholds(window.snapshot()->current.params.front(), Rounding::HalfEven).hi);
}

void TestCalibrationViews::calibrationArgumentsShowOnlyForTheirMethod()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    SchemePanel* panel = window.schemePanel();
    auto* calibration = panel->findChild<QComboBox*>("calibration");
    auto* percentile = panel->findChild<QDoubleSpinBox*>("percentile");
    auto* klBins = panel->findChild<QSpinBox*>("klBins");
    QVERIFY(!percentile->isVisible() && !klBins->isVisible());
    choose(calibration, int(CalibrationMethod::Kl));
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(klBins->isVisible() && !percentile->isVisible());
    klBins->setValue(1024);
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(window.snapshot()->spec.calibration.klBins, 1024);
    choose(calibration, int(CalibrationMethod::Percentile));
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(percentile->isVisible() && !klBins->isVisible());
    percentile->setValue(99.5);
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(window.snapshot()->spec.calibration.percentile, 99.5);

    // Granularity: the axis row belongs to channels, the group size to groups.
    auto* granularity = panel->findChild<QComboBox*>("granularity");
    auto* axis = panel->findChild<QSpinBox*>("axis");
    auto* groupSize = panel->findChild<QSpinBox*>("groupSize");
    QVERIFY(!axis->isVisible() && !groupSize->isVisible());
    choose(granularity, int(Granularity::Group));
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(groupSize->isVisible() && !axis->isVisible());
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t((1001 + 31) / 32));
}

void TestCalibrationViews::presetMenuFillsTheSchemeAndAnEditLeavesIt()
{
    MainWindow window;
    window.show();
    window.start(weights(6, 40), QuantSpec{});
    QVERIFY(waitForResults(window));
    auto* menu = window.menuBar()->findChild<QMenu*>("frameworkPresets");
    QVERIFY(menu);
    QAction* preset = nullptr;
    for (QAction* action : menu->actions()) {
        QVERIFY2(!action->toolTip().isEmpty() && action->toolTip() != action->text(),
                 qPrintable(action->text()));
        // Shown by a title a person reads; the id the CLI spells is in the tooltip.
        QVERIFY2(!action->toolTip().startsWith(action->text() + ": "), qPrintable(action->text()));
        if (action->text() == "PyTorch per-channel symmetric qint8") {
            QVERIFY(action->toolTip().startsWith("pytorch-per-channel-symmetric-qint8: "));
            preset = action;
        }
    }
    QVERIFY(preset);
    preset->trigger();
    QVERIFY(waitForNextSnapshot(window));
    const SnapshotPtr snapshot = window.snapshot();
    QCOMPARE(QString::fromStdString(snapshot->spec.preset),
             QString("pytorch-per-channel-symmetric-qint8"));
    QCOMPARE(snapshot->spec.convention, Convention::PyTorch);
    QCOMPARE(snapshot->current.params.size(), std::size_t(6));
    auto* label = window.schemePanel()->findChild<QLabel*>("preset");
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains("PyTorch per-channel symmetric qint8"));
    QVERIFY(label->toolTip().contains("pytorch-per-channel-symmetric-qint8"));
    QVERIFY(label->toolTip().contains("PerChannelMinMaxObserver"));
    QCOMPARE(window.schemePanel()->findChild<QComboBox*>("granularity")->currentData().toInt(),
             int(Granularity::Channel));
    QCOMPARE(window.schemePanel()->findChild<QComboBox*>("convention")->currentData().toInt(),
             int(Convention::PyTorch));

    window.schemePanel()->findChild<QSpinBox*>("bits")->setValue(6);
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(window.snapshot()->spec.preset.empty());
    QCOMPARE(window.snapshot()->spec.convention, Convention::PyTorch); // the arithmetic stays
    QVERIFY(!label->isVisible());
}

void TestCalibrationViews::channelsViewShowsEveryChannelAndThePickedOne()
{
    MainWindow window;
    window.show();
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    QVERIFY(window.showTab("channels"));
    ChannelsPanel* channels = window.channelsPanel();
    QSignalSpy groupShown(channels, &ChannelsPanel::groupShown);
    window.start(weights(12, 300), spec);
    QVERIFY(waitForResults(window));
    QVERIFY(groupShown.count() > 0 || groupShown.wait(10000));

    // Every channel's min, max and mean, and its SQNR.
    QCustomPlot* ranges = channels->rangePlot()->rangePlot();
    const Analysis& a = window.snapshot()->current;
    QCOMPARE(graphNamed(ranges, "channel-max")->dataCount(), 12);
    QCOMPARE(graphNamed(ranges, "channel-min")->data()->at(4)->value, a.groups[4].min);
    QCOMPARE(graphNamed(ranges, "channel-mean")->data()->at(7)->value, a.groups[7].mean);
    QCOMPARE(graphNamed(channels->rangePlot()->sqnrPlot(), "channel-sqnr")->data()->at(2)->value,
             a.groups[2].sqnrDb);
    // The whole tensor's histogram has no single grid to draw now.
    QCustomPlot* histogram = window.histogramPlot()->plot();
    QVERIFY(itemNames(histogram).contains("groups-note"));
    QVERIFY(!itemNames(histogram).contains("clip-threshold-above"));

    // Picking channel 5 shows channel 5 alone, on its own grid.
    groupShown.clear();
    channels->pickGroup(5);
    QVERIFY(groupShown.wait(10000));
    QCOMPARE(groupShown.last().at(0).toInt(), 5);
    const SnapshotPtr picked = channels->groupSnapshot();
    QCOMPARE(picked->data->loaded.tensor.values.size(), std::size_t(300));
    const auto& whole = window.snapshot()->data->loaded.tensor.values;
    QCOMPARE(picked->data->loaded.tensor.values.front(), whole[5 * 300]);
    QCOMPARE(picked->current.params.front().scale, a.params[5].scale);
    QCOMPARE(picked->current.metrics.sqnrDb, a.groups[5].sqnrDb);
    QCustomPlot* own = channels->histogramPlot()->plot();
    QCOMPARE(lineX(own, "representable-max"), double(a.params[5].representableMax()));
    QCOMPARE(lineX(channels->rangePlot()->rangePlot(), "selected-group"), 5.0);

    // Clicking a channel in the strip picks it too.
    groupShown.clear();
    QCustomPlot* strip = channels->rangePlot()->sqnrPlot();
    const QPoint at(static_cast<int>(strip->xAxis->coordToPixel(9)),
                    strip->axisRect()->center().y());
    QTest::mouseClick(strip, Qt::LeftButton, {}, at);
    QVERIFY(groupShown.wait(10000));
    QCOMPARE(channels->pickedGroup(), 9);

    // Two zooms of the picked channel in quick succession: the later range is the one shown,
    // none is dropped because another still runs.
    HistogramPlot* pickedHistogram = channels->histogramPlot();
    const double lo = channels->groupSnapshot()->data->stats.min;
    emit pickedHistogram->rebinRequested(lo, lo + 0.5);
    emit pickedHistogram->rebinRequested(lo + 0.25, lo + 0.75);
    QCPGraph* bars = pickedHistogram->plot()->graph(0);
    QTRY_COMPARE_WITH_TIMEOUT(bars->data()->at(0)->key, lo + 0.25, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!channels->isComputing(), 10000);
    QCOMPARE(bars->data()->at(0)->key, lo + 0.25);
    QCOMPARE(bars->dataCount(), HistogramPlot::kZoomBins + 1);
}

void TestCalibrationViews::sweepsRunWhenShown()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    SweepsPanel* sweeps = window.sweepsPanel();
    QVERIFY(!sweeps->isComputing()); // hidden: nothing runs
    QSignalSpy shown(sweeps, &SweepsPanel::sweepsShown);
    QVERIFY(window.showTab("sweeps"));
    QVERIFY(shown.wait(30000));
    SweepPlots* plots = sweeps->plots();
    QCOMPARE(graphNamed(plots->bitsPlot(), "sqnr")->dataCount(), kMaxBits - kMinBits + 1);
    QCOMPARE(graphNamed(plots->bitsPlot(), "ideal-line")->dataCount(), kMaxBits - kMinBits + 1);
    QCOMPARE(graphNamed(plots->clipPlot(), "total-mse")->dataCount(), kDefaultClipPoints);
    QVERIFY(graphNamed(plots->clipPlot(), "marker-mse"));
    QCOMPARE(graphNamed(plots->clipPlot(), "marker-minmax")->name(), QString("min–max (chosen)"));
    QCOMPARE(graphNamed(plots->outlierPlot(), "outlier-sqnr")->dataCount(), kDefaultOutlierPoints);

    // A new scheme re-runs them; the 8-bit point is the window's own SQNR.
    shown.clear();
    window.schemePanel()->findChild<QSpinBox*>("bits")->setValue(4);
    QVERIFY(shown.wait(30000));
    const double sqnr8 = graphNamed(plots->bitsPlot(), "sqnr")->data()->at(8 - kMinBits)->value;
    QCOMPARE(lineX(plots->bitsPlot(), "current-bits"), 4.0);
    QVERIFY(std::isfinite(sqnr8));
    QCOMPARE(graphNamed(plots->bitsPlot(), "sqnr")->data()->at(4 - kMinBits)->value,
             window.snapshot()->current.metrics.sqnrDb);
}

void TestCalibrationViews::frameworkVariantsAreChosenAndCompared()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"heavy-tailed-weights"}, QuantSpec{});
    QVERIFY(waitForResults(window));
    SchemePanel* panel = window.schemePanel();
    auto* calibration = panel->findChild<QComboBox*>("calibration");
    auto* variant = panel->findChild<QComboBox*>("calibrationVariant");
    auto* source = panel->findChild<QLabel*>("calibrationVariantSource");
    auto* klBins = panel->findChild<QSpinBox*>("klBins");
    auto* klStart = panel->findChild<QSpinBox*>("klStartBin");
    auto* klLevels = panel->findChild<QSpinBox*>("klLevels");
    QVERIFY(variant && source && klBins && klStart && klLevels);
    QVERIFY(!variant->isVisible()); // min–max has no variants

    // KL lists its four frameworks; MXNet has no start bin and shows its own defaults.
    choose(calibration, int(CalibrationMethod::Kl));
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(variant->isVisible() && variant->isEnabled());
    QCOMPARE(variant->count(), 4);
    QVERIFY(klStart->isVisible());
    const double published = window.snapshot()->current.params.front().clipMax;
    // An override meant for one framework does not follow to the next (MXNet needs odd bins).
    klBins->setValue(1024);
    QVERIFY(waitForNextSnapshot(window));
    choose(variant, int(KlVariant::MxNet));
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(window.snapshot()->spec.calibration.klVariant, KlVariant::MxNet);
    QVERIFY(!klStart->isVisible());
    QCOMPARE(klBins->value(), 0);
    QVERIFY(klBins->text().startsWith("8001"));
    QVERIFY(klLevels->text().startsWith("255"));
    QVERIFY(source->text().contains("calibrate.cc"));
    QVERIFY(window.snapshot()->current.params.front().clipMax != published);

    // Each method keeps its own variant while another is shown.
    choose(calibration, int(CalibrationMethod::Percentile));
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(variant->count(), 3);
    choose(variant, int(PercentileVariant::OnnxRuntime));
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(window.snapshot()->spec.calibration.percentileVariant, PercentileVariant::OnnxRuntime);
    choose(calibration, int(CalibrationMethod::Kl));
    QVERIFY(waitForNextSnapshot(window));
    QCOMPARE(variant->currentData().toInt(), int(KlVariant::MxNet));
    QCOMPARE(window.snapshot()->spec.calibration.klVariant, KlVariant::MxNet);

    // The clip sweep marks every variant and tabulates them, the chosen one in bold.
    QSignalSpy shown(window.sweepsPanel(), &SweepsPanel::sweepsShown);
    QVERIFY(window.showTab("sweeps"));
    QVERIFY(shown.wait(120000)); // twelve calibrations and their sweeps: slow on a loaded machine
    SweepPlots* plots = window.sweepsPanel()->plots();
    QVERIFY(graphNamed(plots->clipPlot(), "marker-kl-pytorch-quantization"));
    QVERIFY(graphNamed(plots->clipPlot(), "marker-percentile-onnxruntime"));
    QCOMPARE(graphNamed(plots->clipPlot(), "marker-kl-mxnet")->name(), QString("KL (chosen)"));
    QTableWidget* table = plots->choicesTable();
    QCOMPARE(table->rowCount(), 12);
    int bold = -1;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->font().bold()) {
            bold = r;
        }
    }
    QCOMPARE(table->item(bold, 0)->text(), QString("↳ MXNet"));
    QCOMPARE(table->item(bold, 0)->data(Qt::UserRole).toString(), QString("mxnet"));
    QCOMPARE(table->item(bold, 2)->text(),
             formatValue(window.snapshot()->current.params.front().clipMax));
    QCOMPARE(table->item(bold, 1)->text(),
             QString::number(window.snapshot()->current.metrics.sqnrDb, 'f', 2));
    // Each variant right under its method: KL's three after KL.
    int kl = -1;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->text() == QString("KL")) {
            kl = r;
        }
    }
    QCOMPARE(table->item(kl + 1, 0)->data(Qt::UserRole).toString(),
             QString("pytorch-quantization"));
    QCOMPARE(table->item(kl + 3, 0)->data(Qt::UserRole).toString(), QString("mxnet"));

    // A number format takes each method as QuantScope computes it: the variants give way.
    choose(calibration, int(CalibrationMethod::Percentile));
    QVERIFY(waitForNextSnapshot(window));
    panel->findChild<QComboBox*>("formatFamily")->setCurrentIndex(1); // the minifloats
    QVERIFY(waitForNextSnapshot(window));
    QVERIFY(!window.snapshot()->spec.isIntegerGrid());
    QVERIFY(!variant->isEnabled());
    QCOMPARE(window.snapshot()->spec.calibration.percentileVariant, PercentileVariant::Exact);
    QVERIFY(window.snapshot()->current.params.size() >= 1);
}

void TestCalibrationViews::clipSweepExplainsWhyItNeedsOneGrid()
{
    MainWindow window;
    window.show();
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    QVERIFY(window.showTab("sweeps"));
    QSignalSpy shown(window.sweepsPanel(), &SweepsPanel::sweepsShown);
    window.start(weights(4, 64), spec);
    QVERIFY(shown.wait(30000));
    SweepPlots* plots = window.sweepsPanel()->plots();
    auto* message = qobject_cast<QCPItemText*>(test::itemNamed(plots->clipPlot(), "sweep-message"));
    QVERIFY(message);
    QVERIFY(message->property("message").toString().contains("per-tensor granularity"));
    // The reason is wrapped to the plot: no line wider than it.
    const QFontMetrics metrics(message->font());
    QVERIFY(message->text().contains('\n'));
    for (const QString& line : message->text().split('\n')) {
        QVERIFY2(metrics.horizontalAdvance(line) <= plots->clipPlot()->width(), qPrintable(line));
    }
    QCOMPARE(graphNamed(plots->bitsPlot(), "sqnr")->dataCount(), kMaxBits - kMinBits + 1);
    QCOMPARE(graphNamed(plots->outlierPlot(), "outlier-sqnr")->dataCount(), kDefaultOutlierPoints);
}

QTEST_MAIN(TestCalibrationViews)
#include "tst_calibration_views.moc"
