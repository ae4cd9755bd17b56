// The window's views of the formats beyond the integer grid, offscreen: the histogram draws the
// picked block's values (uneven for FP8 and NF4, a band where too dense), the code-usage plot a
// labelled bar per code, the scale-usage plot the block scales, the walkthrough each kind's steps,
// the Channels view the blocks (a stored q4_k tensor's d, dmin and sub-block codes among them);
// and llama.cpp's Q4_0 grid, turned around by its negative Scale, is drawn the right way round.

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
#include "support/gguf_files.h"
#include "support/plot_items.h"
#include "support/temp_files.h"

#include <QLabel>
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

// One q4_k super-block (144 bytes): fp16 d and dmin, the twelve bytes that pack eight 6-bit scale
// and minimum codes as ggml's get_scale_min_k4 reads them, and 4-bit codes `code(v)` (value v
// of 64g..64g+31 in the low nibbles of bytes 16 + 32g.., the next 32 in the high ones).
QByteArray q4KBlock(quint16 d, quint16 dmin, const std::array<int, 8>& scales,
                    const std::array<int, 8>& mins)
{
    QByteArray block(144, '\0');
    auto put = [&](int at, unsigned bits) {
        block[at] = char(uchar(block[at]) | (bits & 0xFF));
    };
    put(0, d & 0xFF);
    put(1, d >> 8);
    put(2, dmin & 0xFF);
    put(3, dmin >> 8);
    for (int j = 0; j < 4; ++j) {
        put(4 + j, unsigned(scales[j]) | (unsigned(scales[j + 4]) >> 4) << 6);
        put(8 + j, unsigned(mins[j]) | (unsigned(mins[j + 4]) >> 4) << 6);
        put(12 + j, (unsigned(scales[j + 4]) & 0xF) | (unsigned(mins[j + 4]) & 0xF) << 4);
    }
    for (int v = 0; v < 256; ++v) {
        const unsigned code = unsigned(v * 7 + v / 32) % 16;
        put(16 + 32 * (v / 64) + v % 32, code << (4 * (v % 64 / 32)));
    }
    return block;
}

// The y of the point at `key` of graph `name`.
double valueAt(QCustomPlot* plot, const QString& name, double key)
{
    QCPGraph* graph = graphNamed(plot, name);
    if (graph == nullptr) {
        return std::nan("");
    }
    const auto it = graph->data()->findBegin(key, false);
    return it != graph->data()->constEnd() && it->key == key ? it->value : std::nan("");
}

double barAt(QCPBars* bars, double key)
{
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
        if (std::fabs(it->key - key) < 1e-9) {
            return it->value;
        }
    }
    return std::nan("");
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
    void storedQ4KShowsItsBlockScales();
    void pickedGgmlBlockKeepsItsCodes_data();
    void pickedGgmlBlockKeepsItsCodes();
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
                             << QStringList{"#",        "R",  "R/Scale", "Round",
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

void TestFormatViews::storedQ4KShowsItsBlockScales()
{
    // Two super-blocks whose fields are chosen: d 0.5 and 1.5 (fp16 0x3800, 0x3E00), dmin 0.25 and
    // 0.125; the first with scale codes 1 2 3 4 60 61 62 63, the second all 37 (minimums 12).
    const QByteArray blocks =
        q4KBlock(0x3800, 0x3400, {1, 2, 3, 4, 60, 61, 62, 63}, {63, 0, 17, 33, 5, 48, 16, 32}) +
        q4KBlock(0x3E00, 0x3000, {37, 37, 37, 37, 37, 37, 37, 37},
                 {12, 12, 12, 12, 12, 12, 12, 12});
    test::ScratchDir dir;
    const auto path =
        dir.write("q4k.gguf", test::ggufBytes({{"blk.0.ffn_down.weight", {256, 2}, 12, blocks}}));
    MainWindow window;
    window.show();
    QVERIFY(window.showTab("channels"));
    ChannelsPanel* channels = window.channelsPanel();
    QSignalSpy groupShown(channels, &ChannelsPanel::groupShown);
    window.start(FileSpec{path, "blk.0.ffn_down.weight", {}}, formatSpec(NumberFormat::GgmlQ4K));
    QVERIFY(waitForResults(window));
    QVERIFY(groupShown.count() > 0 || groupShown.wait(10000));

    // The scale-usage plot: titled with the type, d and dmin binned, a bar per sub-block code.
    ScaleUsagePlot* scales = window.scaleUsagePlot();
    QVERIFY(!scales->isHidden());
    QVERIFY2(scales->title().startsWith("q4_k") && scales->title().contains("dmin") &&
                 scales->title().contains("6-bit"),
             qPrintable(scales->title()));
    QCustomPlot* usage = scales->plot();
    for (const QString name : {"d-histogram", "minimum-histogram"}) {
        QCPGraph* histogram = graphNamed(usage, name);
        QVERIFY2(histogram, qPrintable(name));
        double total = 0;
        for (int i = 0; i + 1 < histogram->dataCount(); ++i) {
            total += histogram->data()->at(i)->value;
        }
        QCOMPARE(total, 2.0); // one d and one dmin per super-block
    }
    QCOMPARE(graphNamed(usage, "d-histogram")->data()->at(0)->key, 0.5);
    QVERIFY2(usage->xAxis->label().replace('\n', ' ').contains("2 blocks"),
             qPrintable(usage->xAxis->label()));
    QVERIFY(scales->subScaleRect());
    QCPBars* codes = barsNamed(usage, "sub-scale-bars");
    QCPBars* minimums = barsNamed(usage, "sub-minimum-bars");
    QVERIFY(codes && minimums);
    QCOMPARE(barAt(codes, 37 - 0.2), 8.0);
    QCOMPARE(barAt(codes, 61 - 0.2), 1.0);
    QCOMPARE(barAt(codes, 36 - 0.2), 0.0);
    QCOMPARE(barAt(minimums, 12 + 0.2), 8.0);
    QCOMPARE(barAt(minimums, 0 + 0.2), 1.0);
    // Wrapped to the plot's width: every line of the title and of the codes' label fits it, and
    // the legend sits under the plot rather than on its histograms.
    const QString codeAxis =
        scales->subScaleRect()->axis(QCPAxis::atBottom)->label().replace('\n', ' ');
    // Texts are fitted to the room they have once their plot is shown and laid out.
    QVERIFY(window.showTab("quantizer"));
    QVERIFY(QTest::qWaitFor([&] { return usage->isVisible(); }));
    usage->replot();
    auto* titleElement = usage->findChild<QCPTextElement*>("scale-title");
    QVERIFY(titleElement);
    QVERIFY(!titleElement->text().contains('\n'));
    QVERIFY2(QFontMetrics(titleElement->font()).horizontalAdvance(titleElement->text()) <=
                 usage->width(),
             qPrintable(titleElement->text()));
    const QFontMetrics labelMetrics(scales->subScaleRect()->axis(QCPAxis::atBottom)->labelFont());
    for (const QString& line :
         scales->subScaleRect()->axis(QCPAxis::atBottom)->label().split('\n')) {
        QVERIFY2(labelMetrics.horizontalAdvance(line) <= usage->width(), qPrintable(line));
    }
    QCOMPARE(usage->legend->layout(), static_cast<QCPLayout*>(usage->plotLayout()));
    QVERIFY2(codeAxis.contains("6-bit") && codeAxis.contains("9 of 64 codes (1 … 63)") &&
                 codeAxis.contains("16 sub-blocks"),
             qPrintable(codeAxis));
    QVERIFY(scales->describeSubScaleAt(37).contains("8 sub-blocks"));

    // The Channels view: each sub-block with its super-block's d and dmin and its own code.
    QVERIFY(window.showTab("channels"));
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t(16));
    QCustomPlot* strip = channels->rangePlot()->scalePlot();
    QVERIFY(strip->isVisible());
    QCOMPARE(graphNamed(strip, "block-d")->dataCount(), 16);
    QCOMPARE(valueAt(strip, "block-d", 2), 0.5);
    QCOMPARE(valueAt(strip, "block-d", 9), 1.5);
    QCOMPARE(valueAt(strip, "block-minimum", 9), 0.125);
    QCOMPARE(valueAt(strip, "sub-block-scale-codes", 5), 61.0);
    QCOMPARE(valueAt(strip, "sub-block-scale-codes", 12), 37.0);
    QVERIFY(strip->yAxis2->visible());
    // Every block lossless: the SQNR strip says so rather than drawing bars of a made-up height;
    // the scale strip's legend sits below its plot, off the first blocks' steps.
    auto* lossless = qobject_cast<QCPItemText*>(
        test::itemNamed(channels->rangePlot()->sqnrPlot(), "all-lossless"));
    QVERIFY(lossless);
    QVERIFY(lossless->text().contains("every block lossless"));
    QCOMPARE(strip->plotLayout()->elementAt(strip->plotLayout()->rowColToIndex(1, 0)),
             static_cast<QCPLayoutElement*>(strip->legend));

    groupShown.clear();
    channels->pickGroup(9);
    QVERIFY(groupShown.wait(10000));
    const QString summary = channels->findChild<QLabel*>("groupSummary")->text();
    QVERIFY2(summary.contains("super-block 1, sub-block 1 of 8") &&
                 summary.contains("d 1.5 (fp16 0x3E00) × scale code 37 = 55.5") &&
                 summary.contains("dmin 0.125 (fp16 0x3000) × minimum code 12 = 1.5"),
             qPrintable(summary));
    // Shown as stored, the picked sub-block is lossless too: its codes are the file's.
    QVERIFY2(summary.contains("lossless"), qPrintable(summary));
    QCOMPARE(channels->groupSnapshot()->current.metrics.mse, 0.0);
    // The picked sub-block's own grid: its scale d·sc = 55.5 and offset −dmin·m = −1.5.
    const QuantParams& picked = window.snapshot()->current.params[9];
    QCOMPARE(picked.scale, 55.5);
    QCOMPARE(picked.addend, -1.5f);
    QCOMPARE(lineX(channels->histogramPlot()->plot(), "representable-max"),
             double(picked.representableMax()));
}

void TestFormatViews::pickedGgmlBlockKeepsItsCodes_data()
{
    QTest::addColumn<NumberFormat>("format");
    QTest::newRow("q4_1: a stored minimum") << NumberFormat::GgmlQ4_1;
    QTest::newRow("q4_k: scales searched with the minimum") << NumberFormat::GgmlQ4K;
    QTest::newRow("q3_k: codes chosen with the scales") << NumberFormat::GgmlQ3K;
}

void TestFormatViews::pickedGgmlBlockKeepsItsCodes()
{
    // The picked block measured by itself must agree with that block's row of the whole
    // analysis: the same codes, so the same error (a grid R′ = Scale·q + min re-rounded without
    // its minimum, or codes re-chosen by rounding, would not).
    QFETCH(NumberFormat, format);
    MainWindow window;
    window.show();
    QVERIFY(window.showTab("channels"));
    ChannelsPanel* channels = window.channelsPanel();
    QSignalSpy groupShown(channels, &ChannelsPanel::groupShown);
    window.start(weights(8, 256), formatSpec(format));
    QVERIFY(waitForResults(window));
    QVERIFY(groupShown.count() > 0 || groupShown.wait(10000));
    const Analysis& whole = window.snapshot()->current;
    for (const int group : {0, 13, static_cast<int>(whole.groups.size()) - 1}) {
        groupShown.clear();
        channels->pickGroup(group);
        QVERIFY(groupShown.wait(10000));
        QVERIFY(!test::itemNamed(channels->rangePlot()->sqnrPlot(), "all-lossless"));
        const Analysis& picked = channels->groupSnapshot()->current;
        const double expected = whole.groups[static_cast<std::size_t>(group)].mse;
        QVERIFY2(expected > 0, "the generated data is not on any grid");
        QVERIFY2(std::fabs(picked.metrics.mse - expected) <= 1e-12 * expected,
                 qPrintable(QStringLiteral("group %1: %2 against %3")
                                .arg(group)
                                .arg(picked.metrics.mse)
                                .arg(expected)));
    }
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
