// Sessions in the window, offscreen: saving and reopening restores the tensor, scheme and view
// with the same numbers, number formats included; a change after saving is noticed; a bad
// session changes nothing; the quantscope binary opens one from the command line.

#include "dialog_folders.h"
#include "main_window.h"
#include "panels/channels_panel.h"
#include "panels/model_panel.h"
#include "panels/scheme_panel.h"
#include "panels/shootout_panel.h"
#include "plots/histogram_plot.h"
#include "session_controller.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

using namespace qs;
using namespace qs::ui;

namespace {

bool waitIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

GenerateSpec weights()
{
    GenerateSpec g;
    g.distribution = Distribution::StudentT;
    g.shape = {16, 64};
    g.seed = 5;
    g.outliers = {2, 20, OutlierUnit::Sigma, OutlierSign::Alternate};
    return g;
}

QuantSpec perChannel4Bit()
{
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.bits = 4;
    spec.granularity = Granularity::Channel;
    return spec;
}

} // namespace

class TestSessionWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void saveAndReopenRestoresEverything();
    void aNumberFormatSurvivesSaveAndReopen();
    void badSessionChangesNothing();
    void quittingWithUnsavedChangesAsks();
    void commandLineOpensASession();
    void titleBarNamesTheSession();
    void movedTensorFileIsLocated();
    void dialogsRememberTheirFolder();
};

void TestSessionWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestSessionWindow::saveAndReopenRestoresEverything()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("w.qscope"));
    double sqnr = 0;
    {
        MainWindow window;
        window.show();
        window.start(weights(), perChannel4Bit());
        QVERIFY(waitIdle(window));
        window.showTab("channels");
        window.showTab("walkthrough");
        window.histogramPlot()->setOutlierSigmas(4.5);
        window.histogramPlot()->setLogScale(true);
        window.channelsPanel()->pickGroup(3);
        window.shootoutPanel()->setBitsClass(8);
        window.modelPanel()->setBestFormatBits(4);
        QVERIFY(waitIdle(window));
        sqnr = window.snapshot()->current.metrics.sqnrDb;
        QVERIFY(!window.sessions()->hasUnsavedChanges()); // nothing saved yet: nothing to lose
        QVERIFY(window.sessions()->saveAs(path));
        QVERIFY(!window.sessions()->hasUnsavedChanges());
        window.schemePanel()->findChild<QSpinBox*>("bits")->setValue(6);
        QVERIFY(waitIdle(window));
        QVERIFY(window.sessions()->hasUnsavedChanges());
        QVERIFY(window.sessions()->saveAs(path + ".other")); // a save clears it again
        QVERIFY(!window.sessions()->hasUnsavedChanges());
    }
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitIdle(window));
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    QVERIFY(window.sessions()->open(path));
    QVERIFY(shown.wait(20000));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->current.metrics.sqnrDb, sqnr);
    QCOMPARE(window.snapshot()->spec, perChannel4Bit());
    QVERIFY(std::get<GenerateSpec>(window.snapshot()->data->source) == weights());
    QCOMPARE(window.currentViewName(), QStringLiteral("channels"));
    QCOMPARE(window.currentTableName(), QStringLiteral("walkthrough"));
    QCOMPARE(window.histogramPlot()->outlierSigmas(), 4.5);
    QVERIFY(window.histogramPlot()->logScale());
    QCOMPARE(window.channelsPanel()->pickedGroup(), 3);
    QCOMPARE(window.shootoutPanel()->bitsClass(), 8);
    QCOMPARE(window.modelPanel()->bestFormatBits(), 4);
    QCOMPARE(window.sessions()->path(), path);
    QVERIFY(!window.sessions()->hasUnsavedChanges());
}

void TestSessionWindow::aNumberFormatSurvivesSaveAndReopen()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("mx.qscope"));
    QuantSpec mx;
    mx.format.format = NumberFormat::Mxfp4;
    mx.format.mxScale = MxScaleRule::Rceil;
    QuantSpec expected = mx;
    expected.format.elementRounding = ElementRounding::Away;
    double sqnr = 0;
    {
        MainWindow window;
        window.show();
        window.start(weights(), mx);
        QVERIFY(waitIdle(window));
        // One choice made in the panel, as a user would.
        auto* rounding = window.schemePanel()->findChild<QComboBox*>("elementRounding");
        rounding->setCurrentIndex(rounding->findData(int(ElementRounding::Away)));
        QVERIFY(QTest::qWaitFor([&] { return window.snapshot()->spec == expected; }, 20000));
        QVERIFY(waitIdle(window));
        sqnr = window.snapshot()->current.metrics.sqnrDb;
        QVERIFY(window.sessions()->saveAs(path));
    }
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitIdle(window));
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    QVERIFY(window.sessions()->open(path));
    QVERIFY(shown.wait(20000));
    QVERIFY(waitIdle(window));
    QVERIFY(window.snapshot()->spec == expected);
    QCOMPARE(window.snapshot()->current.metrics.sqnrDb, sqnr);
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t{16 * 64 / 32}); // MX blocks
    // The panel shows it: its spec is the session's, and its Format choice says MX.
    QVERIFY(window.schemePanel()->spec() == expected);
    QCOMPARE(window.schemePanel()->findChild<QComboBox*>("formatFamily")->currentData().toInt(),
             int(FormatFamily::Mx));
    QVERIFY(!window.sessions()->hasUnsavedChanges());
}

void TestSessionWindow::badSessionChangesNothing()
{
    test::ScratchDir dir;
    const QString bad =
        QString::fromStdString(dir.write("bad.qscope", "{\"quantscope_session\": 99}"));
    MainWindow window;
    window.show();
    window.start(weights(), perChannel4Bit());
    QVERIFY(waitIdle(window));
    const SnapshotPtr before = window.snapshot();
    QVERIFY(!window.sessions()->open(bad));
    auto* dialog = window.findChild<QMessageBox*>("sessionErrorDialog");
    QVERIFY(dialog);
    QVERIFY(dialog->text().contains("newer QuantScope"));
    QVERIFY(dialog->text().contains("bad.qscope"));
    QTest::qWait(50);
    QCOMPARE(window.snapshot(), before);
    QVERIFY(window.sessions()->path().isEmpty());
}

void TestSessionWindow::quittingWithUnsavedChangesAsks()
{
    test::ScratchDir dir;
    MainWindow window;
    window.show();
    window.start(weights(), perChannel4Bit());
    QVERIFY(waitIdle(window));
    QVERIFY(window.sessions()->saveAs(QString::fromStdString(dir.path("q.qscope"))));
    window.schemePanel()->findChild<QSpinBox*>("bits")->setValue(6);
    QVERIFY(waitIdle(window));
    // Answer the question with `button`, from inside its event loop.
    const auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box && box->text().contains("has changed"));
            box->button(button)->click();
        });
    };
    answer(QMessageBox::Cancel);
    QVERIFY(!window.close()); // stays open
    QVERIFY(window.isVisible());
    answer(QMessageBox::Discard);
    QVERIFY(window.close());
}

void TestSessionWindow::commandLineOpensASession()
{
    test::ScratchDir dir;
    const std::string path = dir.path("cli.qscope");
    QVERIFY(writeSession(path, Session{PresetSpec{"tutorial-outlier"}, perChannel4Bit(), {}}));
    const QString png = QString::fromStdString(dir.path("shot.png"));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(environment);
    process.start(test::guiPath(),
                  {"--session", QString::fromStdString(path), "--screenshot", png});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(QImage(png).width() > 0);
    process.start(test::guiPath(), {"--session", QString::fromStdString(path), "--bits", "3"});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("drop --bits"));
}

void TestSessionWindow::titleBarNamesTheSession()
{
    test::ScratchDir dir;
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QVERIFY(!window.windowTitle().contains(".qscope"));
    QVERIFY(window.sessions()->saveAs(QString::fromStdString(dir.path("named.qscope"))));
    QVERIFY2(window.windowTitle().contains("named.qscope"), qPrintable(window.windowTitle()));
}

// A session whose tensor file moved: the locator is asked with the old path, the session opens
// on the file it names, and counts as changed until saved; no answer changes nothing.
void TestSessionWindow::movedTensorFileIsLocated()
{
    test::ScratchDir dir;
    const QByteArray npy =
        test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                       QByteArray::fromHex("0000803f000000c0"));
    const std::string tensor = dir.write("weights.npy", npy);
    const QString session = QString::fromStdString(dir.path("moved.qscope"));
    QVERIFY(
        writeSession(session.toStdString(), Session{FileSpec{tensor, {}, {}}, QuantSpec{}, {}}));
    QVERIFY(QDir(QString::fromStdString(dir.path(""))).mkdir("elsewhere"));
    const QString moved = QString::fromStdString(dir.path("elsewhere/weights.npy"));
    QVERIFY(QFile::rename(QString::fromStdString(tensor), moved));

    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    const SnapshotPtr before = window.snapshot();
    QStringList asked;
    window.sessions()->setFileLocator([&asked](const QString& missing) {
        asked << missing;
        return QString();
    });
    QVERIFY(!window.sessions()->open(session));
    QCOMPARE(asked, QStringList{QFileInfo(QString::fromStdString(tensor)).absoluteFilePath()});
    QCOMPARE(window.snapshot(), before);
    QVERIFY(window.sessions()->path().isEmpty());

    window.sessions()->setFileLocator([&moved](const QString&) { return moved; });
    QVERIFY(window.sessions()->open(session));
    QVERIFY(waitIdle(window));
    const auto* file = std::get_if<FileSpec>(&window.snapshot()->data->source);
    QVERIFY(file != nullptr);
    QCOMPARE(QString::fromStdString(file->path), moved);
    QCOMPARE(window.snapshot()->data->loaded.tensor.values.size(), std::size_t(2));
    QVERIFY(window.sessions()->hasUnsavedChanges());
    QVERIFY(window.sessions()->saveAs(session));
    QVERIFY(!window.sessions()->hasUnsavedChanges());
}

void TestSessionWindow::dialogsRememberTheirFolder()
{
    test::ScratchDir dir;
    const QString folder = QFileInfo(QString::fromStdString(dir.path("x"))).absolutePath();
    rememberDialogFolder(DialogKind::Sessions, QString::fromStdString(dir.path("s.qscope")));
    QCOMPARE(dialogFolder(DialogKind::Sessions), folder);
    QCOMPARE(inDialogFolder(DialogKind::Sessions, "a.qscope"), folder + "/a.qscope");
    rememberDialogFolder(DialogKind::Sessions, QString()); // a cancelled dialog
    QCOMPARE(dialogFolder(DialogKind::Sessions), folder);
    QVERIFY(dialogFolder(DialogKind::Exports) != folder);              // each kind its own
    rememberDialogFolder(DialogKind::Exports, folder + "/gone/r.pdf"); // a folder since removed
    QCOMPARE(dialogFolder(DialogKind::Exports), QDir::homePath());
}

QTEST_MAIN(TestSessionWindow)
#include "tst_session_window.moc"
