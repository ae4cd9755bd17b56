// GPTQ and AWQ checkpoints: each packed layer listed as `<module>.weight`, decoded exactly and
// marked already quantized, its stored parts still listed. Words worked out by hand pin the bit
// positions (GPTQ's input-row packing and minus-one zeros, AWQ's 0 2 4 6 1 3 5 7 order); the
// folders of tests/data/quantized (make_quantized_checkpoint_fixtures.py, its own packers) check
// every layout against weights computed in NumPy.

#include "io/archive_factory.h"
#include "io/packed_layers.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/test_paths.h"

#include <QtTest>

using namespace qs;

namespace {

std::vector<std::byte> words(std::initializer_list<std::uint32_t> values)
{
    std::vector<std::byte> bytes;
    for (const std::uint32_t value : values) {
        for (int b = 0; b < 4; ++b) {
            bytes.push_back(static_cast<std::byte>((value >> (8 * b)) & 0xff));
        }
    }
    return bytes;
}

} // namespace

class PackedLayersTest : public QObject
{
    Q_OBJECT

private slots:
    void gptqWordByHand()
    {
        // 8 input rows of one output in one word, row i holding code i; zero stored as 7 (v1:
        // the zero is 8); scale 0.5. W = 0.5 · (i − 8).
        const auto qweight = words({0x76543210u});
        const auto qzeros = words({0x00000007u});
        PackedLayerParts parts{qweight, {1, 1}, qzeros, {1, 1}, {0.5f}, {1, 1}, {}};
        PackedLayerFormat format{PackedLayerFormat::Method::Gptq, 4, -1, true};
        // out = 1 is not a whole word of zeros (8 outputs each): GPTQ layers have out % 8 == 0.
        QVERIFY(!decodePackedLayer(format, parts, "m"));
        // Eight outputs, the first holding rows 0..7 = codes 0..7, the others code 0.
        const auto eight = words({0x76543210u, 0, 0, 0, 0, 0, 0, 0});
        const auto zeros = words({0x77777777u});
        parts = {eight, {1, 8}, zeros, {1, 1}, std::vector<float>(8, 0.5f), {1, 8}, {}};
        auto decoded = decodePackedLayer(format, parts, "m");
        QVERIFY2(decoded.has_value(), decoded ? "" : decoded.error().message.c_str());
        QCOMPARE(*packedLayerShape(format, parts, "m"), (Shape{8, 8}));
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(decoded->codes[static_cast<std::size_t>(i)], i);
            QCOMPARE(decoded->weight[static_cast<std::size_t>(i)],
                     0.5f * static_cast<float>(i - 8));
            QCOMPARE(decoded->weight[static_cast<std::size_t>(8 + i)],
                     -4.0f); // output 1: (0 − 8)/2
        }
        // gptq_v2: the stored 7 is the zero itself.
        format.zeroStoredMinusOne = false;
        QCOMPARE(decodePackedLayer(format, parts, "m")->weight[0], -3.5f);
    }

    void awqWordByHand()
    {
        // One input row, eight outputs in one word: nibble p holds output order[p].
        const auto qweight = words({0x76543210u});
        const auto qzeros = words({0u});
        PackedLayerParts parts{qweight, {1, 1}, qzeros, {1, 1}, std::vector<float>(8, 1.0f),
                               {1, 8},  {}};
        const PackedLayerFormat format{PackedLayerFormat::Method::Awq, 4, -1, false};
        auto decoded = decodePackedLayer(format, parts, "m");
        QVERIFY2(decoded.has_value(), decoded ? "" : decoded.error().message.c_str());
        QCOMPARE(*packedLayerShape(format, parts, "m"), (Shape{8, 1}));
        QCOMPARE(decoded->codes, (std::vector<std::int32_t>{0, 4, 1, 5, 2, 6, 3, 7}));
        QCOMPARE(decoded->weight, (std::vector<float>{0, 4, 1, 5, 2, 6, 3, 7}));
    }

    void partsThatDoNotFit()
    {
        const auto qweight = words({0, 0, 0, 0, 0, 0, 0, 0});
        const auto qzeros = words({0});
        const PackedLayerFormat format{PackedLayerFormat::Method::Gptq, 4, -1, false};
        PackedLayerParts parts{qweight, {1, 8}, qzeros, {1, 1}, std::vector<float>(8, 1.0f),
                               {2, 8},  {}};
        auto refused = decodePackedLayer(format, parts, "layer");
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.error().message).contains("do not fit"),
                 refused.error().message.c_str());
        // A g_idx naming group 5 of 1.
        const auto groupIndex = words({0, 0, 0, 0, 0, 0, 0, 5});
        parts = {qweight, {1, 8}, qzeros, {1, 1}, std::vector<float>(8, 1.0f), {1, 8}, groupIndex};
        refused = decodePackedLayer(format, parts, "layer");
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.error().message).contains("g_idx[7] = 5"),
                 refused.error().message.c_str());
        // 3-bit codes are refused by name.
        const PackedLayerFormat threeBit{PackedLayerFormat::Method::Gptq, 3, -1, false};
        QVERIFY(!packedLayerShape(threeBit, parts, "layer"));
    }

    void checkpointFolders_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("dtype");
        QTest::newRow("GPTQ 4-bit") << "gptq_4bit" << "gptq int4 (group 32)";
        QTest::newRow("GPTQ 4-bit, act-order g_idx")
            << "gptq_4bit_actorder" << "gptq int4 (group 32)";
        QTest::newRow("GPTQ 8-bit, gptq_v2 zeros") << "gptq_8bit_v2" << "gptq int8 (group 32)";
        QTest::newRow("GPTQ 2-bit") << "gptq_2bit" << "gptq int2 (group 32)";
        QTest::newRow("AWQ GEMM 4-bit") << "awq_gemm_4bit" << "awq int4 (group 32)";
    }

    void checkpointFolders()
    {
        QFETCH(QString, folder);
        QFETCH(QString, dtype);
        const std::string path = test::testData("quantized/" + folder).toStdString();
        auto archive = openTensorArchive(FileSpec{path, {}, {}});
        QVERIFY2(archive.has_value(), archive ? "" : archive.error().describe().c_str());
        const std::string module = "model.layers.0.mlp.down_proj";
        const auto index = (*archive)->find(module + ".weight");
        QVERIFY(index.has_value());
        const TensorEntry& entry = (*archive)->entries().at(*index);
        QCOMPARE(QString::fromStdString(entry.dtype), dtype);
        QVERIFY(entry.alreadyQuantized);
        QCOMPARE(entry.shape, (Shape{16, 64}));
        QVERIFY((*archive)->find(module + ".qweight").has_value()); // the parts stay listed
        QVERIFY((*archive)->find("model.norm.weight").has_value());
        auto loaded = (*archive)->load(*index);
        QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->warnings.size(), std::size_t{1});
        QCOMPARE(loaded->warnings[0].code, WarningCode::AlreadyQuantized);
        const Tensor expected = test::loadNamed(path + "/expected.npz", module + ".weight");
        QCOMPARE(loaded->tensor.shape, expected.shape);
        QCOMPARE(loaded->tensor.values, expected.values);
    }
};

QTEST_GUILESS_MAIN(PackedLayersTest)
#include "tst_packed_layers.moc"
