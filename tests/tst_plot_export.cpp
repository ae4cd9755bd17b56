// Plot export, offscreen: every plot of the window written as PNG (size and scale honoured), SVG
// (parses, carries the legend) and PDF (a page of vector drawing with its text); refusals that
// leave an existing file whole; the context menu and File → Export Plot.

#include "export/plot_export.h"
#include "export/plot_title.h"
#include "main_window.h"
#include "panels/model_panel.h"
#include "plots/histogram_plot.h"
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

QTEST_MAIN(TestPlotExport)
#include "tst_plot_export.moc"
