// The Outliers view, offscreen: the window's tensor as W with synthetic or loaded activations X,
// the output SQNR before and after each transform as core computes it, the float16 channels of
// LLM.int8(), Auto's α, a slider move that recomputes only "after", a refused format name, the
// error of mismatched shapes, the picker of a file of several tensors and a 1-D tensor.

#include "analysis/shootout.h"
#include "dialogs/tensor_picker.h"
#include "i18n/core_texts.h"
#include "io/npy_writer.h"
#include "main_window.h"
#include "mitigate/smoothing.h"
#include "mitigation_text.h"
#include "models/mitigation_measures_model.h"
#include "panels/mitigation_controls.h"
#include "panels/outliers_panel.h"
#include "plots/alpha_scan_plot.h"
#include "plots/channel_max_plot.h"
#include "plots/histogram_plot.h"
#include "plots/output_channel_plot.h"
#include "plots/side_histograms.h"
#include "support/model_files.h"
#include "support/plot_items.h"
#include "support/temp_files.h"

#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <random>

using namespace qs;
using namespace qs::ui;
using test::graphNamed;

namespace {

constexpr int kWait = 60000;
constexpr std::size_t kOutputs = 64;
constexpr std::size_t kInputs = 128;
constexpr std::size_t kOutlierInput = 5; // W's input channel that is 25× the others

// W [64, 128]: normal values of σ 0.02, one input channel 25× larger.
Tensor weight()
{
    Tensor w;
    w.name = "layer.weight";
    w.shape = {static_cast<std::int64_t>(kOutputs), static_cast<std::int64_t>(kInputs)};
    std::mt19937 random(7);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    w.values.resize(kOutputs * kInputs);
    for (std::size_t i = 0; i < w.values.size(); ++i) {
        w.values[i] = normal(random) * (i % kInputs == kOutlierInput ? 25.0f : 1.0f);
    }
    return w;
}

// The view's synthetic X for that weight, as core generates it.
Tensor syntheticActivations()
{
    ActivationSpec spec;
    spec.features = kInputs;
    auto x = generateActivations(spec);
    return x ? std::move(*x) : Tensor{};
}

// The view's default formats, by the names it offers first.
MitigationSettings defaults()
{
    MitigationSettings settings;
    settings.weightSpec = parseShootoutCandidate("int8-channel")->spec;
    settings.activationSpec = parseShootoutCandidate("int8-tensor")->spec;
    return settings;
}

MitigationProblem directProblem()
{
    auto problem = prepareMitigation(weight(), syntheticActivations());
    return problem ? std::move(*problem) : MitigationProblem{};
}

MitigationOutcome directOutcome(const MitigationSettings& settings)
{
    auto outcome = evaluateMitigation(directProblem(), settings);
    return outcome ? std::move(*outcome) : MitigationOutcome{};
}

double shownValue(OutliersPanel* panel, MitigationMeasuresModel::Row row, int column)
{
    return panel->measures()
        ->index(row, column)
        .data(MitigationMeasuresModel::kValueRole)
        .toDouble();
}

class Fixture
{
public:
    Fixture()
    {
        const std::string path = m_dir.path("weight.npy");
        const Tensor w = weight();
        if (!writeNpy(path, w.values, w.shape)) {
            qFatal("cannot write the weight fixture");
        }
        m_path = QString::fromStdString(path);
    }
    QString weightPath() const { return m_path; }
    test::ScratchDir& dir() { return m_dir; }

private:
    test::ScratchDir m_dir;
    QString m_path;
};

// The window on W with the Outliers view in front, once its first results are shown.
bool openOnWeight(MainWindow& window, const QString& path)
{
    window.show();
    window.start(FileSpec{path.toStdString(), {}, {}}, QuantSpec{});
    if (!QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, kWait)) {
        return false;
    }
    window.showTab(QStringLiteral("outliers"));
    OutliersPanel* panel = window.outliersPanel();
    return QTest::qWaitFor([&] { return panel->showsCurrentSettings(); }, kWait);
}

} // namespace

class TestOutliersView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheOutputSqnrBeforeAndAfter();
    void smoothQuantRaisesTheOutputSqnr();
    void aSliderMoveRecomputesOnlyAfter();
    void decompositionCountsTheFloat16Channels();
    void rotationSaysWhenItIsBlockDiagonal();
    void autoSetsTheBestAlpha();
    void aRefusedFormatNameSaysWhy();
    void mismatchedActivationsNameBothShapes();
    void aFileOfSeveralTensorsOffersThePicker();
    void aOneDimensionalTensorIsNoWeight();
    void theMenuAndTheTabAreThere();
    void cancelStopsAndSays();
    void zeroChannelsAreWarnedOf();
};

void TestOutliersView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestOutliersView::showsTheOutputSqnrBeforeAndAfter()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    QCOMPARE(window.currentViewName(), QStringLiteral("outliers"));
    const MitigationOutcome expected = directOutcome(defaults());
    QVERIFY(panel->before());
    QCOMPARE(panel->before()->outputSqnrDb, expected.outputSqnrDb);
    QCOMPARE(panel->before()->weight.sqnrDb, expected.weight.sqnrDb);
    QCOMPARE(panel->before()->activations.kurtosis, expected.activations.kurtosis);
    // No transform on: after is before, and the headline says so.
    QCOMPARE(panel->after(), panel->before());
    QVERIFY(panel->headline().contains(decibelText(expected.outputSqnrDb)));
    using M = MitigationMeasuresModel;
    QCOMPARE(shownValue(panel, M::OutputSqnr, M::Before), expected.outputSqnrDb);
    QCOMPARE(shownValue(panel, M::ActivationMaxOverStd, M::Before),
             expected.activations.maxOverStd);
    // X is said to be synthetic, with both shapes.
    QVERIFY(panel->statusText().contains(QStringLiteral("synthetic X [256, 128]")));
    QVERIFY(panel->statusText().contains(QStringLiteral("[64, 128]")));
    // The default formats are the command line's.
    QCOMPARE(panel->controls()->settings()->weightSpec,
             parseShootoutCandidate("int8-channel")->spec);
    QCOMPARE(panel->controls()->settings()->activationSpec,
             parseShootoutCandidate("int8-tensor")->spec);
}

void TestOutliersView::smoothQuantRaisesTheOutputSqnr()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    QCOMPARE(controls->alphaSlider()->value(), 10); // α = 0.5 at first
    auto* smooth = controls->findChild<QCheckBox*>("smoothQuant");
    QSignalSpy shown(panel, &OutliersPanel::resultsShown);
    smooth->click();
    QVERIFY(shown.wait(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);

    MitigationSettings settings = defaults();
    settings.smoothAlpha = 0.5;
    const MitigationOutcome expected = directOutcome(settings);
    QVERIFY(panel->after());
    QCOMPARE(panel->after()->outputSqnrDb, expected.outputSqnrDb);
    QVERIFY(panel->after()->outputSqnrDb > panel->before()->outputSqnrDb);
    using M = MitigationMeasuresModel;
    QCOMPARE(shownValue(panel, M::OutputSqnr, M::After), expected.outputSqnrDb);
    QVERIFY(shownValue(panel, M::OutputSqnr, M::After) >
            shownValue(panel, M::OutputSqnr, M::Before));
    QVERIFY(panel->headline().contains(decibelText(expected.outputSqnrDb)));

    // The picture of the migration: X's channel maxima after are those core gives, W's grow.
    panel->plotTabs()->setCurrentWidget(panel->channelPlot());
    QCPGraph* activations = graphNamed(panel->channelPlot()->afterPlot(), "activation-max");
    QCOMPARE(activations->dataCount(), int(kInputs));
    QCOMPARE(activations->data()->at(3)->value, expected.activations.channelAbsMax[3]);
    QVERIFY(panel->channelPlot()->afterPlot()->yAxis->scaleType() == QCPAxis::stLogarithmic);
    // The histograms of X before and after draw the analyses core made, with their grids.
    panel->plotTabs()->setCurrentWidget(panel->activationHistograms());
    HistogramPlot* after = panel->activationHistograms()->afterPlot();
    QVERIFY(after->snapshot());
    QCOMPARE(after->snapshot()->current.metrics, expected.activations.analysis.metrics);
    QVERIFY(test::itemNamed(after->plot(), "representable-max"));
    // The output channels' distributions: one count per output channel, on each side.
    panel->plotTabs()->setCurrentWidget(panel->outputChannelPlot());
    double counted = 0;
    for (const QCPGraphData& bin :
         *graphNamed(panel->outputChannelPlot()->plot(), "after")->data()) {
        counted += bin.value;
    }
    const QCPGraphData& last =
        *(graphNamed(panel->outputChannelPlot()->plot(), "after")->data()->end() - 1);
    QCOMPARE(counted - last.value, double(kOutputs)); // the last point only closes the last bin
}

void TestOutliersView::aSliderMoveRecomputesOnlyAfter()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    controls->setSmoothAlpha(0.5);
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    const auto problem = panel->runner().problem();
    const auto before = panel->before();
    const auto afterHalf = panel->after();

    // A drag over several steps: only the last position's result is shown.
    for (int slot : {11, 12, 13, 14, 16}) {
        controls->alphaSlider()->setValue(slot);
    }
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(panel->runner().problem(), problem); // X·Wᵀ in float64 is not recomputed
    QCOMPARE(panel->before(), before);            // nor is before
    QVERIFY(panel->after() != afterHalf);
    MitigationSettings settings = defaults();
    settings.smoothAlpha = 0.8;
    QCOMPARE(panel->after()->outputSqnrDb, directOutcome(settings).outputSqnrDb);
    QCOMPARE(controls->findChild<QLabel*>("smoothAlphaValue")->text(), QStringLiteral("α = 0.80"));

    // Another format: before again, and the same problem.
    controls->setActivationFormat(QStringLiteral("int8-channel"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(panel->runner().problem(), problem);
    QVERIFY(panel->before() != before);
    MitigationSettings perToken = defaults();
    perToken.activationSpec = parseShootoutCandidate("int8-channel")->spec;
    QCOMPARE(panel->before()->outputSqnrDb, directOutcome(perToken).outputSqnrDb);
}

void TestOutliersView::decompositionCountsTheFloat16Channels()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    controls->findChild<QCheckBox*>("int8Decomposition")->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);

    const Tensor x = syntheticActivations();
    const std::vector<std::size_t> kept = outlierChannels(x.values, kInputs, kDefaultInt8Threshold);
    QVERIFY(kept.size() >= ActivationSpec{}.outlierChannels); // the outlier channels at least
    QCOMPARE(panel->after()->float16Channels, kept);
    QLabel* count = controls->float16Label();
    QVERIFY(count->isVisibleTo(controls));
    QVERIFY2(count->text().startsWith(QString::number(kept.size()) + QLatin1Char(' ')),
             qPrintable(count->text()));
    using M = MitigationMeasuresModel;
    QCOMPARE(shownValue(panel, M::Float16Channels, M::After), double(kept.size()));
    QCOMPARE(shownValue(panel, M::Float16Channels, M::Before), 0.0);
    MitigationSettings settings = defaults();
    settings.int8Threshold = kDefaultInt8Threshold;
    QCOMPARE(panel->after()->outputSqnrDb, directOutcome(settings).outputSqnrDb);

    // A higher threshold keeps fewer.
    auto* threshold = controls->findChild<QDoubleSpinBox*>("int8Threshold");
    threshold->setValue(100);
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(panel->after()->float16Channels, outlierChannels(x.values, kInputs, 100));
}

void TestOutliersView::rotationSaysWhenItIsBlockDiagonal()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    // 128 inputs: one block.
    QCOMPARE(controls->rotationNote()->text(), rotationPlanText(hadamardPlan(kInputs, 0)));
    controls->findChild<QCheckBox*>("rotation")->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    MitigationSettings settings = defaults();
    settings.rotationSeed = 0;
    QCOMPARE(panel->after()->outputSqnrDb, directOutcome(settings).outputSqnrDb);
    QVERIFY(panel->after()->outputSqnrDb > panel->before()->outputSqnrDb);

    // A weight of 96 inputs: three blocks of 32.
    GenerateSpec narrow;
    narrow.shape = {16, 96};
    window.applySource(narrow);
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot()->data->loaded.tensor.shape == narrow.shape, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QVERIFY(controls->rotationNote()->text().contains(QStringLiteral("block-diagonal")));
    QVERIFY(controls->rotationNote()->text().contains(QStringLiteral("3 blocks of 32")));
    QCOMPARE(panel->after()->rotation->block, std::size_t(32));
}

void TestOutliersView::autoSetsTheBestAlpha()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    QSignalSpy chosen(panel, &OutliersPanel::alphaChosen);
    QTest::mouseClick(controls->autoButton(), Qt::LeftButton);
    QVERIFY(chosen.wait(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);

    auto scan = scanSmoothingAlpha(directProblem(), defaults());
    QVERIFY(scan);
    QCOMPARE(chosen.first().first().toDouble(), scan->bestAlpha());
    QCOMPARE(controls->alphaSlider()->value(),
             int(std::lround(scan->bestAlpha() * MitigationControls::kAlphaSlots)));
    QVERIFY(controls->findChild<QCheckBox*>("smoothQuant")->isChecked());
    QCOMPARE(panel->alphaScan()->outputSqnrDb, scan->outputSqnrDb);
    QCOMPARE(panel->after()->outputSqnrDb, scan->outputSqnrDb[scan->best]);

    // The α tab draws the scan with Auto's choice ringed and the slider's α marked.
    panel->plotTabs()->setCurrentWidget(panel->alphaPlot());
    QCustomPlot* plot = panel->alphaPlot()->plot();
    QCOMPARE(graphNamed(plot, "alpha-scan")->dataCount(), int(kAlphaSteps));
    QCOMPARE(graphNamed(plot, "auto-alpha")->data()->at(0)->key, scan->bestAlpha());
    QCOMPARE(test::lineX(plot, "current-alpha"), scan->bestAlpha());
    QVERIFY(test::itemNamed(plot, "before-level"));
}

void TestOutliersView::aRefusedFormatNameSaysWhy()
{
    Fixture fixture;
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    const auto before = panel->before();
    controls->setWeightFormat(QStringLiteral("int8-frobnicate"));
    QVERIFY(!controls->settings());
    const auto refusal = parseShootoutCandidate("int8-frobnicate");
    QVERIFY(!refusal);
    QVERIFY(controls->weightFormatNote()->text().contains(QStringLiteral("frobnicate")));
    QVERIFY(!panel->isComputing());
    QCOMPARE(panel->before(), before); // nothing recomputed for a name core refuses
    controls->setWeightFormat(QStringLiteral("int4-g64-asym-fp16"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(controls->weightFormatNote()->text(),
             scaleLayoutText(parseShootoutCandidate("int4-g64-asym-fp16")->spec, Operand::Weight));
    MitigationSettings settings = defaults();
    settings.weightSpec = parseShootoutCandidate("int4-g64-asym-fp16")->spec;
    QCOMPARE(panel->before()->outputSqnrDb, directOutcome(settings).outputSqnrDb);
}

void TestOutliersView::mismatchedActivationsNameBothShapes()
{
    Fixture fixture;
    const std::string path = fixture.dir().path("acts.npy");
    const std::vector<float> values(16 * 100, 0.5f);
    QVERIFY(writeNpy(path, values, {16, 100}));
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    panel->openActivations(QString::fromStdString(path));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->message().isEmpty(), kWait);
    QVERIFY2(panel->message().contains(QStringLiteral("[64, 128]")), qPrintable(panel->message()));
    QVERIFY2(panel->message().contains(QStringLiteral("[16, 100]")), qPrintable(panel->message()));
    QVERIFY(!panel->findChild<QPushButton*>("generateWeight")->isVisibleTo(panel));

    // Back to synthetic activations: the results again.
    panel->controls()->findChild<QRadioButton*>("syntheticActivations")->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QVERIFY(panel->message().isEmpty());
    QCOMPARE(panel->before()->outputSqnrDb, directOutcome(defaults()).outputSqnrDb);
}

void TestOutliersView::aFileOfSeveralTensorsOffersThePicker()
{
    Fixture fixture;
    // Two tensors: X [8, 128] and another one.
    std::vector<float> x(8 * kInputs);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = std::sin(0.37f * static_cast<float>(i)) * (i % kInputs == 9 ? 50.0f : 1.0f);
    }
    const std::vector<float> other(4, 1.0f);
    const QByteArray header =
        "{\"acts\":{\"dtype\":\"F32\",\"shape\":[8,128],\"data_offsets\":[0,4096]},"
        "\"other\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4096,4112]}}";
    const std::string path = fixture.dir().write(
        "acts.safetensors",
        test::safetensorsBytes(header, test::floatBytes(x) + test::floatBytes(other)));
    MainWindow window;
    QVERIFY(openOnWeight(window, fixture.weightPath()));
    OutliersPanel* panel = window.outliersPanel();
    panel->openActivations(QString::fromStdString(path));
    auto* picker = panel->findChild<TensorPicker*>("activationsPicker");
    QVERIFY(picker);
    picker->select(QStringLiteral("acts"));
    picker->accept();
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QVERIFY(panel->message().isEmpty());
    QCOMPARE(panel->runner().problem()->tokens, std::size_t(8));
    QVERIFY(panel->statusText().contains(QStringLiteral("X acts [8, 128]")));
    Tensor activations;
    activations.name = "acts";
    activations.shape = {8, 128};
    activations.values = x;
    auto problem = prepareMitigation(weight(), activations);
    QVERIFY(problem);
    QCOMPARE(panel->before()->outputSqnrDb, evaluateMitigation(*problem, defaults())->outputSqnrDb);
}

void TestOutliersView::aOneDimensionalTensorIsNoWeight()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, kWait));
    window.showTab(QStringLiteral("outliers"));
    OutliersPanel* panel = window.outliersPanel();
    QVERIFY(panel->message().contains(QStringLiteral("one dimension")));
    QVERIFY(!panel->isComputing());
    auto* generate = panel->findChild<QPushButton*>("generateWeight");
    QVERIFY(generate->isVisibleTo(panel));
    generate->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot()->data->loaded.tensor.shape ==
                                 OutliersPanel::generatedWeight().shape,
                             kWait);
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QVERIFY(panel->message().isEmpty());
    QVERIFY(panel->before()->outputSqnrDb > 0);
}

void TestOutliersView::theMenuAndTheTabAreThere()
{
    MainWindow window;
    auto* action = window.findChild<QAction*>("openActivations");
    QVERIFY(action);
    QVERIFY(action->text().contains(QStringLiteral("Activations")));
    auto* views = window.findChild<QTabWidget*>("views");
    QCOMPARE(views->tabText(views->indexOf(window.outliersPanel())), QStringLiteral("Outliers"));
    QVERIFY(window.showTab(QStringLiteral("outliers")));
    QCOMPARE(window.currentViewName(), QStringLiteral("outliers"));
}

void TestOutliersView::cancelStopsAndSays()
{
    // X [2048, 2048] and W [2048, 2048]: the float64 reference takes a while.
    GenerateSpec big;
    big.shape = {2048, 2048};
    big.std = 0.02;
    MainWindow window;
    window.show();
    window.start(big, QuantSpec{});
    QVERIFY(QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, kWait));
    OutliersPanel* panel = window.outliersPanel();
    ActivationSpec tall;
    tall.tokens = 2048;
    panel->controls()->setSynthetic(tall);
    QVERIFY(!panel->isComputing()); // hidden: nothing runs
    window.showTab(QStringLiteral("outliers"));
    QVERIFY(panel->isComputing());
    QCOMPARE(panel->runner().running(), MitigationWork::Problem);
    auto* progress = panel->findChild<QProgressBar*>("outliersProgress");
    auto* cancel = panel->findChild<QToolButton*>("outliersCancel");
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isVisible());
    cancel->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isComputing(), kWait);
    QVERIFY(!progress->isVisible());
    QVERIFY(panel->statusText().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(!panel->runner().problem());
    // Shown again, it does not start on its own; a change of setting does.
    window.showTab(QStringLiteral("quantizer"));
    window.showTab(QStringLiteral("outliers"));
    QVERIFY(!panel->isComputing());
    tall.tokens = 16;
    panel->controls()->setSynthetic(tall);
    QVERIFY(panel->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(panel->runner().problem()->tokens, std::size_t(16));
}

void TestOutliersView::zeroChannelsAreWarnedOf()
{
    // W with input channel 3 all zero: SmoothQuant has no ratio to take there.
    test::ScratchDir dir;
    Tensor w = weight();
    for (std::size_t o = 0; o < kOutputs; ++o) {
        w.values[o * kInputs + 3] = 0;
    }
    const std::string path = dir.path("zero-channel.npy");
    QVERIFY(writeNpy(path, w.values, w.shape));
    MainWindow window;
    QVERIFY(openOnWeight(window, QString::fromStdString(path)));
    OutliersPanel* panel = window.outliersPanel();
    auto* warnings = panel->findChild<QLabel*>("mitigationWarnings");
    QVERIFY(!warnings->isVisibleTo(panel)); // no transform, nothing to warn of
    panel->controls()->setSmoothAlpha(0.5);
    QTRY_VERIFY_WITH_TIMEOUT(panel->showsCurrentSettings(), kWait);
    QCOMPARE(panel->after()->zeroChannels, std::size_t(1));
    QCOMPARE(panel->after()->warnings.size(), std::size_t(1));
    QVERIFY(warnings->isVisibleTo(panel));
    QCOMPARE(warnings->text(), warningText(panel->after()->warnings.front()));
    QVERIFY(warnings->text().startsWith(
        QStringLiteral("input channels zero in the activations or the weight: 1;")));
}

QTEST_MAIN(TestOutliersView)
#include "tst_outliers_view.moc"
