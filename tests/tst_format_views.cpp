// The window's views of the formats beyond the integer grid, offscreen: the histogram draws the
// picked block's values (uneven for FP8 and NF4, a band where too dense), the code-usage plot a
// labelled bar per code, the scale-usage plot the block scales, the walkthrough each kind's steps,
// the Channels view the blocks; and llama.cpp's Q4_0 grid, turned around by its negative Scale,
// is drawn the right way round.

#include "analysis/scale_usage.h"
#include "main_window.h"
#include "models/walkthrough_model.h"
#include "panels/channels_panel.h"
#include "panels/walkthrough_panel.h"
#include "plots/channel_range_plot.h"
#include "plots/code_usage_plot.h"
#include "plots/histogram_plot.h"
#include "plots/scale_usage_plot.h"
#include "plots/transfer_plot.h"
#include "quant/grid_geometry.h"
#include "quant/presets.h"
#include "support/plot_items.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace qs;
using namespace qs::ui;
using test::graphNamed;
using test::itemNames;
using test::lineX;

namespace {

QuantSpec formatSpec(NumberFormat format)
{
    QuantSpec spec;
    spec.format.format = format;
    return spec;
}

GenerateSpec weights(std::int64_t rows, std::int64_t columns)
{
    GenerateSpec spec;
    spec.distribution = Distribution::StudentT;
    spec.shape = {rows, columns};
    spec.seed = 11;
    return spec;
}

// The x of every item named `name`, ascending.
std::vector<double> linesNamed(QCustomPlot* plot, const QString& name)
{
    std::vector<double> xs;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == name) {
            xs.push_back(qobject_cast<QCPItemStraightLine*>(plot->item(i))->point1->coords().x());
        }
    }
    std::sort(xs.begin(), xs.end());
    return xs;
}

int barCount(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->plottableCount(); ++i) {
        if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i));
            bars && bars->objectName() == name) {
            return bars->dataCount();
        }
    }
    return -1;
}

QCPBars* barsNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->plottableCount(); ++i) {
        if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i));
            bars && bars->objectName() == name) {
            return bars;
        }
    }
    return nullptr;
}

QString legendText(QCustomPlot* plot, const QString& graphName)
{
    QCPGraph* graph = graphNamed(plot, graphName);
    return graph && plot->legend->hasItemWithPlottable(graph) ? graph->name() : QString();
}

QStringList headers(const WalkthroughModel* model)
{
    QStringList out;
    for (int c = 0; c < model->columnCount(); ++c) {
        out << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    }
    return out;
}

} // namespace

class TestFormatViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void histogramDrawsFp8ValuesUnevenly();
    void histogramDrawsNf4Levels();
    void codeUsageHasABarPerFp8Code();
    void codeUsageOfNf4IsLabelledWithTheTable();
    void scaleUsageCountsTheBlockScales_data();
    void scaleUsageCountsTheBlockScales();
    void walkthroughColumnsFollowTheKind_data();
    void walkthroughColumnsFollowTheKind();
    void channelsViewShowsTheBlocks();
    void transferIsTheUnevenStaircase();
    void saturationShowsLikeClipping();
    void q4_0GridIsTheRightWayRound();

private:
    static bool waitForResults(MainWindow& window);
};

void TestFormatViews::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

bool TestFormatViews::waitForResults(MainWindow& window)
{
    QSignalSpy drawn(&window, &MainWindow::resultsDrawn);
    return drawn.wait(20000) && QTest::qWaitFor([&] { return !window.isWorking(); }, 60000);
}

void TestFormatViews::histogramDrawsFp8ValuesUnevenly()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, formatSpec(NumberFormat::Fp8E4m3));
    QVERIFY(waitForResults(window));
    HistogramPlot* histogram = window.histogramPlot();
    QCustomPlot* plot = histogram->plot();
    const QuantParams& p = window.snapshot()->current.params.front();
    const GridGeometry grid = gridGeometry(p);
    // Seen whole: FP8 is sparse at the top (lines) and dense near 0 (a band).
    QVERIFY(histogram->gridLinesDrawn().lines > 4);
    QVERIFY(histogram->gridLinesDrawn().bands > 0);
    QVERIFY(itemNames(plot).contains("code-grid-dense"));
    // Every line sits on a representable value of the grid.
    std::set<double> values;
    for (const GridLevel& level : grid.levels) {
        values.insert(level.value);
    }
    for (const double x : linesNamed(plot, "code-grid")) {
        QVERIFY2(values.contains(x), qPrintable(QString::number(x)));
    }
    // Zoomed into [0, 80·s]: lines whose gaps double binade by binade.
    const double s = p.scale;
    const double sixtyFour = p.dequantize(0x68); // 64·s, the top binade's first value here
    QCOMPARE(sixtyFour, double(64.0f * float(s)));
    histogram->zoomTo(0.0, 80 * s);
    QTRY_VERIFY_WITH_TIMEOUT(linesNamed(plot, "code-grid").back() < 80 * s, 5000);
    const std::vector<double> xs = linesNamed(plot, "code-grid");
    QVERIFY(xs.size() > 20);
    QVERIFY(std::find(xs.begin(), xs.end(), sixtyFour) != xs.end());
    std::vector<double> gaps;
    for (std::size_t i = 1; i < xs.size(); ++i) {
        gaps.push_back(xs[i] - xs[i - 1]);
    }
    const double smallest = *std::min_element(gaps.begin(), gaps.end());
    const double largest = *std::max_element(gaps.begin(), gaps.end());
    QVERIFY2(largest > 3.5 * smallest,
             qPrintable(QStringLiteral("%1 %2").arg(smallest).arg(largest)));
    // The legend names the grid's scale.
    QVERIFY(legendText(plot, "grid-scale").contains("amax / 448"));
    // Saturation and underflow are drawn for one grid.
    QVERIFY(itemNames(plot).contains("underflow"));
    QVERIFY(itemNames(plot).contains("clip-threshold-above"));
}

void TestFormatViews::histogramDrawsNf4Levels()
{
    // One block of 64: NF4's sixteen levels times the block's absmax.
    GenerateSpec data;
    data.shape = {64};
    data.seed = 3;
    MainWindow window;
    window.show();
    window.start(data, formatSpec(NumberFormat::Nf4));
    QVERIFY(waitForResults(window));
    const QuantParams& p = window.snapshot()->current.params.front();
    HistogramPlot* histogram = window.histogramPlot();
    histogram->zoomTo(-1.05 * p.scale, 1.05 * p.scale);
    QTRY_COMPARE_WITH_TIMEOUT(histogram->gridLinesDrawn().lines, 16, 5000);
    const std::vector<double> xs = linesNamed(histogram->plot(), "code-grid");
    const GridGeometry grid = gridGeometry(p);
    QCOMPARE(xs.size(), grid.levels.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        QCOMPARE(xs[i], grid.levels[i].value);
    }
    // Uneven: the levels next to 0 are much closer than those at ±absmax.
    QVERIFY((xs[15] - xs[14]) > 3 * (xs[8] - xs[7]));
    QVERIFY(legendText(histogram->plot(), "grid-scale").contains("absmax"));
}

void TestFormatViews::codeUsageHasABarPerFp8Code()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, formatSpec(NumberFormat::Fp8E4m3));
    QVERIFY(waitForResults(window));
    CodeUsagePlot* codes = window.codeUsagePlot();
    QCustomPlot* plot = codes->plot();
    const int bars = barCount(plot, "code-bars") + barCount(plot, "zero-code") +
                     barCount(plot, "special-code-bars");
    QCOMPARE(bars, 256);
    const QStringList& labels = codes->barLabels();
    QCOMPARE(labels.size(), 256);
    QCOMPARE(labels.front(), QStringLiteral("-448"));
    QCOMPARE(labels[253], QStringLiteral("448"));
    QVERIFY(labels.contains(QStringLiteral("−0")));
    QCOMPARE(labels.indexOf(QStringLiteral("−0")) + 1, labels.indexOf(QStringLiteral("0")));
    QCOMPARE(labels[254], QStringLiteral("NaN"));
    QCOMPARE(graphNamed(plot, "negative-zero")->dataCount(), 1);
    QCOMPARE(graphNamed(plot, "nan-codes")->dataCount(), 2);
    QVERIFY(codes->describeCodeAt(253).contains("0x7E"));
    QVERIFY(codes->describeCodeAt(0).contains("0xFE"));
    // The counts are the analysis': the largest value 100 lands on 448's code alone.
    QCPBars* values = barsNamed(plot, "code-bars");
    QCOMPARE(values->data()->findBegin(253, false)->value, 1.0);
    // The axis ticks name values, not raw codes.
    QVector<double> ticks;
    QVector<QString> tickLabels;
    plot->xAxis->ticker()->generate(QCPRange(240, 253.4), QLocale::c(), 'g', 6, ticks, nullptr,
                                    &tickLabels);
    QVERIFY(!tickLabels.isEmpty());
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        QCOMPARE(tickLabels[i], labels[qsizetype(std::lround(ticks[i]))]);
    }
}

void TestFormatViews::codeUsageOfNf4IsLabelledWithTheTable()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, formatSpec(NumberFormat::Nf4));
    QVERIFY(waitForResults(window));
    const QStringList& labels = window.codeUsagePlot()->barLabels();
    QCOMPARE(labels.size(), 16);
    QCOMPARE(labels.front(), QStringLiteral("-1"));
    QCOMPARE(labels[7], QStringLiteral("0"));
    QCOMPARE(labels[8], QStringLiteral("0.07958"));
    QCOMPARE(labels.back(), QStringLiteral("1"));
    QCOMPARE(barCount(window.codeUsagePlot()->plot(), "code-bars") +
                 barCount(window.codeUsagePlot()->plot(), "zero-code"),
             16);
}

void TestFormatViews::scaleUsageCountsTheBlockScales_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("graph"); // the bars or the histogram
    QTest::newRow("mxfp4: E8M0 codes") << int(NumberFormat::Mxfp4) << "scale-bars";
    QTest::newRow("nvfp4: E4M3 codes") << int(NumberFormat::Nvfp4) << "scale-bars";
    QTest::newRow("nf4: absmax") << int(NumberFormat::Nf4) << "scale-histogram";
    QTest::newRow("int8: none") << int(NumberFormat::Integer) << "";
}

void TestFormatViews::scaleUsageCountsTheBlockScales()
{
    QFETCH(int, format);
    QFETCH(QString, graph);
    MainWindow window;
    window.show();
    window.start(weights(8, 256), formatSpec(NumberFormat(format)));
    QVERIFY(waitForResults(window));
    ScaleUsagePlot* scales = window.scaleUsagePlot();
    const SnapshotPtr snapshot = window.snapshot();
    if (graph.isEmpty()) {
        QVERIFY(!scales->isVisible());
        return;
    }
    QVERIFY(scales->isVisible());
    const ScaleUsage& usage = snapshot->scaleUsage;
    QCOMPARE(usage.blocks, snapshot->current.params.size());
    QCustomPlot* plot = scales->plot();
    double total = 0;
    if (graph == "scale-bars") {
        QCPBars* bars = barsNamed(plot, graph);
        QVERIFY(bars);
        for (auto it = bars->data()->begin(); it != bars->data()->end(); ++it) {
            const int code = scales->firstCode() + int(std::lround(it->key));
            QCOMPARE(it->value, double(usage.codeCounts[std::size_t(code)]));
            total += it->value;
        }
        // Bar i is labelled with its code's scale value.
        const int used = usage.lowestCode - scales->firstCode();
        const double value = scaleCodeValue(usage.storage, usage.lowestCode);
        const QString label = scales->barLabels()[used];
        QVERIFY2(format == int(NumberFormat::Mxfp4) ? label.startsWith("2")
                                                    : label == QString::number(value, 'g', 4),
                 qPrintable(label));
        QVERIFY(scales->describeAt(used).contains(label));
    } else {
        QCPGraph* histogram = graphNamed(plot, graph);
        QVERIFY(histogram);
        for (int i = 0; i + 1 < histogram->dataCount(); ++i) { // the last point closes the step
            total += histogram->data()->at(i)->value;
        }
    }
    QCOMPARE(total, double(usage.blocks));
}

void TestFormatViews::walkthroughColumnsFollowTheKind_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("derivation");
    QTest::newRow("integer") << int(NumberFormat::Integer)
                             << QStringList{"#",        "R",  "R/Scale + Z", "Round",
                                            "Q = Clip", "R′", "R′ − R"}
                             << "Scale";
    QTest::newRow("fp8-e4m3") << int(NumberFormat::Fp8E4m3)
                              << QStringList{"#", "R",    "v = R/s", "sign", "E",
                                             "M", "code", "element", "R′",   "R′ − R"}
                              << "encode_E4M3";
    QTest::newRow("mxfp4") << int(NumberFormat::Mxfp4)
                           << QStringList{"#", "block", "R",    "amax",    "⌊log2 amax⌋", "c − 127",
                                          "X", "V/X",   "code", "element", "R′",          "R′ − R"}
                           << "shared exponent";
    QTest::newRow("nvfp4") << int(NumberFormat::Nvfp4)
                           << QStringList{"#",     "block",           "R",    "vmax",    "s (E4M3)",
                                          "s",     "v = R/(s·S_dec)", "code", "element", "R′",
                                          "R′ − R"}
                           << "S_enc";
    QTest::newRow("nf4") << int(NumberFormat::Nf4)
                         << QStringList{"#",    "block",       "R",  "absmax", "xn = R/absmax",
                                        "code", "table[code]", "R′", "R′ − R"}
                         << "xn = R · (1/absmax)";
}

void TestFormatViews::walkthroughColumnsFollowTheKind()
{
    QFETCH(int, format);
    QFETCH(QStringList, columns);
    QFETCH(QString, derivation);
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, formatSpec(NumberFormat(format)));
    QVERIFY(waitForResults(window));
    window.showTab("walkthrough");
    const WalkthroughModel* model = window.walkthroughPanel()->model();
    QCOMPARE(headers(model), columns);
    QVERIFY2(window.walkthroughPanel()->derivation().contains(derivation),
             qPrintable(window.walkthroughPanel()->derivation()));
    // The first row's R′ is the analysis' own for that value.
    const Analysis& a = window.snapshot()->current;
    const WalkthroughRow& first = model->rows().front();
    QCOMPARE(first.input, window.snapshot()->data->loaded.tensor.values.front());
    QCOMPARE(model->index(0, model->section(WalkthroughModel::Dequantized)).data().toString(),
             QString::number(first.dequantized, 'g', 8));
    if (format == int(NumberFormat::Mxfp4)) {
        // X = 2^(c − 127) of the value's block, as the shared exponent says.
        const int c = a.params.front().scaleCode;
        QCOMPARE(
            model->index(0, model->section(WalkthroughModel::SharedExponent)).data().toString(),
            QString::number(c - 127));
        QCOMPARE(first.ratio, first.input / float(std::ldexp(1.0, c - 127)));
    }
    if (format == int(NumberFormat::Fp8E4m3)) {
        const QString bits =
            model->index(0, model->section(WalkthroughModel::ExponentBits)).data().toString();
        QCOMPARE(bits.size(), 4); // E4M3: four exponent bits, shown as bits
        QCOMPARE(bits.toInt(nullptr, 2), first.fields.exponent);
    }
    // A value of the user's own goes through the same steps.
    window.walkthroughPanel()->setTrialText(QStringLiteral("0.5"));
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("yours"));
    QCOMPARE(model->rows().front().input, 0.5f);
}

void TestFormatViews::channelsViewShowsTheBlocks()
{
    MainWindow window;
    window.show();
    QVERIFY(window.showTab("channels"));
    ChannelsPanel* channels = window.channelsPanel();
    QSignalSpy groupShown(channels, &ChannelsPanel::groupShown);
    window.start(weights(4, 128), formatSpec(NumberFormat::Mxfp4));
    QVERIFY(waitForResults(window));
    QVERIFY(groupShown.count() > 0 || groupShown.wait(10000));
    const Analysis& a = window.snapshot()->current;
    QCOMPARE(a.params.size(), std::size_t(16)); // blocks of 32 are the groups
    QCustomPlot* scales = channels->rangePlot()->scalePlot();
    QVERIFY(scales->isVisible());
    QCPGraph* strip = graphNamed(scales, "block-scales");
    QCOMPARE(strip->dataCount(), 16);
    QCOMPARE(strip->data()->at(7)->value, storedScale(a, 7));
    // The grid band is each block's representable range (an MX block's X can leave headroom).
    QCOMPARE(graphNamed(channels->rangePlot()->rangePlot(), "clip-max")->data()->at(3)->value,
             double(a.params[3].representableMax()));

    groupShown.clear();
    channels->pickGroup(5);
    QVERIFY(groupShown.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isWorking(), 10000);
    QCustomPlot* own = channels->histogramPlot()->plot();
    QCOMPARE(lineX(own, "representable-max"), double(a.params[5].representableMax()));
    QVERIFY(legendText(own, "grid-scale").contains("E8M0"));
    // The other views follow the pick: the main histogram's lines, the walkthrough's value.
    QCOMPARE(window.histogramPlot()->pickedGroup(), 5);
    QVERIFY(legendText(window.histogramPlot()->plot(), "grid-scale").contains("block 5"));
    window.walkthroughPanel()->setTrialText(QStringLiteral("0.25"));
    const WalkthroughModel* model = window.walkthroughPanel()->model();
    QCOMPARE(model->index(0, model->section(WalkthroughModel::Block)).data().toString(),
             QStringLiteral("5"));
    QVERIFY(window.walkthroughPanel()->derivation().contains("block 5"));
}

void TestFormatViews::transferIsTheUnevenStaircase()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, formatSpec(NumberFormat::Fp8E4m3));
    QVERIFY(waitForResults(window));
    QCPGraph* stairs = graphNamed(window.transferPlot()->plot(), "staircase");
    const GridGeometry grid = gridGeometry(window.snapshot()->current.params.front());
    std::set<double> values;
    for (const GridLevel& level : grid.levels) {
        values.insert(level.value);
    }
    double narrowest = INFINITY;
    double widest = 0;
    for (int i = 0; i + 1 < stairs->dataCount(); ++i) {
        QVERIFY(values.contains(stairs->data()->at(i)->value)); // every step is a grid value
        const double width = stairs->data()->at(i + 1)->key - stairs->data()->at(i)->key;
        if (i > 0) { // the first step starts at the plot's edge
            narrowest = std::min(narrowest, width);
            widest = std::max(widest, width);
        }
    }
    QVERIFY(stairs->dataCount() > 100);
    QVERIFY(widest > 100 * narrowest); // FP8: fine steps near 0, coarse at the top
}

void TestFormatViews::saturationShowsLikeClipping()
{
    // A percentile scale puts the outlier at 100 past FP8's largest value: it saturates.
    QuantSpec spec = formatSpec(NumberFormat::Fp8E4m3);
    spec.calibration.method = CalibrationMethod::Percentile;
    spec.calibration.percentile = 99.0;
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, spec);
    QVERIFY(waitForResults(window));
    QVERIFY(window.snapshot()->current.metrics.clippedAbove > 0);
    QCustomPlot* plot = window.histogramPlot()->plot();
    QVERIFY(itemNames(plot).contains("clipped-above"));
    auto* label = qobject_cast<QCPItemText*>(test::itemNamed(plot, "clipped-above-label"));
    QVERIFY(label->text().startsWith("saturated"));
    QCustomPlot* error = window.findChild<QCustomPlot*>("error");
    QVERIFY(graphNamed(error, "clipping-error"));
}

void TestFormatViews::q4_0GridIsTheRightWayRound()
{
    // The tutorial's three values in one Q4_0 block: the largest magnitude, 1.2962357, is
    // positive, so d = m/−8 < 0 and code 15 is the grid's lower end.
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, *schemePreset("llama-q4_0"));
    QVERIFY(waitForResults(window));
    const QuantParams& p = window.snapshot()->current.params.front();
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t(1));
    QVERIFY(p.scale < 0);
    QCustomPlot* plot = window.histogramPlot()->plot();
    auto text = [&](const char* name) {
        return qobject_cast<QCPItemText*>(test::itemNamed(plot, name))->text();
    };
    QCOMPARE(text("representable-min-label"), QStringLiteral("R′(15)"));
    QCOMPARE(text("representable-max-label"), QStringLiteral("R′(0)"));
    QCOMPARE(lineX(plot, "representable-min"), double(p.dequantize(15)));
    QCOMPARE(lineX(plot, "representable-max"), double(p.dequantize(0)));
    // All sixteen codes of the block get their line once the grid fills the view.
    window.histogramPlot()->zoomTo(p.dequantize(15) - 0.01, p.dequantize(0) + 0.01);
    QTRY_COMPARE_WITH_TIMEOUT(window.histogramPlot()->gridLinesDrawn().lines, 16, 5000);
    // The thresholds lie outside the grid, on the side each belongs to.
    QVERIFY(lineX(plot, "clip-threshold-below") < lineX(plot, "representable-min"));
    QVERIFY(lineX(plot, "clip-threshold-above") >= lineX(plot, "representable-max"));
}

QTEST_MAIN(TestFormatViews)
#include "tst_format_views.moc"
