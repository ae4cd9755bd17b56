// quantscope-cli mitigate and activations as a script sees them: the JSON contract, the
// transforms' effect at the product, the decomposition's channels against the generator's, the
// auto α against its own scan, and one-line errors with the right exit codes.

#include "support/cli_run.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

using namespace qs;
using test::runCli;

namespace {

QJsonObject jsonOf(const test::CliRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestMitigateCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonFollowsTheContract();
    void smoothingAndRotationRaiseTheOutputSqnr();
    void decompositionKeepsTheGeneratedOutlierChannels();
    void autoAlphaIsTheBestOfItsScan();
    void syntheticActivationsFollowTheWeight();
    void textNamesTheTransforms();
    void badInputGivesOneErrorLine_data();
    void badInputGivesOneErrorLine();

private:
    test::ScratchDir m_dir;
    QString m_weight;
    QString m_activations;
    QString m_narrow;
    QString m_vector;
};

void TestMitigateCommand::initTestCase()
{
    m_weight = QString::fromStdString(m_dir.path("w.npy"));
    m_activations = QString::fromStdString(m_dir.path("x.npy"));
    m_narrow = QString::fromStdString(m_dir.path("x_narrow.npy"));
    m_vector = QString::fromStdString(m_dir.path("bias.npy"));
    QCOMPARE(runCli({"generate", "--generate", "normal", "--std", "0.05", "--shape", "32,128",
                     "--seed", "3", "--out", m_weight})
                 .exitCode,
             0);
    const auto made =
        runCli({"activations", "--tokens", "48", "--features", "128", "--outlier-channels", "3",
                "--outlier-scale", "40", "--seed", "5", "--out", m_activations});
    QCOMPARE(made.exitCode, 0);
    QVERIFY(made.out.contains("outlier channels: "));
    QCOMPARE(
        runCli({"activations", "--tokens", "4", "--features", "100", "--out", m_narrow}).exitCode,
        0);
    QCOMPARE(
        runCli({"generate", "--generate", "normal", "--shape", "128", "--out", m_vector}).exitCode,
        0);
}

void TestMitigateCommand::jsonFollowsTheContract()
{
    const auto run = runCli({"mitigate", "--weight", m_weight, "--activations", m_activations,
                             "--smooth-alpha", "0.5", "--rotate", "hadamard", "--rotation-seed",
                             "2", "--int8-threshold", "20", "--json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = jsonOf(run);
    QCOMPARE(o.keys().size(), 8);
    for (const char* key : {"weight", "activations", "before", "after", "smooth", "rotation",
                            "int8_decomposition", "warnings"}) {
        QVERIFY2(o.contains(key), key);
    }
    for (const char* side : {"before", "after"}) {
        const QJsonObject m = o[side].toObject();
        for (const char* key : {"output_sqnr_db", "weight_sqnr_db", "activation_sqnr_db",
                                "weight_kurtosis", "activation_kurtosis"}) {
            QVERIFY2(m[key].isDouble(), key);
        }
        QCOMPARE(m["output_channel_sqnr_db"].toArray().size(), 32);
        QCOMPARE(m["activation_channel_abs_max"].toArray().size(), 128);
    }
    QCOMPARE(o["weight"]["matrix"].toArray(), (QJsonArray{32, 128}));
    QCOMPARE(o["weight"]["format"].toString(), QString("int8-channel"));
    QCOMPARE(o["activations"]["source"].toString(), QString("file"));
    QCOMPARE(o["activations"]["format"].toString(), QString("int8-tensor"));
    QCOMPARE(o["smooth"]["alpha"].toDouble(), 0.5);
    QCOMPARE(o["smooth"]["scales"].toArray().size(), 128);
    QCOMPARE(o["smooth"]["auto"].toBool(), false);
    QVERIFY(o["smooth"]["alpha_scan"].isNull());
    QCOMPARE(o["rotation"]["kind"].toString(), QString("hadamard"));
    QCOMPARE(o["rotation"]["seed"].toInt(), 2);
    QCOMPARE(o["rotation"]["block"].toInt(), 128);
    QCOMPARE(o["rotation"]["block_diagonal"].toBool(), false);
    QVERIFY(o["int8_decomposition"]["float16_channels"].isArray());

    // Without transforms every transform's object is null and after is before.
    const QJsonObject plain = jsonOf(
        runCli({"mitigate", "--weight", m_weight, "--activations", m_activations, "--json"}));
    QVERIFY(plain["smooth"].isNull());
    QVERIFY(plain["rotation"].isNull());
    QVERIFY(plain["int8_decomposition"].isNull());
    QCOMPARE(plain["after"].toObject(), plain["before"].toObject());
}

void TestMitigateCommand::smoothingAndRotationRaiseTheOutputSqnr()
{
    for (const QStringList& transform :
         {QStringList{"--smooth-alpha", "0.5"}, QStringList{"--rotate", "hadamard"}}) {
        const auto run = runCli(QStringList{"mitigate", "--weight", m_weight, "--activations",
                                            m_activations, "--json"} +
                                transform);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = jsonOf(run);
        const double before = o["before"]["output_sqnr_db"].toDouble();
        const double after = o["after"]["output_sqnr_db"].toDouble();
        QVERIFY2(after > before + 6,
                 qPrintable(transform.join(' ') + QString(": %1 → %2").arg(before).arg(after)));
        // The outlier channels no longer set the activations' scale: kurtosis falls.
        QVERIFY(o["after"]["activation_kurtosis"].toDouble() <
                o["before"]["activation_kurtosis"].toDouble());
    }
}

void TestMitigateCommand::decompositionKeepsTheGeneratedOutlierChannels()
{
    // The generator's outlier channels sit at ±40 (± a quarter), every other value within a few
    // units: a threshold of 20 finds exactly the generator's channels.
    const auto run =
        runCli({"mitigate", "--weight", m_weight, "--tokens", "48", "--outlier-channels", "3",
                "--seed", "5", "--int8-threshold", "20", "--json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = jsonOf(run);
    QCOMPARE(o["activations"]["source"].toString(), QString("synthetic"));
    const QJsonArray generated = o["activations"]["synthetic"]["outlier_channel_indices"].toArray();
    QCOMPARE(generated.size(), 3);
    QCOMPARE(o["int8_decomposition"]["float16_channels"].toArray(), generated);
    QCOMPARE(o["int8_decomposition"]["count"].toInt(), 3);
    QCOMPARE(o["int8_decomposition"]["threshold"].toDouble(), 20.0);
    QVERIFY(o["after"]["output_sqnr_db"].toDouble() >
            o["before"]["output_sqnr_db"].toDouble() + 15);

    // --int8-decomposition is the paper's threshold.
    const QJsonObject paper =
        jsonOf(runCli({"mitigate", "--weight", m_weight, "--int8-decomposition", "--json"}));
    QCOMPARE(paper["int8_decomposition"]["threshold"].toDouble(), 6.0);
}

void TestMitigateCommand::autoAlphaIsTheBestOfItsScan()
{
    const auto run = runCli({"mitigate", "--weight", m_weight, "--activations", m_activations,
                             "--smooth-alpha", "auto", "--json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject smooth = jsonOf(run)["smooth"].toObject();
    QCOMPARE(smooth["auto"].toBool(), true);
    const QJsonArray scan = smooth["alpha_scan"].toArray();
    QCOMPARE(scan.size(), 21);
    double best = -1e300;
    double bestAlpha = -1;
    for (int i = 0; i < scan.size(); ++i) {
        const QJsonObject step = scan[i].toObject();
        QCOMPARE(step["alpha"].toDouble(), i / 20.0);
        if (step["output_sqnr_db"].toDouble() > best) {
            best = step["output_sqnr_db"].toDouble();
            bestAlpha = step["alpha"].toDouble();
        }
    }
    QCOMPARE(smooth["alpha"].toDouble(), bestAlpha);
    QCOMPARE(jsonOf(run)["after"].toObject()["output_sqnr_db"].toDouble(), best);

    // The same α given by hand gives the same product.
    const auto fixed = runCli({"mitigate", "--weight", m_weight, "--activations", m_activations,
                               "--smooth-alpha", QString::number(bestAlpha), "--json"});
    QCOMPARE(jsonOf(fixed)["after"].toObject()["output_sqnr_db"].toDouble(), best);
}

void TestMitigateCommand::syntheticActivationsFollowTheWeight()
{
    const QString silero = test::realData("silero_vad_v5/encoder.3.reparam_conv.weight.npy");
    const auto run = runCli({"mitigate", "--weight", silero, "--tokens", "16", "--json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = jsonOf(run);
    // A conv weight [128, 64, 3] is the matrix [128, 192]; X gets 192 features.
    QCOMPARE(o["weight"]["matrix"].toArray(), (QJsonArray{128, 192}));
    QCOMPARE(o["activations"]["matrix"].toArray(), (QJsonArray{16, 192}));
    QCOMPARE(o["activations"]["synthetic"]["features"].toInt(), 192);
}

void TestMitigateCommand::textNamesTheTransforms()
{
    const auto run = runCli({"mitigate", "--weight", m_weight, "--activations", m_activations,
                             "--smooth-alpha", "0.25", "--rotate", "hadamard"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("SmoothQuant α = 0.25 · Hadamard rotation, seed 0"),
             qPrintable(run.out));
    QVERIFY(run.out.contains("output SQNR (dB)"));
    QVERIFY(run.out.contains("activation kurtosis"));
}

void TestMitigateCommand::badInputGivesOneErrorLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("says");
    QTest::newRow("shapes do not match") << QStringList{"--activations", "NARROW"} << 3
                                         << QStringList{"[32, 128]", "[4, 100]", "x_narrow.npy"};
    QTest::newRow("a vector is no weight")
        << QStringList{"--weight", "VECTOR"} << 3 << QStringList{"not a matrix", "bias.npy"};
    QTest::newRow("missing file") << QStringList{"--weight", "nowhere.npy"} << 3
                                  << QStringList{"nowhere.npy"};
    QTest::newRow("alpha out of range")
        << QStringList{"--smooth-alpha", "1.5"} << 2 << QStringList{"[0, 1]", "1.5"};
    QTest::newRow("alpha not a number")
        << QStringList{"--smooth-alpha", "half"} << 2 << QStringList{"half"};
    QTest::newRow("unknown weight format")
        << QStringList{"--weight-format", "int9-q"} << 2 << QStringList{"--weight-format"};
    QTest::newRow("unknown rotation")
        << QStringList{"--rotate", "givens"} << 2 << QStringList{"givens"};
    QTest::newRow("threshold not positive")
        << QStringList{"--int8-threshold", "0"} << 2 << QStringList{"threshold"};
    QTest::newRow("too many outlier channels")
        << QStringList{"--outlier-channels", "500"} << 2 << QStringList{"500"};
}

void TestMitigateCommand::badInputGivesOneErrorLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, says);
    QStringList full{"mitigate"};
    if (!arguments.contains("--weight")) {
        full << "--weight" << m_weight;
    }
    for (const QString& a : arguments) {
        full << (a == "NARROW" ? m_narrow : a == "VECTOR" ? m_vector : a);
    }
    const auto run = runCli(full);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY(run.err.startsWith("error: "));
    for (const QString& part : says) {
        QVERIFY2(run.err.contains(part), qPrintable(run.err));
    }
}

QTEST_GUILESS_MAIN(TestMitigateCommand)
#include "tst_mitigate_command.moc"
