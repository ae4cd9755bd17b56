// The window on a small screen: it opens within the screen's available area, and at 1280×800
// every plot of every tab keeps within its place (its minimum size fits, it lies inside the
// window, its legend fits it) and the left column never scrolls sideways, even for a tensor
// with a long name.
#include "grip_splitter.h"
#include "main_window.h"
#include "panels/model_panel.h"
#include "support/temp_files.h"
#include "window_fit.h"

#include <QComboBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QtTest>
#include <qcustomplot.h>

using namespace qs;
using namespace qs::ui;

namespace {

constexpr QRect kSmallScreen{0, 0, 1280, 800};

bool waitForResults(MainWindow& window)
{
    QSignalSpy drawn(&window, &MainWindow::resultsDrawn);
    return drawn.wait(20000) && QTest::qWaitFor([&] { return !window.runner()->isBusy(); }, 20000);
}

// Why `plot` does not fit its place in `window`, or empty.
QString misfit(const QCustomPlot* plot, const QWidget* window)
{
    const QString name =
        plot->objectName().isEmpty() ? QStringLiteral("a plot") : plot->objectName();
    const QSize minimum = static_cast<const QWidget*>(plot)->minimumSizeHint();
    if (minimum.width() > plot->width() || minimum.height() > plot->height()) {
        return QStringLiteral("%1 needs %2×%3 but has %4×%5")
            .arg(name)
            .arg(minimum.width())
            .arg(minimum.height())
            .arg(plot->width())
            .arg(plot->height());
    }
    const QRect placed(plot->mapTo(window, QPoint(0, 0)), plot->size());
    // Cut by a parent (a splitter giving its children less than they take, a tab page)?
    QRect shown = placed;
    for (const QWidget* parent = plot->parentWidget(); parent != nullptr && parent != window;
         parent = parent->parentWidget()) {
        shown &= QRect(parent->mapTo(window, QPoint(0, 0)), parent->size());
    }
    if (shown != placed) {
        return QStringLiteral("%1 is cut to %2×%3 of its %4×%5")
            .arg(name)
            .arg(shown.width())
            .arg(shown.height())
            .arg(placed.width())
            .arg(placed.height());
    }
    if (!window->rect().contains(placed)) {
        return QStringLiteral("%1 at (%2, %3) %4×%5 runs past the window")
            .arg(name)
            .arg(placed.x())
            .arg(placed.y())
            .arg(placed.width())
            .arg(placed.height());
    }
    const QCPLegend* legend = plot->legend;
    if (legend->visible() && legend->itemCount() > 0) {
        const QSize wanted = legend->minimumOuterSizeHint();
        const QRect area =
            legend->layout() == plot->plotLayout() ? plot->rect() : plot->axisRect()->rect();
        if (wanted.width() > area.width() || wanted.height() > area.height()) {
            return QStringLiteral("%1's legend needs %2×%3 in %4×%5")
                .arg(name)
                .arg(wanted.width())
                .arg(wanted.height())
                .arg(area.width())
                .arg(area.height());
        }
    }
    return {};
}

} // namespace

class TestWindowFit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensWithinTheScreen_data();
    void opensWithinTheScreen();
    void everyPlotFitsAt1280By800();
    void leftColumnNeverScrollsSideways();
    void splitterHandlesAreVisible();
};

void TestWindowFit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestWindowFit::opensWithinTheScreen_data()
{
    QTest::addColumn<QRect>("available");
    QTest::newRow("1280×800") << kSmallScreen;
    QTest::newRow("1280×800 less a 32 px panel") << QRect(0, 32, 1280, 768);
    QTest::newRow("1920×1080") << QRect(0, 0, 1920, 1080);
    QTest::newRow("a second screen on the right") << QRect(1920, 0, 2560, 1440);
    QTest::newRow("1024×600") << QRect(0, 0, 1024, 600);
}

void TestWindowFit::opensWithinTheScreen()
{
    QFETCH(QRect, available);
    const QRect window = openingWindowGeometry(available);
    // With a title bar of up to 40 px and 8 px borders, the frame stays on the screen.
    const QRect framed = window.adjusted(-8, -40, 8, 8);
    QVERIFY2(available.contains(framed), qPrintable(QStringLiteral("%1,%2 %3×%4")
                                                        .arg(window.x())
                                                        .arg(window.y())
                                                        .arg(window.width())
                                                        .arg(window.height())));
    QVERIFY(window.width() <= kPreferredWindowSize.width());
    QVERIFY(window.height() <= kPreferredWindowSize.height());
    // Where the screen has room, the preferred size; where it has not, as much as it has.
    if (available.width() >= kPreferredWindowSize.width() + 16 &&
        available.height() >= kPreferredWindowSize.height() + 48) {
        QCOMPARE(window.size(), kPreferredWindowSize);
    } else {
        QVERIFY(window.width() >= available.width() - 16 ||
                window.height() >= available.height() - 48);
    }
}

void TestWindowFit::everyPlotFitsAt1280By800()
{
    MainWindow window;
    window.setGeometry(openingWindowGeometry(kSmallScreen));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitForResults(window));
    QStringList misfits;
    for (const QString tab : {"quantizer", "channels", "sweeps", "model", "error", "compare",
                              "formats", "walkthrough"}) {
        QVERIFY(window.showTab(tab));
        QTest::qWait(50); // the tab's plots draw when shown
        QVERIFY(QTest::qWaitFor([&] { return !window.isWorking(); }, 20000));
        QCoreApplication::processEvents();
        for (const QCustomPlot* plot : window.findChildren<QCustomPlot*>()) {
            if (!plot->isVisible()) {
                continue;
            }
            if (const QString why = misfit(plot, &window); !why.isEmpty()) {
                misfits << tab + QStringLiteral(": ") + why;
            }
        }
    }
    misfits.removeDuplicates();
    QVERIFY2(misfits.isEmpty(), qPrintable(misfits.join('\n')));
    QVERIFY2(window.minimumSizeHint().width() <= window.width(),
             qPrintable(QString::number(window.minimumSizeHint().width())));
    QVERIFY(window.minimumSizeHint().height() <= window.height());
}

void TestWindowFit::leftColumnNeverScrollsSideways()
{
    test::ScratchDir dir;
    const QString longName = QStringLiteral("model.layers.27.mlp.experts.63.down_proj.weight_"
                                            "with_an_even_longer_suffix_than_models_use.npy");
    QByteArray data(64 * 4, '\0');
    for (int i = 0; i < 64; ++i) {
        const float value = static_cast<float>(i) / 7.0f - 4.0f;
        std::memcpy(data.data() + 4 * i, &value, 4);
    }
    const auto path = dir.write(
        longName,
        test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (64,), }", data));
    MainWindow window;
    window.setGeometry(openingWindowGeometry(kSmallScreen));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.start(FileSpec{path, {}, {}}, MainWindow::demoSpec());
    QVERIFY(waitForResults(window));
    QCoreApplication::processEvents();
    auto* column = window.findChild<QScrollArea*>(QStringLiteral("leftColumn"));
    QVERIFY(column);
    // What asks for more than the column has, to name in a failure.
    QStringList wide;
    for (const QWidget* child : column->widget()->findChildren<QWidget*>()) {
        if (child->isVisible() && child->minimumSizeHint().width() > column->viewport()->width()) {
            const auto* combo = qobject_cast<const QComboBox*>(child);
            wide << QStringLiteral("%1 %2 (%3 px)")
                        .arg(child->metaObject()->className(),
                             combo ? combo->currentText() : child->objectName())
                        .arg(child->minimumSizeHint().width());
        }
    }
    QVERIFY2(column->horizontalScrollBar()->maximum() == 0, qPrintable(wide.join(", ")));
    QVERIFY2(column->widget()->width() <= column->viewport()->width(),
             qPrintable(QStringLiteral("%1 in %2")
                            .arg(column->widget()->width())
                            .arg(column->viewport()->width())));
}

QTEST_MAIN(TestWindowFit)
// Every pane boundary shows a grip a user can find: not a blank strip of the background.
void TestWindowFit::splitterHandlesAreVisible()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 60000);
    const auto splitters = window.findChildren<QSplitter*>();
    QVERIFY(splitters.size() >= 3);
    int checked = 0;
    for (const char* view : {"quantizer", "model"}) { // the Model view has splitters of its own
        QVERIFY(window.showTab(view));
        QCoreApplication::processEvents();
        for (QSplitter* splitter : splitters) {
            for (int i = 1; i < splitter->count(); ++i) {
                QSplitterHandle* handle = splitter->handle(i);
                if (!handle->isVisible()) {
                    continue; // a hidden pane (e.g. the scale plot of an integer format)
                }
                QVERIFY(splitter->handleWidth() >= 5);
                const QImage picture = handle->grab().toImage();
                const QRgb background = picture.pixel(0, 0);
                bool drawn = false;
                for (int y = 0; y < picture.height() && !drawn; ++y) {
                    for (int x = 0; x < picture.width() && !drawn; ++x) {
                        drawn = picture.pixel(x, y) != background;
                    }
                }
                QVERIFY2(drawn,
                         qPrintable(splitter->objectName() + " handle " + QString::number(i)));
                ++checked;
            }
        }
    }
    QVERIFY(checked >= 5);
    // Every splitter in the window is one with a grip, the Model view's two as well.
    const auto modelSplitters = window.modelPanel()->findChildren<QSplitter*>();
    QCOMPARE(modelSplitters.size(), 2);
    for (QSplitter* splitter : splitters) {
        QVERIFY2(qobject_cast<GripSplitter*>(splitter) != nullptr,
                 qPrintable(splitter->objectName()));
    }
}

#include "tst_window_fit.moc"
