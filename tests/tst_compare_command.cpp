// quantscope-cli compare as a script sees it: the JSON and CSV contract, every row reproduced by
// `analyze` with the options the row names, and one-line errors.

#include "support/cli_run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

using namespace qs;
using test::runCli;

namespace {

const QStringList kTensor{"--generate", "laplace", "--shape", "24,96", "--seed", "4"};

QJsonObject jsonOf(const test::CliRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCompareCommand : public QObject
{
    Q_OBJECT

private slots:
    void jsonFollowsTheContract();
    void everyRowIsWhatAnalyzeSays_data();
    void everyRowIsWhatAnalyzeSays();
    void csvAndTextSayTheSame();
    void acrossOneSettingIsWhatAnalyzeSays_data();
    void acrossOneSettingIsWhatAnalyzeSays();
    void acrossGranularitiesOfAVector();
    void badInputGivesOneErrorLine_data();
    void badInputGivesOneErrorLine();
};

void TestCompareCommand::jsonFollowsTheContract()
{
    const test::CliRun run = runCli(QStringList{"compare", "--json"} + kTensor);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = jsonOf(run);
    QCOMPARE(out.keys(), (QStringList{"rows", "tensor", "warnings"}));
    QCOMPARE(out["tensor"].toObject()["count"].toInt(), 24 * 96);
    const QJsonArray rows = out["rows"].toArray();
    QCOMPARE(rows.size(), 12); // the 4-bit class
    QStringList keys = rows[0].toObject().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{"analyze", "bits_per_value", "format", "max_abs_error", "mse",
                                "pareto", "saturated", "sqnr_db", "zero_code_fraction"}));
    double previous = 1e300;
    QStringList formats;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        QVERIFY(row["sqnr_db"].toDouble() <= previous);
        previous = row["sqnr_db"].toDouble();
        formats << row["format"].toString();
    }
    formats.sort();
    QCOMPARE(formats,
             (QStringList{"bnb-fp4", "fp4-e2m1-g32", "int4-channel-fp16", "int4-g128-asym-fp16",
                          "int4-g128-sym-fp16", "int4-g32-asym-fp16", "int4-g32-sym-fp16",
                          "int4-g64-asym-fp16", "int4-g64-sym-fp16", "mxfp4", "nf4", "nvfp4"}));

    const test::CliRun eight =
        runCli(QStringList{"compare", "--json", "--bits-class", "8"} + kTensor);
    QCOMPARE(eight.exitCode, 0);
    QCOMPARE(jsonOf(eight)["rows"].toArray().size(), 8);
}

void TestCompareCommand::everyRowIsWhatAnalyzeSays_data()
{
    QTest::addColumn<QString>("bitsClass");
    QTest::newRow("4-bit class") << "4";
    QTest::newRow("8-bit class") << "8";
}

void TestCompareCommand::everyRowIsWhatAnalyzeSays()
{
    QFETCH(QString, bitsClass);
    const test::CliRun run = runCli(
        QStringList{"compare", "--json", "--threads", "1", "--bits-class", bitsClass} + kTensor);
    QCOMPARE(run.exitCode, 0);
    for (const QJsonValue& value : jsonOf(run)["rows"].toArray()) {
        const QJsonObject row = value.toObject();
        const QStringList options = row["analyze"].toString().split(' ', Qt::SkipEmptyParts);
        QVERIFY(!options.isEmpty());
        const test::CliRun analyze =
            runCli(QStringList{"analyze", "--json", "--threads", "1"} + kTensor + options);
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));
        const QJsonObject a = jsonOf(analyze);
        const QJsonObject metrics = a["metrics"].toObject();
        const QString name = row["format"].toString();
        QVERIFY2(row["sqnr_db"] == metrics["sqnr_db"], qPrintable(name));
        QVERIFY2(row["mse"] == metrics["mse"], qPrintable(name));
        QVERIFY2(row["max_abs_error"] == metrics["max_abs_error"], qPrintable(name));
        QVERIFY2(row["zero_code_fraction"] == metrics["zero_code_fraction"], qPrintable(name));
        QCOMPARE(row["saturated"].toInteger(),
                 metrics["clipped_below"].toInteger() + metrics["clipped_above"].toInteger());
        QVERIFY2(row["bits_per_value"] == a["format"].toObject()["bits_per_value"],
                 qPrintable(name));
    }
}

void TestCompareCommand::csvAndTextSayTheSame()
{
    const QStringList formats{"--formats", "nf4-b128,int4-g64-asym-fp16,mxfp4"};
    const test::CliRun csv = runCli(QStringList{"compare", "--csv"} + formats + kTensor);
    QCOMPARE(csv.exitCode, 0);
    const QStringList lines = csv.out.split("\r\n", Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("format,bits_per_value,sqnr_db,mse,max_abs_error,"
                               "zero_code_fraction,saturated,pareto,analyze"));
    const test::CliRun json = runCli(QStringList{"compare", "--json"} + formats + kTensor);
    const QJsonArray rows = jsonOf(json)["rows"].toArray();
    const test::CliRun text = runCli(QStringList{"compare"} + formats + kTensor);
    QCOMPARE(text.exitCode, 0);
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonObject row = rows[r].toObject();
        const QStringList cells = lines[r + 1].split(',');
        QCOMPARE(cells[0], row["format"].toString());
        // CSV cells have nine significant digits (csv_fields.h).
        QVERIFY(qAbs(cells[2].toDouble() - row["sqnr_db"].toDouble()) <=
                1e-8 * qAbs(row["sqnr_db"].toDouble()));
        QCOMPARE(cells[6].toLongLong(), row["saturated"].toInteger());
        QCOMPARE(cells[8], row["analyze"].toString());
        // The text table: one line per row whose columns stand apart (a name, an optional
        // Pareto star, then the seven numbers).
        const QStringList textLines = text.out.split('\n');
        const auto line = std::ranges::find_if(textLines, [&](const QString& l) {
            return l.startsWith(row["format"].toString() + ' ');
        });
        QVERIFY(line != textLines.end());
        QStringList fields = line->split(' ', Qt::SkipEmptyParts);
        fields.removeAll(QStringLiteral("*"));
        QCOMPARE(fields.size(), 7);
        QCOMPARE(fields[2], QString::number(row["sqnr_db"].toDouble(), 'f', 2));
        QVERIFY(qAbs(fields[3].toDouble() - row["mse"].toDouble()) <= 1e-5 * row["mse"].toDouble());
        QCOMPARE(fields[6].toLongLong(), row["saturated"].toInteger());
    }
}

// --across: every column is the analysis of the spec with that one setting changed, as
// `analyze --json` with the same options computes it on its own.
void TestCompareCommand::acrossOneSettingIsWhatAnalyzeSays_data()
{
    QTest::addColumn<QString>("across");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("values"); // the analyze options of each column
    QTest::newRow("schemes") << "schemes" << QStringList{"general", "symmetric", "asymmetric"}
                             << "--scheme" << QStringList{"general", "symmetric", "asymmetric"};
    QTest::newRow("calibrations") << "calibrations"
                                  << QStringList{"minmax", "percentile", "mse",
                                                 "kl",     "aciq-gauss", "aciq-laplace"}
                                  << "--calibration"
                                  << QStringList{"minmax", "percentile", "mse",
                                                 "kl",     "aciq-gauss", "aciq-laplace"};
    QTest::newRow("granularities")
        << "granularities" << QStringList{"tensor", "channel (axis 0)", "group of 32"}
        << "--granularity" << QStringList{"tensor", "channel", "group"};
}

void TestCompareCommand::acrossOneSettingIsWhatAnalyzeSays()
{
    QFETCH(QString, across);
    QFETCH(QStringList, settings);
    QFETCH(QString, option);
    QFETCH(QStringList, values);
    const QStringList kept{"--bits", "6", "--scheme", "asymmetric"}; // the rest, as set
    QStringList options = kept;
    if (option == "--scheme") {
        options = QStringList{"--bits", "6"};
    }
    const test::CliRun run =
        runCli(QStringList{"compare", "--json", "--across", across} + options + kTensor);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = jsonOf(run);
    QCOMPARE(out["across"].toString(), across);
    QCOMPARE(out.keys(), (QStringList{"across", "columns", "tensor", "warnings"}));
    const QJsonArray columns = out["columns"].toArray();
    QCOMPARE(columns.size(), settings.size());
    int current = 0;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QJsonObject column = columns[i].toObject();
        QCOMPARE(column["setting"].toString(), settings[i]);
        current += column["current"].toBool() ? 1 : 0;
        QStringList analyze = QStringList{"analyze", "--json"} + options + kTensor;
        analyze += {option, values[i]};
        const QJsonObject alone = jsonOf(runCli(analyze));
        QCOMPARE(column["metrics"].toObject()["sqnr_db"].toDouble(),
                 alone["metrics"].toObject()["sqnr_db"].toDouble());
        QCOMPARE(column["metrics"].toObject()["codes_used"].toInt(),
                 alone["metrics"].toObject()["codes_used"].toInt());
        QCOMPARE(column["scheme"].toObject()["bits"].toInt(), 6); // the rest as set
    }
    QCOMPARE(current, 1);
}

// A setting that does not apply is a column with its reason; the others still run.
void TestCompareCommand::acrossGranularitiesOfAVector()
{
    const test::CliRun run = runCli(
        {"compare", "--across", "granularities", "--json", "--preset-data", "tutorial-outlier"});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray columns = jsonOf(run)["columns"].toArray();
    QCOMPARE(columns.size(), 3);
    QVERIFY(columns[1].toObject()["metrics"].isNull());
    QCOMPARE(columns[1].toObject()["error"].toString(), QString("a 1-D tensor has no channels"));
    QVERIFY(columns[2].toObject()["metrics"].toObject()["sqnr_db"].toDouble() >
            columns[0].toObject()["metrics"].toObject()["sqnr_db"].toDouble() + 15);
    const test::CliRun text =
        runCli({"compare", "--across", "granularities", "--preset-data", "tutorial-outlier"});
    QVERIFY(text.out.contains("tensor *"));
    QVERIFY(text.out.contains("a 1-D tensor has no channels"));
    const test::CliRun csv = runCli(
        {"compare", "--across", "granularities", "--csv", "--preset-data", "tutorial-outlier"});
    QCOMPARE(csv.out.split("\r\n", Qt::SkipEmptyParts).size(), 4);
}

void TestCompareCommand::badInputGivesOneErrorLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown format") << QStringList{"--formats", "nf4,fp5"} << "'fp5'";
    QTest::newRow("bad modifier") << QStringList{"--formats", "mxfp4-g64"} << "blocks of its own";
    QTest::newRow("listed twice") << QStringList{"--formats", "nf4,nf4"} << "twice";
    QTest::newRow("bits class") << QStringList{"--bits-class", "6"} << "--bits-class";
    QTest::newRow("both lists") << QStringList{"--bits-class", "8", "--formats", "nf4"}
                                << "excludes";
    QTest::newRow("json and csv") << QStringList{"--json", "--csv"} << "excludes";
    QTest::newRow("missing file") << QStringList{"--input", "no-such-file.npy"}
                                  << "no-such-file.npy";
    QTest::newRow("across what") << QStringList{"--across", "roundings"} << "--across";
    QTest::newRow("formats across schemes")
        << QStringList{"--across", "schemes", "--formats", "nf4"} << "--across formats";
    QTest::newRow("scheme options across formats")
        << QStringList{"--bits", "4"} << "scheme options apply with --across";
    QTest::newRow("a bad scheme across calibrations")
        << QStringList{"--across", "calibrations", "--percentile", "99"}
        << "--calibration percentile";
}

void TestCompareCommand::badInputGivesOneErrorLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    if (!arguments.contains("--input")) {
        arguments += kTensor;
    }
    const test::CliRun run = runCli(QStringList{"compare"} + arguments);
    QVERIFY(run.exitCode != 0);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = run.err.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith("error: "), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(mentions), qPrintable(lines[0]));
}

QTEST_GUILESS_MAIN(TestCompareCommand)
#include "tst_compare_command.moc"
