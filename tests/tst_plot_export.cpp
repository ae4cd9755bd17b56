// Plot export, offscreen: every plot of the window written as PNG (size and scale honoured), SVG
// (parses, carries the legend) and PDF (a page of vector drawing with its text); refusals that
// leave an existing file whole; the context menu and File → Export Plot.

#include "export/plot_export.h"
#include "export/plot_title.h"
#include "main_window.h"
#include "panels/model_panel.h"
#include "plots/histogram_plot.h"
#include "plots/plot_setup.h"
#include "plots/transfer_plot.h"
#include "plots/worst_tensors_plot.h"
#include "support/temp_files.h"

#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <qcustomplot.h>

using namespace qs;
using namespace qs::ui;

class TestPlotExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyPlotInEveryFormat();
    void refusalsLeaveTheOldFileWhole();
    void contextMenuAndFileMenu();
    void exportsCarryATitleLine();
    void offscreenExportsFitTheirTexts();
    void textsWrapWhereTheirLanguageBreaks();

private:
    MainWindow* m_window = nullptr;
};

void TestPlotExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
    m_window = new MainWindow;
    m_window->show();
    QSignalSpy drawn(m_window, &MainWindow::resultsDrawn);
    m_window->start(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(drawn.wait(20000));
}

void TestPlotExport::everyPlotInEveryFormat()
{
    QTemporaryDir dir;
    const auto plots = m_window->exportablePlots();
    QCOMPARE(plots.size(), 14);
    for (const auto& [label, plot] : plots) {
        const QString base = dir.filePath(plot->objectName());
        QVERIFY2(exportPlot(plot, base + ".png", {400, 300, 2}).isEmpty(), qPrintable(label));
        const QImage image(base + ".png");
        QCOMPARE(image.size(), QSize(800, 600));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);

        QVERIFY(exportPlot(plot, base + ".svg", {640, 400, 1}).isEmpty());
        QSvgRenderer svg(base + ".svg");
        QVERIFY2(svg.isValid(), qPrintable(label));
        QCOMPARE(svg.viewBox(), QRect(0, 0, 640, 400));

        QVERIFY(exportPlot(plot, base + ".PDF", {640, 400, 1}).isEmpty());
        const QByteArray pdf = test::readFileBytes(base + ".PDF");
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdf.count("/Type /Page\n"), 1);
    }
    // The histogram's export carries what the screen shows: its legend and annotations.
    const QString svgPath = dir.filePath("annotated.svg");
    QVERIFY(exportPlot(m_window->histogramPlot()->plot(), svgPath).isEmpty());
    const QByteArray svg = test::readFileBytes(svgPath);
    for (const char* text : {"representable range", "zero point", "unused", "beyond 6"}) {
        QVERIFY2(svg.contains(text), text);
    }
    // Nothing but the exported files in the folder: QSaveFile's temporaries are gone.
    for (const QString& name : QDir(dir.path()).entryList(QDir::Files)) {
        QVERIFY2(!name.contains(".tmp") && !name.startsWith('.'), qPrintable(name));
    }
}

void TestPlotExport::refusalsLeaveTheOldFileWhole()
{
    QTemporaryDir dir;
    QCustomPlot* plot = m_window->histogramPlot()->plot();
    const QString existing = dir.filePath("keep.png");
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("the previous export");
    file.close();
    const QString tooBig = exportPlot(plot, existing, {50000, 300, 1});
    QVERIFY(tooBig.contains("out of range"));
    QVERIFY(tooBig.startsWith(existing));
    QCOMPARE(test::readFileBytes(existing), QByteArray("the previous export"));
    const QString wrongType = exportPlot(plot, dir.filePath("plot.gif"));
    QVERIFY(wrongType.contains(".png, .svg or .pdf"));
    const QString missingFolder = exportPlot(plot, dir.filePath("no/such/folder/p.png"));
    QVERIFY(missingFolder.startsWith(dir.filePath("no/such/folder/p.png")));
    QVERIFY(QDir(dir.path()).mkdir("taken.svg")); // a folder where the file would go
    QVERIFY(!exportPlot(plot, dir.filePath("taken.svg")).isEmpty());
    QVERIFY(QFileInfo(dir.filePath("taken.svg")).isDir());
}

void TestPlotExport::contextMenuAndFileMenu()
{
    QCustomPlot* plot = m_window->transferPlot()->plot();
    QCOMPARE(plot->contextMenuPolicy(), Qt::CustomContextMenu);
    QStringList offered;
    QTimer::singleShot(0, [&offered] {
        if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
            for (const QAction* action : menu->actions()) {
                if (!action->isSeparator()) {
                    offered << action->text();
                }
            }
            menu->close();
        }
    });
    emit plot->customContextMenuRequested(plot->rect().center());
    QCOMPARE(offered, (QStringList{"Copy Image", "Export as PNG…", "Export as SVG…",
                                   "Export as PDF…", "With a Title Line"}));
    const auto* fileMenu = m_window->findChild<QMenu*>("exportPlotMenu");
    QVERIFY(fileMenu);
    QCOMPARE(fileMenu->actions().size(), 16); // 14 plots, a separator, the title line
}

// An exported plot names its tensor and scheme on a line above it unless that is turned off;
// the plot on screen is laid out as before.
void TestPlotExport::exportsCarryATitleLine()
{
    const QString expected =
        QStringLiteral("tutorial-outlier [1001] · symmetric int8, per tensor, minmax");
    for (const auto& [label, plot] : m_window->exportablePlots()) {
        if (plot != m_window->modelPanel()->chart()->plot()) { // no file: no model chart
            QCOMPARE(exportTitleOf(plot), expected);
        }
    }
    QCustomPlot* plot = m_window->histogramPlot()->plot();
    const int elements = plot->plotLayout()->elementCount();
    const QRect rect = plot->axisRect()->outerRect();
    QTemporaryDir dir;
    const QString with = dir.filePath("with.svg");
    const QString without = dir.filePath("without.svg");
    QVERIFY(exportPlot(plot, with, {640, 400, 1}, exportTitleOf(plot)).isEmpty());
    QVERIFY(exportPlot(plot, without, {640, 400, 1}).isEmpty());
    QVERIFY(test::readFileBytes(with).contains(expected.toUtf8()));
    QVERIFY(!test::readFileBytes(without).contains("tutorial-outlier [1001]"));
    QCOMPARE(plot->plotLayout()->elementCount(), elements);
    plot->replot();
    QCOMPARE(plot->axisRect()->outerRect(), rect);

    // The File → Export Plot menu's switch is the setting the exports read.
    auto* titleLine = m_window->findChild<QAction*>("exportTitleLine");
    QVERIFY(titleLine && titleLine->isCheckable() && titleLine->isChecked());
    QVERIFY(exportTitleWanted());
    titleLine->setChecked(false);
    QVERIFY(!exportTitleWanted());
    titleLine->setChecked(true);
    QVERIFY(exportTitleWanted());
}

// A plot never shown (the CLI's, a report's) has its texts fitted to the export's size: a long
// axis label is elided to the width instead of running off the picture.
void TestPlotExport::offscreenExportsFitTheirTexts()
{
    QCustomPlot plot;
    setUpPlot(&plot);
    QVERIFY(!plot.isVisible());
    const QString label =
        QStringLiteral("model.layers.17.mlp.cond.then_branch.dense_h_to_4h.weight "
                       "values R under the current scheme, in units of the scale");
    plot.xAxis->setLabel(label);
    plot.addGraph()->setData({0, 1, 2}, {1, 3, 2});
    plot.rescaleAxes();
    const auto svg = renderPlot(&plot, PlotFormat::Svg, {240, 200, 1});
    QVERIFY(svg);
    QVERIFY(!svg->contains("in units of the scale"));
    QVERIFY(svg->contains("…"));
    QCOMPARE(plot.xAxis->label().isEmpty(), false);
    // On screen afterwards at its own size, the label is fitted again to that.
    const auto wide = renderPlot(&plot, PlotFormat::Svg, {2400, 400, 1});
    QVERIFY(wide->contains("in units of the scale"));
}

// Headings and messages wrap at spaces in English and between characters in Chinese (which
// has no spaces); a newline in the text breaks; the last line allowed is elided.
void TestPlotExport::textsWrapWhereTheirLanguageBreaks()
{
    const QFont font = QApplication::font();
    const QFontMetrics metrics(font);
    const QString english =
        QStringLiteral("Sweeps of heavy-tailed-weights under the current scheme");
    const int width = metrics.horizontalAdvance(english) / 2;
    const QStringList lines = wrapToWidth(english, font, width).split('\n');
    QVERIFY(lines.size() >= 2);
    for (const QString& line : lines) {
        QVERIFY2(metrics.horizontalAdvance(line) <= width, qPrintable(line));
        QVERIFY2(english.contains(line), qPrintable(line)); // whole words, no space lost inside
    }
    QCOMPARE(lines.join(QString()).remove(' '), QString(english).remove(' ')); // nothing lost

    const QString chinese =
        QStringLiteral("每个点都是一次完整的分析，在当前方案下扫描位宽、截断阈值和离群值大小");
    const int narrow = metrics.horizontalAdvance(chinese) / 3;
    const QStringList zh = wrapToWidth(chinese, font, narrow).split('\n');
    QVERIFY2(zh.size() >= 3, qPrintable(zh.join('|')));
    for (const QString& line : zh) {
        QVERIFY2(metrics.horizontalAdvance(line) <= narrow, qPrintable(line));
    }
    QCOMPARE(zh.join(QString()), chinese);

    QCOMPARE(wrapToWidth(QStringLiteral("first\nsecond"), font, 1000),
             QStringLiteral("first\nsecond"));
    const QString two = wrapToWidth(english + QStringLiteral(" ") + english, font, width, 2);
    QCOMPARE(two.count('\n'), 1);
    QVERIFY(two.endsWith(QStringLiteral("…")));
}

QTEST_MAIN(TestPlotExport)
#include "tst_plot_export.moc"
