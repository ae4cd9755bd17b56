// The progress line of the long commands: its bytes, and the commands with and without a
// terminal (a pseudo-terminal from util-linux's `script`).

#include "common/terminal_progress.h"
#include "support/cli_run.h"
#include "support/model_files.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace qs;
using qs::cli::TerminalProgress;

namespace {

// Everything written to `file` so far.
QByteArray contents(std::FILE* file)
{
    std::fflush(file);
    std::rewind(file);
    QByteArray bytes;
    char buffer[256];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, file)) {
        bytes.append(buffer, static_cast<qsizetype>(n));
    }
    return bytes;
}

using FilePtr = std::unique_ptr<std::FILE, decltype(&std::fclose)>;
FilePtr scratchFile()
{
    return FilePtr(std::tmpfile(), &std::fclose);
}

// What a terminal shows after `bytes`: each line as the carriage returns left it (a character
// written after "\r" replaces the one in its column), trailing blanks dropped.
QStringList visibleLines(const QByteArray& bytes)
{
    QStringList lines;
    for (const QString& written : QString::fromUtf8(bytes).split('\n')) {
        QString shown;
        qsizetype column = 0;
        for (const QChar c : written) {
            if (c == '\r') {
                column = 0;
                continue;
            }
            if (column < shown.size()) {
                shown[column] = c;
            } else {
                shown.append(c);
            }
            ++column;
        }
        while (shown.endsWith(' ')) {
            shown.chop(1);
        }
        lines.append(shown);
    }
    while (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

QString shellQuoted(const QString& word)
{
    QString quoted = word;
    quoted.replace('\'', QStringLiteral("'\\''"));
    return '\'' + quoted + '\'';
}

// quantscope-cli with stdout and stderr on a pseudo-terminal; returns what the terminal received.
QByteArray runOnTerminal(const QStringList& arguments, int* exitCode)
{
    QString command = shellQuoted(test::cliPath());
    for (const QString& argument : arguments) {
        command += ' ' + shellQuoted(argument);
    }
    QProcess process;
    process.start(QStringLiteral("script"), {"-qec", command, "/dev/null"});
    if (!process.waitForFinished(120000)) {
        process.kill();
        *exitCode = -1;
        return {};
    }
    *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

// A safetensors file of three float32 tensors.
std::string threeTensorModel(test::ScratchDir& dir)
{
    const QByteArray header = R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                              R"("b":{"dtype":"F32","shape":[2,2],"data_offsets":[16,32]},)"
                              R"("c":{"dtype":"F32","shape":[4],"data_offsets":[32,48]}})";
    const QByteArray data = test::floatBytes(
        {0.5f, -1.25f, 2.0f, 0.125f, 3.0f, -0.75f, 0.25f, 1.5f, -2.5f, 0.0f, 1.0f, 4.0f});
    return dir.write(QStringLiteral("three.safetensors"), test::safetensorsBytes(header, data));
}

} // namespace

class TestTerminalProgress : public QObject
{
    Q_OBJECT

private slots:
    void countDrawsOneLine();
    void sameTextIsNotDrawnAgain();
    void shorterTextBlanksTheRest();
    void fractionInWholePercent_data();
    void fractionInWholePercent();
    void clearErasesTheLine();
    void disabledWritesNothing();
    void commandsWithoutTerminalPrintNoProgress_data();
    void commandsWithoutTerminalPrintNoProgress();
    void commandsOnTerminalShowProgress_data();
    void commandsOnTerminalShowProgress();
    void benchRowsStayClear();
};

void TestTerminalProgress::countDrawsOneLine()
{
    const FilePtr file = scratchFile();
    TerminalProgress progress("model", file.get(), true);
    progress.count(12, 96, "tensors");
    QCOMPARE(contents(file.get()), QByteArray("\r model: 12/96 tensors"));
}

void TestTerminalProgress::sameTextIsNotDrawnAgain()
{
    const FilePtr file = scratchFile();
    TerminalProgress progress("sweep", file.get(), true);
    progress.fraction(0.421);
    progress.fraction(0.428); // still 42%
    progress.fraction(0.43);
    QCOMPARE(contents(file.get()), QByteArray("\r sweep: 42%\r sweep: 43%"));
}

void TestTerminalProgress::shorterTextBlanksTheRest()
{
    const FilePtr file = scratchFile();
    TerminalProgress progress("report", file.get(), true);
    progress.message("writing out.html"); // " report: writing out.html": 25 characters
    progress.fraction(0.05, "analysing"); // " report: analysing 5%": 21, so 4 blanks
    QCOMPARE(contents(file.get()),
             QByteArray("\r report: writing out.html\r report: analysing 5%    \r report: "
                        "analysing 5%"));
}

void TestTerminalProgress::fractionInWholePercent_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("zero") << 0.0 << QByteArray("\r compare: 0%");
    QTest::newRow("rounded down") << 0.999 << QByteArray("\r compare: 99%");
    QTest::newRow("done") << 1.0 << QByteArray("\r compare: 100%");
    QTest::newRow("past the end") << 1.5 << QByteArray("\r compare: 100%");
    QTest::newRow("negative") << -0.25 << QByteArray("\r compare: 0%");
    QTest::newRow("NaN") << std::nan("") << QByteArray("\r compare: 0%");
}

void TestTerminalProgress::fractionInWholePercent()
{
    QFETCH(double, fraction);
    QFETCH(QByteArray, shown);
    const FilePtr file = scratchFile();
    TerminalProgress progress("compare", file.get(), true);
    QVERIFY(progress.fractionFn()(fraction)); // never cancels
    QCOMPARE(contents(file.get()), shown);
}

void TestTerminalProgress::clearErasesTheLine()
{
    const FilePtr file = scratchFile();
    {
        TerminalProgress progress("bench", file.get(), true);
        progress.clear(); // nothing drawn: nothing to erase
        QCOMPARE(contents(file.get()), QByteArray());
        progress.count(1, 8, "steps"); // " bench: 1/8 steps": 17 characters
        progress.clear();
        QCOMPARE(contents(file.get()), QByteArray("\r bench: 1/8 steps\r                 \r"));
        progress.count(1, 8, "steps"); // drawn again after a clear
    } // and erased when it ends
    QCOMPARE(contents(file.get()), QByteArray("\r bench: 1/8 steps\r                 \r"
                                              "\r bench: 1/8 steps\r                 \r"));
}

void TestTerminalProgress::disabledWritesNothing()
{
    const FilePtr file = scratchFile();
    {
        TerminalProgress progress("model", file.get(), false);
        QVERIFY(!progress.enabled());
        progress.count(1, 2, "tensors");
        progress.fraction(0.5);
        progress.message("writing x.html");
        progress.clear();
    }
    QCOMPARE(contents(file.get()), QByteArray());
}

void TestTerminalProgress::commandsWithoutTerminalPrintNoProgress_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("model") << QStringList{"model", "MODEL"};
    QTest::newRow("model --out") << QStringList{"model", "MODEL", "--out", "OUT/model.json"};
    QTest::newRow("report") << QStringList{"report", "--preset-data", "tutorial-3", "-o",
                                           "OUT/report.html"};
    QTest::newRow("sweep") << QStringList{"sweep", "--param", "clip", "--preset-data",
                                          "tutorial-outlier"};
    QTest::newRow("compare") << QStringList{"compare", "--preset-data", "tutorial-outlier"};
    QTest::newRow("bench") << QStringList{"bench", "--sizes", "1K", "--repeat", "1"};
    QTest::newRow("plot") << QStringList{"plot", "--preset-data", "tutorial-3", "-o",
                                         "OUT/histogram.svg"};
}

// Piped, as scripts and these tests run it, stderr stays empty: the progress line is for people.
void TestTerminalProgress::commandsWithoutTerminalPrintNoProgress()
{
    QFETCH(QStringList, arguments);
    test::ScratchDir dir;
    const QString model = QString::fromStdString(threeTensorModel(dir));
    const QString out = QString::fromStdString(dir.path(QString())) + '/';
    for (QString& argument : arguments) {
        argument.replace("MODEL", model).replace("OUT/", out);
    }
    const test::CliRun run = test::runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QVERIFY(!run.out.contains('\r'));
}

void TestTerminalProgress::commandsOnTerminalShowProgress_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("lines"); // regular expressions, each found in the output
    QTest::newRow("model") << QStringList{"model", "MODEL"}
                           << QStringList{"^\\r model: 0/3 tensors", "\\r model: 3/3 tensors\\r"};
    QTest::newRow("report") << QStringList{"report", "--preset-data", "tutorial-3", "-o",
                                           "OUT/report.html"}
                            << QStringList{"\\r report: analysing \\d+%",
                                           "\\r report: writing report\\.html"};
    QTest::newRow("sweep") << QStringList{"sweep", "--param", "clip", "--preset-data",
                                          "tutorial-outlier"}
                           << QStringList{"\\r sweep: \\d+%"};
    QTest::newRow("compare") << QStringList{"compare", "--preset-data", "tutorial-outlier"}
                             << QStringList{"\\r compare: \\d+%"};
}

// On a terminal the line is drawn, and gone before the output: what the terminal finally shows
// is what the command prints when piped.
void TestTerminalProgress::commandsOnTerminalShowProgress()
{
    if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty()) {
        QFAIL("util-linux's script is needed for a pseudo-terminal");
    }
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, lines);
    test::ScratchDir dir;
    const QString model = QString::fromStdString(threeTensorModel(dir));
    const QString out = QString::fromStdString(dir.path(QString())) + '/';
    for (QString& argument : arguments) {
        argument.replace("MODEL", model).replace("OUT/", out);
    }
    int exitCode = -1;
    const QByteArray terminal = runOnTerminal(arguments, &exitCode);
    QCOMPARE(exitCode, 0);
    for (const QString& line : lines) {
        QVERIFY2(QRegularExpression(line).match(QString::fromUtf8(terminal)).hasMatch(),
                 qPrintable(line + " not in " + QString::fromUtf8(terminal.toPercentEncoding())));
    }
    const test::CliRun piped = test::runCli(arguments);
    QCOMPARE(piped.exitCode, 0);
    QCOMPARE(visibleLines(terminal), visibleLines(piped.out.toUtf8()));
}

// bench prints its table while it runs: the line is erased before each row and drawn again after.
void TestTerminalProgress::benchRowsStayClear()
{
    int exitCode = -1;
    const QByteArray terminal =
        runOnTerminal({"bench", "--sizes", "1K", "--repeat", "1"}, &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY(terminal.contains("\r bench: 0/8 steps"));
    QVERIFY(terminal.contains("\r bench: 7/8 steps"));
    const QStringList shown = visibleLines(terminal);
    QCOMPARE(shown.size(), 2 + 8); // two heading lines, then one row per stage
    for (const QString& line : shown) {
        QVERIFY2(!line.contains("steps"), qPrintable(line));
    }
    QVERIFY(shown.last().startsWith("1K "));
}

QTEST_GUILESS_MAIN(TestTerminalProgress)
#include "tst_terminal_progress.moc"
