// TF.js weights: model.json and bare weight manifests, weights spanning shard files, float16 and
// uint8/uint16 quantized entries (value = q·scale + min), and malformed manifests.

#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

QByteArray manifest(const QByteArray& paths, const QByteArray& weights)
{
    return "[{\"paths\": [" + paths + "], \"weights\": [" + weights + "]}]";
}

} // namespace

class TestTfjs : public QObject
{
    Q_OBJECT

private slots:
    void modelJsonAcrossShards();
    void quantizedEntries();
    void malformed_data();
    void malformed();
};

void TestTfjs::modelJsonAcrossShards()
{
    test::ScratchDir dir;
    // 6 floats + 2 int32 = 32 bytes split 20 / 12: the kernel crosses the shard boundary.
    const QByteArray data =
        test::floatBytes({1, 2, 3, 4, 5, 6}) + QByteArray("\x07\x00\x00\x00\xf8\xff\xff\xff", 8);
    dir.write("group1-shard1of2.bin", data.left(20));
    dir.write("group1-shard2of2.bin", data.mid(20));
    const auto path = dir.write(
        "model.json",
        "{\"format\": \"layers-model\", \"modelTopology\": {}, \"weightsManifest\": " +
            manifest("\"group1-shard1of2.bin\", \"group1-shard2of2.bin\"",
                     "{\"name\": \"dense/kernel\", \"shape\": [2, 3], \"dtype\": \"float32\"},"
                     "{\"name\": \"step\", \"shape\": [2], \"dtype\": \"int32\"}") +
            "}");
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    QCOMPARE((*archive)->format(), ArchiveFormat::Tfjs);
    QCOMPARE(test::loadNamed(path, "dense/kernel").values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(test::loadNamed(path, "step").values, (std::vector<float>{7, -8}));
    QVERIFY((*archive)->entries()[0].floating);
    QVERIFY(!(*archive)->entries()[1].floating);
}

void TestTfjs::quantizedEntries()
{
    test::ScratchDir dir;
    // uint8 codes 0, 10, 255 with scale 0.01 and min −1; uint16 code 1000 with scale 0.5, min 2;
    // a float16 "quantization" holding 1.0 and −2.5.
    const QByteArray data = QByteArray("\x00\x0a\xff", 3) + QByteArray("\xe8\x03", 2) +
                            QByteArray("\x00\x3c\x00\xc1", 4);
    dir.write("weights.bin", data);
    const auto path = dir.write(
        "model-weights_manifest.json",
        manifest("\"weights.bin\"",
                 "{\"name\": \"q8\", \"shape\": [3], \"dtype\": \"float32\", \"quantization\": "
                 "{\"dtype\": \"uint8\", \"scale\": 0.01, \"min\": -1}},"
                 "{\"name\": \"q16\", \"shape\": [1], \"dtype\": \"float32\", \"quantization\": "
                 "{\"dtype\": \"uint16\", \"scale\": 0.5, \"min\": 2}},"
                 "{\"name\": \"half\", \"shape\": [2], \"dtype\": \"float32\", \"quantization\": "
                 "{\"dtype\": \"float16\"}}"));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    const auto& entries = (*archive)->entries();
    QVERIFY(entries[0].alreadyQuantized);
    QCOMPARE(entries[0].bytes, std::uint64_t{3});
    QVERIFY(entries[1].alreadyQuantized);
    QVERIFY(!entries[2].alreadyQuantized);
    QCOMPARE(entries[2].dtype, std::string("float32 as float16"));

    const auto q8 = loadTensorFile(FileSpec{path, "q8", {}});
    QVERIFY(q8);
    // Dequantized in double as JavaScript does, then rounded to float32.
    QCOMPARE(q8->tensor.values, (std::vector<float>{static_cast<float>(0 * 0.01 - 1),
                                                    static_cast<float>(10 * 0.01 - 1),
                                                    static_cast<float>(255 * 0.01 - 1)}));
    QCOMPARE(q8->warnings.size(), std::size_t{1});
    QCOMPARE(q8->warnings[0].code, WarningCode::AlreadyQuantized);
    QCOMPARE(test::loadNamed(path, "q16").values, (std::vector<float>{502}));
    QCOMPARE(test::loadNamed(path, "half").values, (std::vector<float>{1.0f, -2.5f}));
}

void TestTfjs::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    const QByteArray kernel = "{\"name\": \"k\", \"shape\": [4], \"dtype\": \"float32\"}";
    QTest::newRow("bad JSON") << QByteArray("{\"weightsManifest\": [") << int(ErrorCode::BadHeader)
                              << "not valid JSON";
    QTest::newRow("no manifest") << QByteArray("{\"format\": \"layers-model\"}")
                                 << int(ErrorCode::BadHeader) << "weightsManifest";
    QTest::newRow("manifest pointing past its shard")
        << manifest("\"shard.bin\"", kernel + ",{\"name\": \"b\", \"shape\": [3], \"dtype\": "
                                              "\"float32\"}")
        << int(ErrorCode::Truncated) << "tensor 'b': needs bytes 16–28";
    QTest::newRow("missing shard")
        << manifest("\"gone.bin\"", kernel) << int(ErrorCode::FileNotFound) << "'gone.bin'";
    QTest::newRow("shard outside the folder")
        << manifest("\"../shard.bin\"", kernel) << int(ErrorCode::BadHeader)
        << "not a file beside the manifest";
    QTest::newRow("quantization without scale")
        << manifest("\"shard.bin\"", "{\"name\": \"q\", \"shape\": [4], \"dtype\": \"float32\", "
                                     "\"quantization\": {\"dtype\": \"uint8\"}}")
        << int(ErrorCode::BadHeader) << "needs numbers \"scale\" and \"min\"";
    QTest::newRow("negative shape")
        << manifest("\"shard.bin\"", "{\"name\": \"n\", \"shape\": [-4], \"dtype\": \"float32\"}")
        << int(ErrorCode::BadHeader) << "not a non-negative integer";
    QTest::newRow("weight without dtype")
        << manifest("\"shard.bin\"", "{\"name\": \"n\", \"shape\": [4]}")
        << int(ErrorCode::BadHeader) << "without \"name\", \"shape\" and \"dtype\"";
}

void TestTfjs::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::ScratchDir dir;
    dir.write("shard.bin", test::floatBytes({1, 2, 3, 4})); // 16 bytes
    const auto path = dir.write("model.json", json);
    test::verifyRefused(path, static_cast<ErrorCode>(code), words);
}

QTEST_GUILESS_MAIN(TestTfjs)
#include "tst_tfjs.moc"
