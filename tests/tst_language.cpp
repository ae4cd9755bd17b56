// The bilingual interface: the zh_CN catalogue is complete (lupdate over today's sources finds
// nothing untranslated), keeps every placeholder and uses the tutorial's terms; the open window
// retranslates itself when the language changes and keeps its state; reports are written in the
// interface language with the same numbers; --lang works on both programs.

#include "export/report_export.h"
#include "i18n/core_texts.h"
#include "i18n/language.h"
#include "i18n/report_language.h"
#include "lessons/lesson_guide.h"
#include "main_window.h"
#include "panels/model_panel.h"
#include "panels/sweeps_panel.h"
#include "panels/walkthrough_panel.h"
#include "plots/histogram_plot.h"
#include "plots/sweep_plots.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QXmlStreamReader>
#include <QtTest>
#include <qcustomplot.h>

#include <fstream>

using namespace qs;
using namespace qs::ui;

namespace {

struct CatalogueEntry
{
    QString context;
    QString source;
    QString translation;
    QString type; // "unfinished", "vanished", "obsolete" or empty
};

QList<CatalogueEntry> readCatalogue(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<CatalogueEntry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    CatalogueEntry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            entry = {context, xml.readElementText(), {}, {}};
        } else if (xml.name() == QLatin1String("translation")) {
            entry.type = xml.attributes().value("type").toString();
            entry.translation = xml.readElementText();
            entries << entry;
        }
    }
    return xml.hasError() ? QList<CatalogueEntry>{} : entries;
}

QSet<QString> placeholders(const QString& text)
{
    QSet<QString> found;
    const QRegularExpression number(QStringLiteral("%\\d+"));
    for (auto it = number.globalMatch(text); it.hasNext();) {
        found.insert(it.next().captured());
    }
    return found;
}

bool waitIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

// Lets the posted LanguageChange events and the queued menu rebuild run.
bool switchTo(const QString& code, const QString& fileMenuTitle, MainWindow& window)
{
    setLanguage(code);
    return QTest::qWaitFor([&] {
        const QList<QAction*> menus = window.menuBar()->actions();
        return !menus.isEmpty() && menus.first()->text() == fileMenuTitle;
    });
}

QuantSpec asymmetric()
{
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    return spec;
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void catalogueIsComplete();
    void translationsKeepTheirPlaceholders();
    void tutorialTermsAreUsed();
    void languageFollowsSavedChoiceThenSystem();
    void windowRetranslatesAtRunTime();
    void coreMessagesFollowTheLanguage();
    void fileErrorsNameTheirKind();
    void languageMenuSwitchesAndRemembers();
    void reportsFollowTheLanguage();
    void commandLineLanguage();
};

void TestLanguage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
    saveLanguage({});
}

void TestLanguage::cleanup()
{
    setLanguage(QStringLiteral("en"));
    saveLanguage({});
}

void TestLanguage::catalogueIsComplete()
{
    // lupdate over the sources as they are now, into a copy of the shipped catalogue: a string
    // added without a translation comes out "unfinished", as does one left untranslated.
    test::ScratchDir dir;
    const QString copy = QString::fromStdString(dir.path("quantscope_zh_CN.ts"));
    QVERIFY(QFile::copy(QStringLiteral(QS_TS_PATH), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    const QString root = QStringLiteral(QS_SOURCE_DIR "/");
    QProcess lupdate;
    lupdate.start(QStringLiteral(QS_LUPDATE_PATH),
                  {root + "ui", root + "core", "-no-obsolete", "-locations", "none",
                   "-tr-function-alias", "QT_TRANSLATE_NOOP+=QS_TRANSLATABLE", "-ts", copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);

    const QList<CatalogueEntry> entries = readCatalogue(copy);
    QVERIFY(entries.size() > 400);
    QStringList untranslated;
    for (const CatalogueEntry& e : entries) {
        if (!e.type.isEmpty() || e.translation.trimmed().isEmpty()) {
            untranslated << e.context + QStringLiteral(": ") + e.source;
        }
    }
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("not translated (run the update_translations target and "
                                       "translate in resources/translations):\n") +
                        untranslated.join('\n')));
    // And the shipped file is that catalogue: nothing stale left in it.
    QCOMPARE(readCatalogue(QStringLiteral(QS_TS_PATH)).size(), entries.size());
}

void TestLanguage::translationsKeepTheirPlaceholders()
{
    QStringList broken;
    for (const CatalogueEntry& e : readCatalogue(QStringLiteral(QS_TS_PATH))) {
        if (placeholders(e.source) != placeholders(e.translation)) {
            broken << e.source;
        }
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join('\n')));
}

void TestLanguage::tutorialTermsAreUsed()
{
    QVERIFY(setLanguage(QStringLiteral("zh_CN")));
    QCOMPARE(currentLanguage(), QStringLiteral("zh_CN"));
    const auto zh = [](const char* context, const char* source) {
        return QCoreApplication::translate(context, source);
    };
    QCOMPARE(zh("qs::ui::SchemePanel", "General process (一般过程)"), QStringLiteral("一般过程"));
    QCOMPARE(zh("qs::ui::SchemePanel", "Symmetric (对称量化)"), QStringLiteral("对称量化"));
    QCOMPARE(zh("qs::ui::SchemePanel", "Asymmetric (非对称量化)"), QStringLiteral("非对称量化"));
    QCOMPARE(zh("qs::ui::HistogramPlot", "clipped (截断)"), QStringLiteral("截断"));
    QCOMPARE(zh("qs::ui::HistogramPlot", "zero point (零点)"), QStringLiteral("零点"));
    QVERIFY(zh("qs::ui::TransferPlot", "R′ = dequantize(quantize(R))").contains("反量化(量化(R))"));
    QVERIFY(zh("Report", "Scale").contains("缩放因子"));
    QVERIFY(zh("qs::ui::SweepPlots", "Scale").contains("缩放因子"));
    QCOMPARE(zh("qs::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
    // Qt's own dialogs come from Debian's Qt translations.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    QVERIFY(setLanguage(QStringLiteral("en")));
    QCOMPARE(zh("qs::ui::MainWindow", "&File"), QStringLiteral("&File"));
    QVERIFY(!setLanguage(QStringLiteral("fr")));
}

void TestLanguage::languageFollowsSavedChoiceThenSystem()
{
    saveLanguage({});
    QCOMPARE(preferredLanguage(), systemLanguage());
    saveLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(preferredLanguage(), QStringLiteral("zh_CN"));
    saveLanguage(QStringLiteral("en"));
    QCOMPARE(preferredLanguage(), QStringLiteral("en"));
}

void TestLanguage::windowRetranslatesAtRunTime()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, asymmetric());
    QVERIFY(waitIdle(window));
    window.showTab("walkthrough");
    window.showTab("sweeps");
    QVERIFY(waitIdle(window));
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    window.startLesson(3);
    QVERIFY(shown.wait(20000));
    QVERIFY(waitIdle(window));
    const SnapshotPtr before = window.snapshot();
    const QString derivation = window.walkthroughPanel()->derivation();
    auto* views = window.findChild<QTabWidget*>("views");
    auto* tables = window.findChild<QTabWidget*>("tables");
    auto* scheme = window.findChild<QComboBox*>("scheme");
    auto* metrics = window.findChild<QTableView*>("metricsTable");
    auto* histogram = window.findChild<QCustomPlot*>("histogram");
    auto* lessonTitle = window.findChild<QLabel*>("lessonTitle");
    QCOMPARE(views->tabText(0), QStringLiteral("Quantizer"));
    QCOMPARE(scheme->currentText(), QStringLiteral("Asymmetric (非对称量化)"));
    QCOMPARE(histogram->xAxis->label(), QStringLiteral("value R"));

    QVERIFY(switchTo(QStringLiteral("zh_CN"), QStringLiteral("文件(&F)"), window));
    QCOMPARE(views->tabText(0), QStringLiteral("量化器"));
    QCOMPARE(views->tabText(2), QStringLiteral("扫描"));
    QCOMPARE(tables->tabText(2), QStringLiteral("逐步计算"));
    QCOMPARE(scheme->currentText(), QStringLiteral("非对称量化"));
    QCOMPARE(histogram->xAxis->label(), QStringLiteral("数值 R"));
    QCOMPARE(metrics->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("指标"));
    QVERIFY(lessonTitle->text().startsWith(QStringLiteral("第 3 课")));
    QCOMPARE(window.findChild<QGroupBox*>("lessonTryThis")->title(), QStringLiteral("试一试"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("QuantScope")));
    const QStringList menuTitles = [&] {
        QStringList titles;
        for (QAction* action : window.menuBar()->actions()) {
            titles << action->text();
        }
        return titles;
    }();
    QCOMPARE(menuTitles, (QStringList{"文件(&F)", "数据(&D)", "方案(&S)", "视图(&V)", "帮助(&H)"}));

    // Nothing was computed again and nothing moved: same results, tabs, scheme and lesson.
    QVERIFY(window.snapshot() == before);
    QCOMPARE(window.walkthroughPanel()->derivation(), derivation);
    QCOMPARE(window.currentViewName(), QStringLiteral("quantizer"));
    QCOMPARE(window.currentTableName(), QStringLiteral("walkthrough"));
    QCOMPARE(window.spec(), asymmetric());
    QCOMPARE(window.lessonGuide()->current(), 3);
    QVERIFY(window.lessonGuide()->highlighted() != nullptr);

    QVERIFY(switchTo(QStringLiteral("en"), QStringLiteral("&File"), window));
    QCOMPARE(views->tabText(0), QStringLiteral("Quantizer"));
    QCOMPARE(scheme->currentText(), QStringLiteral("Asymmetric (非对称量化)"));
    QCOMPARE(histogram->xAxis->label(), QStringLiteral("value R"));
    QVERIFY(lessonTitle->text().startsWith(QStringLiteral("Lesson 3 of 10")));
}

void TestLanguage::coreMessagesFollowTheLanguage()
{
    // The tutorial's outlier under symmetric int8, as one group of all 1001 values: the outlier
    // warns of the zero code, and the clip sweep refuses grouped grids.
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    spec.granularity = Granularity::Group;
    spec.groupSize = 1001;
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, spec);
    window.showTab("sweeps");
    QVERIFY(waitIdle(window));
    QVERIFY(QTest::qWaitFor([&] { return window.sweepsPanel()->hasResults(); }, 60000));
    auto* warnings = window.findChild<QLabel*>("warnings");
    const auto sweepMessage = [&] {
        QCustomPlot* clip = window.sweepsPanel()->plots()->clipPlot();
        for (int i = 0; i < clip->itemCount(); ++i) {
            if (auto* text = qobject_cast<QCPItemText*>(clip->item(i))) {
                return text->property("message").toString(); // as given, before wrapping
            }
        }
        return QString();
    };
    QVERIFY(warnings->text().contains("of the non-zero values quantize to the zero code"));
    QVERIFY(sweepMessage().contains("it needs per-tensor granularity, not group"));
    QVERIFY(window.modelPanel()->statusText().startsWith("The Model view analyses"));

    QVERIFY(switchTo(QStringLiteral("zh_CN"), QStringLiteral("文件(&F)"), window));
    QVERIFY2(warnings->text().contains("的非零值被量化到零码"), qPrintable(warnings->text()));
    QVERIFY2(sweepMessage().contains("它需要逐张量的粒度，而不是 group"),
             qPrintable(sweepMessage()));
    QVERIFY(window.modelPanel()->statusText().startsWith("“模型”视图"));
    // The numbers inside the messages are the same.
    QVERIFY(warnings->text().contains("39.4%"));
}

void TestLanguage::fileErrorsNameTheirKind()
{
    Error error;
    error.code = ErrorCode::BadMagic;
    error.message = "not an .npy file";
    error.file = "x.npy";
    error.offset = 0;
    // English: exactly the command line's line.
    QCOMPARE(errorText(error), QString::fromStdString(error.describe()));
    QVERIFY(setLanguage(QStringLiteral("zh_CN")));
    QCOMPARE(errorText(error),
             QStringLiteral("x.npy: 不是该格式的文件 — not an .npy file（位于第 0 字节）"));

    // A file that is not what its name says, opened in the Chinese window.
    test::ScratchDir dir;
    const std::string path = dir.path("x.npy");
    {
        std::ofstream out(path, std::ios::binary);
        out << "this is no array";
    }
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, asymmetric());
    QVERIFY(waitIdle(window));
    window.openFile(QString::fromStdString(path));
    QVERIFY(QTest::qWaitFor([&] { return window.findChild<QMessageBox*>("errorDialog"); }));
    const QString shown = window.findChild<QMessageBox*>("errorDialog")->text();
    QVERIFY2(shown.contains(QString::fromStdString(path)) && shown.contains("不是该格式的文件"),
             qPrintable(shown));
    QCOMPARE(QString::fromStdString(window.snapshot()->data->loaded.tensor.name),
             QStringLiteral("tutorial-3")); // nothing lost
}

void TestLanguage::languageMenuSwitchesAndRemembers()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, asymmetric());
    QVERIFY(waitIdle(window));
    auto* menu = window.findChild<QMenu*>("languageMenu");
    QVERIFY(menu != nullptr);
    QAction* chinese = nullptr;
    for (QAction* action : menu->actions()) {
        if (action->data().toString() == QLatin1String("zh_CN")) {
            chinese = action;
        }
    }
    QVERIFY(chinese != nullptr);
    chinese->trigger();
    QCOMPARE(savedLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(currentLanguage(), QStringLiteral("zh_CN"));
    QVERIFY(QTest::qWaitFor(
        [&] { return window.menuBar()->actions().first()->text() == QStringLiteral("文件(&F)"); }));
    // The rebuilt menu ticks the choice.
    menu = window.findChild<QMenu*>("languageMenu");
    for (QAction* action : menu->actions()) {
        if (action->isCheckable()) {
            QCOMPARE(action->isChecked(), action->data().toString() == QLatin1String("zh_CN"));
        }
    }
}

void TestLanguage::reportsFollowTheLanguage()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, asymmetric());
    QVERIFY(waitIdle(window));
    test::ScratchDir dir;
    const auto write = [&](const char* name, ReportFormat format) {
        const QString path = QString::fromStdString(dir.path(name));
        ReportOptions options;
        options.format = format;
        const QString error = exportTensorReport(window.snapshot(), path, options);
        return error.isEmpty() ? test::readFileBytes(path).toStdString() : std::string();
    };
    const std::string englishHtml = write("en.html", ReportFormat::Html);
    const std::string englishJson = write("en.json", ReportFormat::Json);
    const std::string englishMd = write("en.md", ReportFormat::Markdown);
    QVERIFY(switchTo(QStringLiteral("zh_CN"), QStringLiteral("文件(&F)"), window));
    const std::string chineseHtml = write("zh.html", ReportFormat::Html);
    const std::string chineseJson = write("zh.json", ReportFormat::Json);
    const std::string chineseMd = write("zh.md", ReportFormat::Markdown);

    QVERIFY(englishHtml.find("<html lang=\"en\">") != std::string::npos);
    QVERIFY(englishHtml.find("<h2>Formulas</h2>") != std::string::npos);
    QVERIFY(chineseHtml.find("<html lang=\"zh-CN\">") != std::string::npos);
    QVERIFY(chineseHtml.find("<h2>公式</h2>") != std::string::npos);
    QVERIFY(chineseHtml.find("<h2>误差与三种方案</h2>") != std::string::npos);
    QVERIFY(chineseHtml.find("<th>Z（零点）</th><td>-16</td>") != std::string::npos);
    QVERIFY(englishHtml.find("<th>Z (zero point)</th><td>-16</td>") != std::string::npos);
    QVERIFY(chineseMd.find("## 逐步计算") != std::string::npos);
    QVERIFY(chineseHtml.find("<td>内置数据 tutorial-3</td>") != std::string::npos);
    // The machine-read JSON is the same in both languages, numbers included.
    QVERIFY(!englishJson.empty());
    QCOMPARE(chineseJson, englishJson);
    // Every number of the English page is in the Chinese one, written the same way.
    const QRegularExpression numberPattern(QStringLiteral("-?\\d+\\.\\d+(e-?\\d+)?"));
    const QString zhHtml = QString::fromStdString(chineseHtml);
    for (auto it = numberPattern.globalMatch(QString::fromStdString(englishMd)); it.hasNext();) {
        const QString number = it.next().captured();
        QVERIFY2(zhHtml.contains(number) || QString::fromStdString(chineseMd).contains(number),
                 qPrintable(number));
    }
}

void TestLanguage::commandLineLanguage()
{
    test::ScratchDir dir;
    const QString png = QString::fromStdString(dir.path("zh.png"));
    QProcess gui;
    gui.start(test::guiPath(), {"--lang", "zh_CN", "--lesson", "2", "--screenshot", png});
    QVERIFY(gui.waitForFinished(120000));
    QCOMPARE(gui.exitCode(), 0);
    QVERIFY(!QImage(png).isNull());

    QProcess bad;
    bad.start(test::guiPath(), {"--lang", "fr"});
    QVERIFY(bad.waitForFinished(30000));
    QVERIFY(bad.exitCode() != 0);
    QVERIFY(bad.readAllStandardError().contains("--lang"));

    const QString html = QString::fromStdString(dir.path("zh.html"));
    QProcess cli;
    cli.start(test::cliPath(), {"report", "--preset-data", "tutorial-3", "--scheme", "asymmetric",
                                "--lang", "zh_CN", "--out", html});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    const std::string page = test::readFileBytes(html).toStdString();
    QVERIFY(page.find("<h2>公式</h2>") != std::string::npos);
    QVERIFY(page.find("QuantScope 报告：tutorial-3") != std::string::npos);
}

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
