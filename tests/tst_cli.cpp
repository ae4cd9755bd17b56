// quantscope-cli as a user and a script see it: the tutorial text, the JSON contract, dumps,
// exit codes and one-line errors for bad input.

#include "io/npy_reader.h"
#include "support/cli_run.h"
#include "support/model_files.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace qs;

namespace {

using Run = test::CliRun;
using test::runCli;

QJsonObject analyzeJson(const QStringList& arguments)
{
    const Run run = runCli(QStringList{"analyze", "--json"} + arguments);
    if (run.exitCode != 0) {
        qWarning("%s", qPrintable(run.err));
        return {};
    }
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

QStringList keys(const QJsonObject& object)
{
    return object.keys(); // sorted
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void tutorialPrintsTheTutorial();
    void analyzeJsonFollowsTheContract();
    void analyzeTextIsReadable();
    void presetsAndCalibrationReachTheJson();
    void calibrationVariantsReachTheJson();
    void sweepsPrintJsonCsvAndText();
    void dumpsCodesAndDequantizedValues();
    void generateWritesNpy();
    void listAndModelOfAFile();
    void plotWritesEveryKindHeadless();
    void sessionReproducesTheNumbers();
    void badInputGivesOneErrorLine_data();
    void badInputGivesOneErrorLine();
    void helpEverywhere();
    void benchRuns();
};

void TestCli::tutorialPrintsTheTutorial()
{
    const Run run = runCli({"tutorial"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("scale = 0.00906828525019627\nquant_result = [  24.  143. -112.]\n"
                             "saturete_result = [  24.  127. -112.]\n"));
    QVERIFY(run.out.contains("z = -16.0\nquant_result = [   8.  127. -128.]\n"));
    QVERIFY(run.out.contains("diff = [-0.00101219  0.         -0.00448084]"));
    QVERIFY(run.err.isEmpty());
}

void TestCli::analyzeJsonFollowsTheContract()
{
    const QJsonObject json = analyzeJson({"--preset-data", "tutorial-3", "--scheme", "asymmetric"});
    // The contract grows, never breaks: "format" joined the five objects with the new formats.
    QCOMPARE(keys(json), sorted({"tensor", "scheme", "format", "params", "metrics", "warnings"}));
    QCOMPARE(keys(json["format"].toObject()),
             sorted({"name", "scale_storage", "block_size", "scale_format", "bits_per_value"}));
    QCOMPARE(json["format"].toObject()["name"].toString(), QString("int8"));
    QCOMPARE(keys(json["tensor"].toObject()),
             sorted({"name", "shape", "dtype", "count", "finite_count", "nan_count", "inf_count",
                     "min", "max", "mean", "std"}));
    QCOMPARE(
        keys(json["scheme"].toObject()),
        sorted({"name", "preset", "bits", "signed", "narrow_range", "rounding", "zero_point_anchor",
                "granularity", "axis", "group_size", "calibration", "calibration_args"}));
    QCOMPARE(keys(json["params"].toObject()),
             sorted({"qmin", "qmax", "groups", "scale", "zero_point", "clip_min", "clip_max"}));
    QCOMPARE(keys(json["metrics"].toObject()),
             sorted({"mse", "rmse", "mae", "max_abs_error", "sqnr_db", "cosine_similarity",
                     "clipped_below", "clipped_above", "clipped_fraction", "codes_used",
                     "codes_total", "zero_code_fraction", "unused_range_fraction"}));

    const QJsonObject scheme = json["scheme"].toObject();
    QCOMPARE(scheme["name"].toString(), QString("asymmetric"));
    QVERIFY(scheme["preset"].isNull());
    QCOMPARE(scheme["bits"].toInt(), 8);
    QCOMPARE(scheme["signed"].toBool(), true);
    QCOMPARE(scheme["narrow_range"].toBool(), false);
    QCOMPARE(scheme["rounding"].toString(), QString("half-even"));
    QCOMPARE(scheme["granularity"].toString(), QString("tensor"));
    QVERIFY(scheme["axis"].isNull() && scheme["group_size"].isNull());
    QVERIFY(scheme["calibration_args"].isObject());

    const QJsonObject params = json["params"].toObject();
    QCOMPARE(params["groups"].toInt(), 1);
    for (const char* key : {"scale", "zero_point", "clip_min", "clip_max"}) {
        QVERIFY(params[key].isArray());
        QCOMPARE(params[key].toArray().size(), 1);
    }
    QCOMPARE(params["scale"].toArray()[0].toDouble(), 0.00906828525019627);
    QCOMPARE(params["zero_point"].toArray()[0].toInt(), -16);
    QCOMPARE(params["qmin"].toInt(), -128);

    const QJsonObject tensor = json["tensor"].toObject();
    QCOMPARE(tensor["shape"].toArray(), QJsonArray{3});
    QCOMPARE(tensor["count"].toInt(), 3);
    QCOMPARE(tensor["dtype"].toString(), QString("float32"));
    QCOMPARE(tensor["max"].toDouble(), double(1.2962357f));
    QVERIFY(json["warnings"].isArray());

    const QJsonObject metrics = json["metrics"].toObject();
    QCOMPARE(metrics["clipped_above"].toInt(), 0);
    QCOMPARE(metrics["codes_total"].toInt(), 256);
}

void TestCli::analyzeTextIsReadable()
{
    const Run run = runCli({"analyze", "--preset-data", "tutorial-outlier"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("SQNR"));
    QVERIFY(run.out.contains("codes used              4 of 255"));
    QVERIFY(run.out.contains("warning: "));
}

void TestCli::presetsAndCalibrationReachTheJson()
{
    QJsonObject json = analyzeJson({"--generate", "normal", "--shape", "4,16", "--preset",
                                    "pytorch-per-channel-symmetric-qint8"});
    QJsonObject scheme = json["scheme"].toObject();
    QCOMPARE(scheme["preset"].toString(), QString("pytorch-per-channel-symmetric-qint8"));
    QCOMPARE(scheme["granularity"].toString(), QString("channel"));
    QCOMPARE(scheme["axis"].toInt(), 0);
    QCOMPARE(json["params"].toObject()["groups"].toInt(), 4);
    QCOMPARE(json["params"].toObject()["scale"].toArray().size(), 4);

    // An option given with a preset overrides it.
    json = analyzeJson({"--generate", "normal", "--shape", "2,64", "--preset", "llama-q8_0",
                        "--group-size", "16"});
    scheme = json["scheme"].toObject();
    QCOMPARE(scheme["group_size"].toInt(), 16);
    QCOMPARE(json["params"].toObject()["groups"].toInt(), 8);

    json = analyzeJson(
        {"--generate", "student-t", "--calibration", "percentile", "--percentile", "99.5"});
    scheme = json["scheme"].toObject();
    QCOMPARE(scheme["calibration"].toString(), QString("percentile"));
    QCOMPARE(scheme["calibration_args"].toObject()["percentile"].toDouble(), 99.5);
    const QJsonObject params = json["params"].toObject();
    QVERIFY(params["clip_max"].toArray()[0].toDouble() <
            json["tensor"].toObject()["max"].toDouble());

    json = analyzeJson({"--generate", "normal", "--calibration", "kl", "--bits", "6"});
    QCOMPARE(json["scheme"].toObject()["calibration_args"].toObject(),
             QJsonObject({{"bins", 2048},
                          {"start_bin", 128},
                          {"levels", 32},
                          {"variant", "tensorrt-published"}}));

    // A range given by hand: --clip-min/--clip-max alone mean manual calibration.
    json = analyzeJson({"--preset-data", "tutorial-outlier", "--scheme", "asymmetric", "--clip-min",
                        "-1", "--clip-max", "2"});
    scheme = json["scheme"].toObject();
    QCOMPARE(scheme["calibration"].toString(), QString("manual"));
    QCOMPARE(scheme["calibration_args"].toObject(),
             QJsonObject({{"clip_min", -1.0}, {"clip_max", 2.0}}));
    QVERIFY(json["metrics"].toObject()["clipped_above"].toInt() == 1); // the outlier at 100
}

void TestCli::calibrationVariantsReachTheJson()
{
    // Each variant's own defaults, as calibration_args reports them (no start bin where the
    // variant has none), and the range it leads to.
    const auto args = [](const QStringList& extra) {
        Run run = runCli(QStringList{"analyze", "--json", "--generate", "student-t"} + extra);
        return QJsonDocument::fromJson(run.out.toUtf8()).object()["scheme"].toObject();
    };
    QCOMPARE(args({"--calibration", "kl", "--kl-variant", "mxnet"})["calibration_args"].toObject(),
             QJsonObject({{"bins", 8001}, {"levels", 255}, {"variant", "mxnet"}}));
    QCOMPARE(args({"--calibration", "kl", "--kl-variant", "onnxruntime", "--kl-bins",
                   "2048"})["calibration_args"]
                 .toObject(),
             QJsonObject({{"bins", 2048}, {"levels", 128}, {"variant", "onnxruntime"}}));
    QCOMPARE(args({"--calibration", "kl", "--kl-variant", "pytorch-quantization",
                   "--unsigned"})["calibration_args"]
                 .toObject(),
             QJsonObject({{"bins", 2048},
                          {"start_bin", 128},
                          {"levels", 256},
                          {"variant", "pytorch-quantization"}}));
    QCOMPARE(args({"--calibration", "percentile", "--percentile-variant",
                   "onnxruntime"})["calibration_args"]
                 .toObject(),
             QJsonObject({{"percentile", 99.99}, {"variant", "onnxruntime"}}));
    QCOMPARE(args({"--calibration", "mse"})["calibration_args"].toObject(),
             QJsonObject({{"variant", "exact"}}));
    // The variants choose differently on the same heavy-tailed tensor.
    const auto clipMax = [](const QString& variant) {
        Run run = runCli({"analyze", "--json", "--generate", "student-t", "--calibration", "kl",
                          "--kl-variant", variant});
        return QJsonDocument::fromJson(run.out.toUtf8())
            .object()["params"]
            .toObject()["clip_max"]
            .toArray()[0]
            .toDouble();
    };
    QVERIFY(clipMax("tensorrt-published") != clipMax("pytorch-quantization"));
    QVERIFY(clipMax("mxnet") != clipMax("pytorch-quantization"));
}

void TestCli::sweepsPrintJsonCsvAndText()
{
    Run run = runCli({"sweep", "--param", "bits", "--json", "--preset-data", "tutorial-outlier"});
    QCOMPARE(run.exitCode, 0);
    QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json["sweep"].toString(), QString("bits"));
    QCOMPARE(json["points"].toArray().size(), 15);
    QCOMPARE(json["points"].toArray()[0].toObject()["bits"].toInt(), 2);
    QCOMPARE(json["reference"].toObject()["bits"].toInt(), 8);
    QCOMPARE(json["tensor"].toObject()["name"].toString(), QString("tutorial-outlier"));

    run = runCli({"sweep", "--param", "clip", "--csv", "--points", "5", "--generate", "laplace"});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split("\r\n", Qt::SkipEmptyParts);
    // header, points, one marker per calibration, then one per framework variant
    QCOMPARE(lines.size(), 1 + 5 + 6 + 6);
    QCOMPARE(lines[0], QString("calibration,threshold,clip_min,clip_max,scale,mse,rounding_mse,"
                               "clipping_mse,clipped_fraction,sqnr_db"));
    QVERIFY(lines[1].startsWith(","));
    QVERIFY(lines[6].startsWith("minmax,"));
    QVERIFY(lines[11].startsWith("aciq-laplace,"));
    QVERIFY(lines[12].startsWith("percentile (pytorch-quantization),"));
    QVERIFY(lines[17].startsWith("kl (mxnet),"));

    run = runCli({"sweep", "--param", "outlier", "--json", "--points", "4", "--generate", "normal",
                  "--granularity", "channel", "--shape", "8,32"});
    QCOMPARE(run.exitCode, 0);
    json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json["points"].toArray().size(), 4);
    QVERIFY(json["outlier"].toObject().contains("position"));
    QCOMPARE(json["scheme"].toObject()["granularity"].toString(), QString("channel"));

    run = runCli({"sweep", "--param", "clip", "--generate", "normal", "--points", "3"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("clip sweep of normal"));
    QVERIFY(run.out.contains("minmax"));
}

void TestCli::dumpsCodesAndDequantizedValues()
{
    test::ScratchDir dir;
    const QString codes = QString::fromStdString(dir.path("codes.npy"));
    const QString dequant = QString::fromStdString(dir.path("dequant.npy"));
    const Run run = runCli({"analyze", "--generate", "normal", "--shape", "4,5", "--seed", "3",
                            "--bits", "4", "--dump-codes", codes, "--dump-dequant", dequant});
    QCOMPARE(run.exitCode, 0);
    const auto c = readNpyFile(codes.toStdString());
    const auto d = readNpyFile(dequant.toStdString());
    QVERIFY(c && d);
    QCOMPARE(c->tensor.sourceDtype, Dtype::Int32);
    QCOMPARE(d->tensor.sourceDtype, Dtype::Float32);
    QCOMPARE(c->tensor.shape, (Shape{4, 5}));
    QCOMPARE(d->tensor.shape, (Shape{4, 5}));
    // R' = Q · Scale for symmetric: every dequantized value is its code times one scale.
    const QJsonObject json =
        analyzeJson({"--generate", "normal", "--shape", "4,5", "--seed", "3", "--bits", "4"});
    const auto scale =
        static_cast<float>(json["params"].toObject()["scale"].toArray()[0].toDouble());
    for (std::size_t i = 0; i < 20; ++i) {
        QVERIFY(c->tensor.values[i] >= -7 && c->tensor.values[i] <= 7);
        QCOMPARE(d->tensor.values[i], c->tensor.values[i] * scale);
    }
}

void TestCli::generateWritesNpy()
{
    test::ScratchDir dir;
    const QString out = QString::fromStdString(dir.path("g.npy"));
    const Run run =
        runCli({"generate", "--generate", "laplace", "--count", "100", "--outliers", "2",
                "--outlier-magnitude", "50", "--outlier-unit", "absolute", "--out", out});
    QCOMPARE(run.exitCode, 0);
    const auto loaded = readNpyFile(out.toStdString());
    QVERIFY(loaded);
    QCOMPARE(loaded->tensor.values.size(), std::size_t{100});
    QCOMPARE(std::ranges::count(loaded->tensor.values, 50.0f), 2);
}

void TestCli::listAndModelOfAFile()
{
    test::ScratchDir dir;
    std::vector<float> weight(64 * 16);
    for (std::size_t i = 0; i < weight.size(); ++i) {
        weight[i] = std::sin(static_cast<float>(i)) * (i == 7 ? 30.0f : 1.0f);
    }
    const QByteArray header =
        QStringLiteral(
            "{\"__metadata__\":{\"format\":\"pt\"},"
            "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[64,16],\"data_offsets\":[0,%1]},"
            "\"fc.steps\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[%1,%2]}}")
            .arg(weight.size() * 4)
            .arg(weight.size() * 4 + 8)
            .toUtf8();
    const QString path = QString::fromStdString(
        dir.write("m.safetensors",
                  test::safetensorsBytes(header, test::floatBytes(weight) + QByteArray(8, '\0'))));

    Run run = runCli({"list", path, "--json"});
    QCOMPARE(run.exitCode, 0);
    QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json["file"].toString(), path);
    QCOMPARE(json["format"].toString(), QStringLiteral("safetensors"));
    QCOMPARE(json["metadata"].toObject()["format"].toString(), QStringLiteral("pt"));
    const QJsonObject first = json["tensors"].toArray()[0].toObject();
    QCOMPARE(first.keys(), (QStringList{"bytes", "count", "dtype", "name", "shape"}));
    QCOMPARE(first["name"].toString(), QStringLiteral("fc.weight"));
    QCOMPARE(first["shape"].toArray(), (QJsonArray{64, 16}));
    QCOMPARE(first["dtype"].toString(), QStringLiteral("float32"));
    QCOMPARE(first["count"].toInt(), 1024);
    QCOMPARE(first["bytes"].toInt(), 4096);
    run = runCli({"list", path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("fc.steps") && run.out.contains("[64, 16]"));

    run = runCli({"model", path, "--json", "--scheme", "symmetric"});
    QCOMPARE(run.exitCode, 0);
    json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json["scheme"].toObject()["name"].toString(), QStringLiteral("symmetric"));
    const QJsonArray tensors = json["tensors"].toArray();
    QCOMPARE(tensors.size(), 1); // the int64 tensor is skipped
    QCOMPARE(json["skipped"].toArray()[0].toObject()["name"].toString(),
             QStringLiteral("fc.steps"));
    const QJsonObject row = tensors[0].toObject();
    for (const char* key :
         {"name", "shape", "dtype", "min", "max", "std", "max_over_std", "excess_kurtosis",
          "outlier_model_report", "beyond_6_sigma", "outlier_llm_int8", "sqnr_db",
          "zero_code_fraction", "per_channel_gain_db"}) {
        QVERIFY2(row.contains(QLatin1String(key)), key);
    }
    QVERIFY(row["outlier_llm_int8"].toBool());
    // The same tensor through analyze gives the same SQNR.
    const QJsonObject single =
        analyzeJson({"--input", path + "#fc.weight", "--scheme", "symmetric"});
    QCOMPARE(row["sqnr_db"].toDouble(), single["metrics"].toObject()["sqnr_db"].toDouble());

    const QString html = QString::fromStdString(dir.path("m-report.html"));
    run = runCli({"model", path, "--out", html});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(test::readFileBytes(html).contains("<svg"));
    run = runCli({"model", path, "--out", "m.gif"});
    QCOMPARE(run.exitCode, 2);
    run = runCli({"model", path, "--csv"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("name,shape,dtype,count,"));
    QCOMPARE(run.out.count('\n'), 2);
    run = runCli({"model", path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("fc.weight") && run.out.contains("|x|≥6"));
}

void TestCli::plotWritesEveryKindHeadless()
{
    test::ScratchDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("DISPLAY"); // no display: the command must not need one
    environment.remove("QT_QPA_PLATFORM");
    const QStringList kinds{"histogram", "transfer", "error", "codes", "sweep"};
    for (const QString& kind : kinds) {
        for (const QString& extension :
             {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString out = QString::fromStdString(dir.path(kind + "." + extension));
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(test::cliPath(),
                          {"plot", "--preset-data", "tutorial-outlier", "--kind", kind, "--out",
                           out, "--width", "500", "--height", "300"});
            QVERIFY(process.waitForFinished(60000));
            QCOMPARE(process.exitCode(), 0);
            QVERIFY2(process.readAllStandardError().isEmpty(), qPrintable(out));
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray head = file.read(8);
            QVERIFY2(extension == "png"   ? head.startsWith("\x89PNG")
                     : extension == "svg" ? head.startsWith("<?xml")
                                          : head.startsWith("%PDF"),
                     qPrintable(out));
        }
    }
    const QImage image(QString::fromStdString(dir.path("histogram.png")));
    QCOMPARE(image.size(), QSize(500, 300));
    // A title line names the tensor and the scheme, unless --no-title.
    const QByteArray title = "tutorial-outlier [1001] · symmetric int8, per tensor, minmax";
    QVERIFY(test::readFileBytes(QString::fromStdString(dir.path("codes.svg"))).contains(title));
    const QString bare = QString::fromStdString(dir.path("bare.svg"));
    QCOMPARE(
        runCli({"plot", "--preset-data", "tutorial-outlier", "--no-title", "--out", bare}).exitCode,
        0);
    QVERIFY(!test::readFileBytes(bare).contains("tutorial-outlier [1001]"));
}

void TestCli::sessionReproducesTheNumbers()
{
    test::ScratchDir dir;
    const QString session = QString::fromStdString(dir.path("s.qscope"));
    const QStringList arguments{"--generate", "student-t", "--count",       "3000",
                                "--seed",     "9",         "--scheme",      "asymmetric",
                                "--bits",     "4",         "--calibration", "mse"};
    Run run = runCli(QStringList{"analyze", "--json", "--save-session", session} + arguments);
    QCOMPARE(run.exitCode, 0);
    const QString saved = run.out;
    run = runCli({"analyze", "--json", "--session", session});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, saved); // every number, to the last digit
}

void TestCli::badInputGivesOneErrorLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("fileBytes"); // written to bad.<ext> when not empty
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown option")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--frobnicate"} << QByteArray()
        << "" << 2 << "--frobnicate";
    QTest::newRow("unknown command")
        << QStringList{"quantise"} << QByteArray() << "" << 2 << "quantise";
    QTest::newRow("bits out of range")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--bits", "1"} << QByteArray()
        << "" << 2 << "--bits";
    QTest::newRow("no source") << QStringList{"analyze"} << QByteArray() << "" << 2 << "--input";
    QTest::newRow("manual without a range")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--calibration", "manual"}
        << QByteArray() << "" << 2 << "needs both --clip-min and --clip-max";
    QTest::newRow("clip range with another method")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--calibration",
                       "kl",      "--clip-max",    "1"}
        << QByteArray() << "" << 2 << "--clip-max applies only with --calibration manual";
    QTest::newRow("clip range reversed")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--clip-min",
                       "1",       "--clip-max",    "-1"}
        << QByteArray() << "" << 2 << "clip-min < clip-max";
    QTest::newRow("two sources") << QStringList{"analyze", "--preset-data", "tutorial-3",
                                                "--generate", "normal"}
                                 << QByteArray() << "" << 2 << "only one";
    QTest::newRow("bad generator parameter")
        << QStringList{"analyze", "--generate", "uniform", "--low", "2", "--high", "1"}
        << QByteArray() << "" << 2 << "low < high";
    QTest::newRow("missing file") << QStringList{"analyze", "--input", "/no/such/file.npy"}
                                  << QByteArray() << "" << 3 << "/no/such/file.npy: no such file";
    QTest::newRow("unsupported format")
        << QStringList{"analyze", "--input", "FILE"} << QByteArray("x") << "w.h5" << 3
        << "unsupported file type '.h5'";
    QTest::newRow("a .pt that is not a torch.save file")
        << QStringList{"analyze", "--input", "FILE"} << QByteArray("x") << "w.pt" << 3
        << "not a PyTorch file";
    QTest::newRow("truncated npy")
        << QStringList{"analyze", "--input", "FILE"} << QByteArray("\x93NUMPY\x01\x00", 8)
        << "t.npy" << 3 << "t.npy: file ends";
    QTest::newRow("npy claiming 10^12 elements")
        << QStringList{"analyze", "--input", "FILE"}
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }",
                          QByteArray(8, 0))
        << "huge.npy" << 3 << "needs 4000000000000 data bytes";
    QTest::newRow("empty tensor")
        << QStringList{"analyze", "--input", "FILE"}
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), }", {})
        << "empty.npy" << 3 << "empty.npy: the tensor has no elements";
    QTest::newRow("all NaN") << QStringList{"analyze", "--input", "FILE"} << QByteArray("nan,nan\n")
                             << "nan.csv" << 3 << "no finite values";
    QTest::newRow("bad csv cell") << QStringList{"analyze", "--input", "FILE"}
                                  << QByteArray("1,2\n3,x\n") << "cells.csv" << 3
                                  << "line 2, column 2";
    QTest::newRow("raw size mismatch")
        << QStringList{"analyze", "--input", "FILE", "--raw-dtype", "<f4"} << QByteArray(6, 0)
        << "r.dat" << 3 << "not a whole number";
    QTest::newRow("unknown preset")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--preset", "onnx"} << QByteArray()
        << "" << 2 << "--preset";
    QTest::newRow("percentile out of range")
        << QStringList{"analyze",    "--preset-data", "tutorial-3", "--calibration",
                       "percentile", "--percentile",  "30"}
        << QByteArray() << "" << 2 << "percentile must lie in (50, 100], got 30";
    QTest::newRow("percentile without its calibration")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--percentile", "99"}
        << QByteArray() << "" << 2 << "--percentile applies only with --calibration percentile";
    QTest::newRow("kl start bin below the levels")
        << QStringList{"analyze", "--preset-data",  "tutorial-3", "--calibration",
                       "kl",      "--kl-start-bin", "10"}
        << QByteArray() << "" << 2 << "start bin 10";
    QTest::newRow("group size without groups")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--group-size", "8"}
        << QByteArray() << "" << 2 << "--group-size applies only with --granularity group";
    QTest::newRow("channel axis outside the shape")
        << QStringList{"analyze",       "--generate", "normal", "--shape", "4,4",
                       "--granularity", "channel",    "--axis", "2"}
        << QByteArray() << "" << 2 << "axis 2";
    QTest::newRow("sweep without a parameter")
        << QStringList{"sweep", "--preset-data", "tutorial-3"} << QByteArray() << "" << 2
        << "--param";
    QTest::newRow("clip sweep per channel")
        << QStringList{"sweep",   "--param", "clip",          "--generate", "normal",
                       "--shape", "4,4",     "--granularity", "channel"}
        << QByteArray() << "" << 2 << "per-tensor";
    QTest::newRow("bit sweep of a llama format")
        << QStringList{"sweep",   "--param", "bits",     "--generate", "normal",
                       "--shape", "4,32",    "--preset", "llama-q4_0"}
        << QByteArray() << "" << 2 << "fixes the bit width";
    QTest::newRow("sweep of a truncated file")
        << QStringList{"sweep", "--param", "bits", "--input", "FILE"}
        << QByteArray("\x93NUMPY\x01\x00", 8) << "s.npy" << 3 << "s.npy: file ends";
    const QByteArray twoTensors =
        test::safetensorsBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                               "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                               test::floatBytes({1, 2}));
    QTest::newRow("several tensors, no name")
        << QStringList{"analyze", "--input", "FILE"} << twoTensors << "two.safetensors" << 3
        << "holds 2 tensors: a, b; pick one with FILE#NAME";
    QTest::newRow("no such tensor") << QStringList{"analyze", "--input", "FILE#c"} << twoTensors
                                    << "two.safetensors" << 3 << "has no tensor 'c'";
    QTest::newRow("list of a garbage onnx")
        << QStringList{"list", "FILE"} << QByteArray("\xff\xff\xff\xffgarbage", 11) << "g.onnx" << 3
        << "g.onnx: not an ONNX model";
    QTest::newRow("model of a truncated safetensors")
        << QStringList{"model", "FILE", "--json"} << twoTensors.left(30) << "cut.safetensors" << 3
        << "runs past the end of the file";
    QTest::newRow("model of a missing file")
        << QStringList{"model", "/no/such/model.onnx"} << QByteArray() << "" << 3
        << "/no/such/model.onnx: no such file";
    QTest::newRow("plot as gif") << QStringList{"plot", "--preset-data", "tutorial-3", "--out",
                                                "p.gif"}
                                 << QByteArray() << "" << 2
                                 << "--out must end in .png, .svg or .pdf";
    QTest::newRow("plot into a missing folder")
        << QStringList{"plot", "--preset-data", "tutorial-3", "--out", "/no/such/dir/p.png"}
        << QByteArray() << "" << 3 << "/no/such/dir/p.png";
    QTest::newRow("plot of a truncated file")
        << QStringList{"plot", "--input", "FILE", "--out", "/tmp/never.png"}
        << QByteArray("\x93NUMPY\x01\x00", 8) << "p.npy" << 3 << "p.npy: file ends";
    QTest::newRow("session beside a scheme option")
        << QStringList{"analyze", "--session", "FILE", "--bits", "3"} << QByteArray("{}")
        << "s.qscope" << 2 << "--session gives the tensor and the scheme; drop --bits";
    QTest::newRow("malformed session")
        << QStringList{"analyze", "--session", "FILE"} << QByteArray("{\"quantscope_session\"")
        << "m.qscope" << 3 << "m.qscope: not a QuantScope session";
    QTest::newRow("session from a newer QuantScope")
        << QStringList{"analyze", "--session", "FILE"} << QByteArray("{\"quantscope_session\": 2}")
        << "n.qscope" << 3 << "newer QuantScope (session version 2";
    QTest::newRow("session saved into a missing folder")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--save-session",
                       "/no/such/dir/s.qscope"}
        << QByteArray() << "" << 3 << "/no/such/dir/s.qscope";
    QTest::newRow("dump into a missing folder")
        << QStringList{"analyze", "--preset-data", "tutorial-3", "--dump-codes",
                       "/no/such/dir/c.npy"}
        << QByteArray() << "" << 3 << "/no/such/dir/c.npy";
}

void TestCli::badInputGivesOneErrorLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, fileBytes);
    QFETCH(QString, fileName);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    test::ScratchDir dir;
    if (!fileName.isEmpty()) {
        const QString path = QString::fromStdString(dir.write(fileName, fileBytes));
        arguments.replaceInStrings("FILE", path);
    }
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = run.err.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith("error: "), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(mentions), qPrintable(lines[0]));
}

void TestCli::helpEverywhere()
{
    for (const QString& command :
         {QString(), QStringLiteral("tutorial"), QStringLiteral("analyze"),
          QStringLiteral("generate"), QStringLiteral("sweep"), QStringLiteral("bench"),
          QStringLiteral("list"), QStringLiteral("model"), QStringLiteral("plot"),
          QStringLiteral("compare")}) {
        QStringList arguments;
        if (!command.isEmpty()) {
            arguments << command;
        }
        arguments << "--help";
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Usage"), qPrintable(run.out));
    }
}

void TestCli::benchRuns()
{
    const Run run = runCli({"bench", "--sizes", "64K", "--repeat", "1"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("memcpy"));
    QVERIFY(run.out.contains("analyze (stats + params + fused pass)"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
