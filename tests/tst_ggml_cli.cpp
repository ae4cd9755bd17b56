// `--format <ggml type>` on the command line: analyze's JSON for a ggml block type (its name,
// type id, block and sub-block, bits per value, and the error of ggml's own decoding, computed
// here from the fixture independently of QuantScope's pass), --dump-blocks writing ggml's bytes,
// the refusals (rows that are not whole blocks, calibration, --dump-blocks without a ggml type),
// and `convert`.

#include "io/npy_writer.h"
#include "support/cli_run.h"
#include "support/fixtures.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace qs;
using test::runCli;

namespace {

QString fixture(const QString& name)
{
    return test::testData("ggml/" + name);
}

// The fixture's rows whose ggml decoding is finite everywhere (the wide-range row overflows the
// fp16 scales of most types into ±Inf), as a tensor of their own and ggml's decoding of them.
struct FiniteRows
{
    Tensor input;
    std::vector<float> decoded;
};

FiniteRows finiteRows(const QString& type)
{
    const Tensor input = test::npyFixture("ggml/inputs.npy");
    const Tensor decoded = test::npyFixture("ggml/" + type + "_dequant.npy");
    const auto rowLength = static_cast<std::size_t>(input.shape.back());
    FiniteRows rows;
    for (std::size_t at = 0; at < input.values.size(); at += rowLength) {
        const auto first = decoded.values.begin() + static_cast<std::ptrdiff_t>(at);
        const auto last = first + static_cast<std::ptrdiff_t>(rowLength);
        if (std::all_of(first, last, [](float v) { return std::isfinite(v); })) {
            rows.input.values.insert(rows.input.values.end(),
                                     input.values.begin() + (first - decoded.values.begin()),
                                     input.values.begin() + (last - decoded.values.begin()));
            rows.decoded.insert(rows.decoded.end(), first, last);
        }
    }
    rows.input.shape = {static_cast<std::int64_t>(rows.decoded.size() / rowLength),
                        static_cast<std::int64_t>(rowLength)};
    return rows;
}

} // namespace

class TestGgmlCli : public QObject
{
    Q_OBJECT

private slots:
    void analyzeReportsTheType_data();
    void analyzeReportsTheType();
    void dumpBlocksWritesGgmlsBytes();
    void rowsNotWholeBlocksAreRefused();
    void optionsThatDoNotApplyAreRefused();
    void convertWritesTheValuesRead();
    void importanceMatrixWeighsTheQuantizer();
};

void TestGgmlCli::analyzeReportsTheType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("option");
    QTest::addColumn<int>("id");
    QTest::addColumn<int>("block");
    QTest::addColumn<int>("subBlock");
    QTest::addColumn<double>("bits");
    QTest::newRow("q8_0") << "q8_0" << "q8_0" << 8 << 32 << 32 << 8.5;
    QTest::newRow("q4_k") << "q4_k" << "q4_k" << 12 << 256 << 32 << 4.5;
    QTest::newRow("q6_k") << "q6_k" << "q6_k" << 14 << 256 << 16 << 6.5625;
    QTest::newRow("iq4_xs") << "iq4_xs" << "iq4_xs" << 23 << 256 << 32 << 4.25;
    QTest::newRow("mxfp4") << "mxfp4" << "mxfp4-ggml" << 39 << 32 << 32 << 4.25;
    QTest::newRow("nvfp4") << "nvfp4" << "nvfp4-ggml" << 40 << 64 << 16 << 4.5;
    QTest::newRow("tq1_0") << "tq1_0" << "tq1_0" << 34 << 256 << 256 << 1.6875;
}

void TestGgmlCli::analyzeReportsTheType()
{
    QFETCH(QString, type);
    QFETCH(QString, option);
    QFETCH(int, id);
    QFETCH(int, block);
    QFETCH(int, subBlock);
    QFETCH(double, bits);
    const FiniteRows rows = finiteRows(type);
    QVERIFY(rows.input.shape.front() >= 14); // all but the wide-range row or so
    test::ScratchDir dir;
    const std::string input = dir.path("finite.npy");
    QVERIFY(writeNpy(input, std::span<const float>(rows.input.values), rows.input.shape));
    const test::CliRun run =
        runCli({"analyze", "--json", "--input", QString::fromStdString(input), "--format", option});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject format = json["format"].toObject();
    QCOMPARE(format["name"].toString(), option);
    QCOMPARE(format["ggml_type"].toString(), type);
    QCOMPARE(format["ggml_type_id"].toInt(), id);
    QCOMPARE(format["block_size"].toInt(), block);
    QCOMPARE(format["sub_block_size"].toInt(), subBlock);
    QCOMPARE(format["bits_per_value"].toDouble(), bits);

    // The error of ggml's own decoding, summed here in double from the fixtures.
    double signal = 0;
    double noise = 0;
    double worst = 0;
    for (std::size_t i = 0; i < rows.decoded.size(); ++i) {
        const float x = rows.input.values[i];
        const double e = static_cast<double>(rows.decoded[i] - x);
        signal += static_cast<double>(x) * x;
        noise += e * e;
        worst = std::max(worst, std::fabs(e));
    }
    const QJsonObject metrics = json["metrics"].toObject();
    const double mse = noise / static_cast<double>(rows.decoded.size());
    QVERIFY2(
        std::fabs(metrics["mse"].toDouble() - mse) <= 1e-9 * mse,
        qPrintable(QStringLiteral("mse %1 against %2").arg(metrics["mse"].toDouble()).arg(mse)));
    QCOMPARE(metrics["max_abs_error"].toDouble(), worst);
    QVERIFY(std::fabs(metrics["sqnr_db"].toDouble() - 10 * std::log10(signal / noise)) < 1e-9);
}

void TestGgmlCli::dumpBlocksWritesGgmlsBytes()
{
    test::ScratchDir dir;
    for (const QString type : {"q4_0", "q5_k", "iq4_nl", "tq2_0"}) {
        const QString out = QString::fromStdString(dir.path(type + ".bin"));
        const QString dequant = QString::fromStdString(dir.path(type + ".npy"));
        const test::CliRun run = runCli({"analyze", "--input", fixture("inputs.npy"), "--format",
                                         type, "--dump-blocks", out, "--dump-dequant", dequant});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(test::readFileBytes(out), test::readFileBytes(fixture(type + ".bin")));
        QCOMPARE(test::readFileBytes(dequant).right(256 * 16 * 4),
                 test::readFileBytes(fixture(type + "_dequant.npy")).right(256 * 16 * 4));
    }
}

void TestGgmlCli::rowsNotWholeBlocksAreRefused()
{
    const test::CliRun run =
        runCli({"analyze", "--generate", "normal", "--shape", "3,100", "--format", "q4_0"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("100") && run.err.contains("32") && run.err.contains("q4_0"),
             qPrintable(run.err));
    QCOMPARE(run.err.count('\n'), 1); // one clear line
}

void TestGgmlCli::optionsThatDoNotApplyAreRefused()
{
    const test::CliRun calibration = runCli({"analyze", "--input", fixture("inputs.npy"),
                                             "--format", "q4_k", "--calibration", "percentile"});
    QCOMPARE(calibration.exitCode, 2);
    QVERIFY2(calibration.err.contains("--calibration"), qPrintable(calibration.err));
    test::ScratchDir dir;
    const QString out = QString::fromStdString(dir.path("x.bin"));
    const test::CliRun blocks =
        runCli({"analyze", "--input", fixture("inputs.npy"), "--dump-blocks", out});
    QCOMPARE(blocks.exitCode, 2);
    QVERIFY2(blocks.err.contains("--dump-blocks"), qPrintable(blocks.err));
    QVERIFY(!QFile::exists(out));
}

void TestGgmlCli::convertWritesTheValuesRead()
{
    test::ScratchDir dir;
    const std::string csv = dir.write("t.csv", "1.5,-2\n3,0.25\n");
    const QString out = QString::fromStdString(dir.path("t.npy"));
    const test::CliRun run = runCli({"convert", QString::fromStdString(csv), "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray bytes = test::readFileBytes(out);
    QVERIFY(bytes.startsWith("\x93NUMPY"));
    QVERIFY(bytes.contains("'shape': (2, 2)"));
    const float expected[] = {1.5f, -2.0f, 3.0f, 0.25f};
    QCOMPARE(bytes.right(16), QByteArray(reinterpret_cast<const char*>(expected), 16));
    const test::CliRun missing = runCli({"convert", "nowhere.npy", "--out", out});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains("nowhere.npy"));
}

// A legacy llama-imatrix .dat file of one entry (ncall calls, so the file holds weights·ncall).
QByteArray legacyImatrix(const QByteArray& name, const std::vector<float>& weights, int ncall)
{
    QByteArray bytes;
    const auto put = [&bytes](std::int32_t v) {
        bytes.append(reinterpret_cast<const char*>(&v), 4);
    };
    put(1);
    put(static_cast<std::int32_t>(name.size()));
    bytes += name;
    put(ncall);
    put(static_cast<std::int32_t>(weights.size()));
    for (const float w : weights) {
        const float stored = w * static_cast<float>(ncall);
        bytes.append(reinterpret_cast<const char*>(&stored), 4);
    }
    return bytes;
}

void TestGgmlCli::importanceMatrixWeighsTheQuantizer()
{
    // ggml's own bytes for the fixture rows with importance.npy as quant_weights; the file says
    // ncall = 4, which llama-quantize divides out (4 is a power of two: exact).
    const Tensor weights = test::npyFixture("ggml/importance.npy");
    const test::CliRun named = runCli({"analyze", "--json", "--input", fixture("inputs.npy")});
    const QByteArray name = QJsonDocument::fromJson(named.out.toUtf8())
                                .object()["tensor"]
                                .toObject()["name"]
                                .toString()
                                .toUtf8();
    QVERIFY(!name.isEmpty());
    test::ScratchDir dir;
    const QString matrix =
        QString::fromStdString(dir.write("m.dat", legacyImatrix(name, weights.values, 4)));
    for (const QString type : {"q4_k", "iq4_xs", "q4_0"}) {
        const QString out = QString::fromStdString(dir.path(type + ".bin"));
        const test::CliRun run =
            runCli({"analyze", "--json", "--input", fixture("inputs.npy"), "--format", type,
                    "--imatrix", matrix, "--dump-blocks", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(test::readFileBytes(out), test::readFileBytes(fixture(type + "_imatrix.bin")));
        const QJsonObject format =
            QJsonDocument::fromJson(run.out.toUtf8()).object()["format"].toObject();
        QCOMPARE(format["imatrix"].toObject()["format"].toString(), QStringLiteral("dat"));
    }
    // Another tensor's matrix, a type that takes no weights, and no ggml type at all.
    const QString other = QString::fromStdString(
        dir.write("o.dat", legacyImatrix("blk.0.ffn_up.weight", weights.values, 1)));
    const test::CliRun missing = runCli(
        {"analyze", "--input", fixture("inputs.npy"), "--format", "q4_k", "--imatrix", other});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.contains(QString::fromUtf8(name)), qPrintable(missing.err));
    const test::CliRun q8 = runCli(
        {"analyze", "--input", fixture("inputs.npy"), "--format", "q8_0", "--imatrix", matrix});
    QCOMPARE(q8.exitCode, 2);
    QVERIFY2(q8.err.contains("q8_0"), qPrintable(q8.err));
    const test::CliRun integer =
        runCli({"analyze", "--input", fixture("inputs.npy"), "--imatrix", matrix});
    QCOMPARE(integer.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestGgmlCli)
#include "tst_ggml_cli.moc"
