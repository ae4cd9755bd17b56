// GGUF files written here byte by byte: float and integer tensors read (dimensions reversed to C
// order), block types decoded, lattice and unknown types listed with their size and refused,
// metadata shown, the alignment honoured, and a malformed-file table.

#include "analysis/gguf_audit.h"
#include "analysis/model_report.h"
#include "analysis/reference_comparison.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/gguf_files.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>

using namespace qs;
using test::ggufBytes;
using test::GgufTensor;
using test::put32;
using test::put64;

namespace {

std::vector<GgufTensor> sampleTensors()
{
    return {
        {"token_embd.weight", {3, 2}, 0, test::floatBytes({1, 2, 3, 4, 5, 6})},
        {"blk.0.attn_norm.weight", {2}, 1, QByteArray("\x00\x3c\x00\xc1", 4)}, // f16 1, -2.5
        {"blk.0.ffn_up.weight", {2}, 30, QByteArray("\x80\x3f\x40\x40", 4)},   // bf16 1, 3
        {"blk.0.attn_q.weight", {32}, 8, QByteArray(34, '\x01')},              // one q8_0 block
        {"rope.freqs", {2}, 26, QByteArray("\x05\x00\x00\x00\xfd\xff\xff\xff", 8)}, // i32 5, -3
        {"blk.1.attn_k.weight", {256}, 18, QByteArray(98, '\0')}, // one iq3_xxs (lattice) block
        {"blk.1.attn_v.weight", {4}, 99, QByteArray(16, '\0')},   // a type id ggml never had
    };
}

} // namespace

class TestGguf : public QObject
{
    Q_OBJECT

private slots:
    void readsFloatAndIntegerTensors();
    void quantizedTensorsDecoded();
    void latticeAndUnknownTypesListedNotRead();
    void auditCountsTypesAndJudgesTheLabel();
    void referenceMatchedByLlamaNames();
    void metadataAndAlignment();
    void modelReportReadsInPlace();
    void malformed_data();
    void malformed();
};

void TestGguf::readsFloatAndIntegerTensors()
{
    test::ScratchDir dir;
    const auto path = dir.write("m.gguf", ggufBytes(sampleTensors()));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    QCOMPARE((*archive)->format(), ArchiveFormat::Gguf);
    QCOMPARE((*archive)->entries().size(), std::size_t{7});
    const Tensor embedding = test::loadNamed(path, "token_embd.weight");
    QCOMPARE(embedding.shape, (Shape{2, 3})); // ggml's {3, 2}: rows of 3
    QCOMPARE(embedding.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(test::loadNamed(path, "blk.0.attn_norm.weight").values,
             (std::vector<float>{1, -2.5f}));
    const Tensor up = test::loadNamed(path, "blk.0.ffn_up.weight");
    QCOMPARE(up.values, (std::vector<float>{1, 3}));
    QCOMPARE(up.sourceDtype, Dtype::BFloat16);
    QCOMPARE(test::loadNamed(path, "rope.freqs").values, (std::vector<float>{5, -3}));
    QVERIFY(!(*archive)->entries()[4].floating);
}

void TestGguf::quantizedTensorsDecoded()
{
    test::ScratchDir dir;
    const auto path = dir.write("m.gguf", ggufBytes(sampleTensors()));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    const TensorEntry& q = (*archive)->entries()[3];
    QCOMPARE(q.dtype, std::string("q8_0"));
    QCOMPARE(q.bytes, std::uint64_t{34});
    QCOMPARE(q.count, std::uint64_t{32});
    QVERIFY(q.unsupported.empty());
    QVERIFY(q.alreadyQuantized);
    QVERIFY(q.floating);
    // d = fp16 0x0101 = 257·2^−24, every code 1: R′ = d.
    const Tensor decoded = test::loadNamed(path, "blk.0.attn_q.weight");
    QCOMPARE(decoded.values, std::vector<float>(32, 257.0f * 0x1p-24f));
    QVERIFY((*archive)->storedBlocks(3).has_value());
    QCOMPARE((*archive)->storedBlocks(3)->bytes.size(), std::size_t{34});
    QVERIFY(!(*archive)->storedBlocks(0).has_value()); // f32 is not a block type
}

void TestGguf::latticeAndUnknownTypesListedNotRead()
{
    test::ScratchDir dir;
    const auto path = dir.write("m.gguf", ggufBytes(sampleTensors()));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    const TensorEntry& lattice = (*archive)->entries()[5];
    QCOMPARE(lattice.dtype, std::string("iq3_xxs"));
    QCOMPARE(lattice.bytes, std::uint64_t{98});
    QVERIFY(lattice.unsupported.find("lattice") != std::string::npos);
    const auto refused = loadTensorFile(FileSpec{path, "blk.1.attn_k.weight", {}});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::UnsupportedDtype);
    QVERIFY(refused.error().describe().find("blk.1.attn_k.weight") != std::string::npos);
    const TensorEntry& unknown = (*archive)->entries()[6];
    QCOMPARE(unknown.dtype, std::string("ggml type 99"));
    QVERIFY(unknown.unsupported.find("not known") != std::string::npos);
    QVERIFY(!loadTensorFile(FileSpec{path, "blk.1.attn_v.weight", {}}));
}

void TestGguf::auditCountsTypesAndJudgesTheLabel()
{
    const std::vector<GgufTensor> tensors{
        {"token_embd.weight", {32, 2}, 8, QByteArray(2 * 34, '\0')},     // q8_0, 64 values
        {"blk.0.attn_q.weight", {32, 4}, 2, QByteArray(4 * 18, '\0')},   // q4_0, 128 values
        {"blk.0.attn_norm.weight", {4}, 0, QByteArray(16, '\0')},        // f32
        {"blk.1.ffn_down.weight", {32, 4}, 2, QByteArray(4 * 18, '\0')}, // q4_0
    };
    test::ScratchDir dir;
    // Labelled Q8_0 (llama_ftype 7), but q4_0 holds 256 of the matrices' 320 values.
    const auto mislabelled =
        dir.write("q8.gguf", ggufBytes(tensors, 32, {{"general.file_type", 7}}));
    auto archive = openTensorArchive(FileSpec{mislabelled, {}, {}});
    QVERIFY(archive);
    const auto audit = auditGguf(**archive);
    QVERIFY(audit.has_value());
    QCOMPARE(audit->fileType, std::optional<std::uint32_t>(7));
    QCOMPARE(audit->fileTypeName, std::string("Q8_0"));
    QCOMPARE(audit->claimedType, std::string("q8_0"));
    QCOMPARE(audit->dominantType, std::string("q4_0"));
    QVERIFY(audit->labelDisagrees);
    QVERIFY2(audit->note.find("80.0%") != std::string::npos, audit->note.c_str());
    QCOMPARE(audit->types.front().type, std::string("q4_0")); // most bytes first
    QCOMPARE(audit->types.front().tensors, std::size_t{2});
    QCOMPARE(audit->types.front().values, std::uint64_t{256});
    QCOMPARE(audit->types.front().bytes, std::uint64_t{144});
    QCOMPARE(audit->types.front().bitsPerValue(), 4.5);
    QCOMPARE(audit->values, std::uint64_t{64 + 128 + 4 + 128});
    QCOMPARE(audit->bytes, std::uint64_t{68 + 72 + 16 + 72});
    QCOMPARE(audit->typeMap[0].layer, -1);
    QCOMPARE(audit->typeMap[0].role, std::string("token_embd"));
    QCOMPARE(audit->typeMap[1].layer, 0);
    QCOMPARE(audit->typeMap[1].role, std::string("attn_q"));
    QCOMPARE(audit->typeMap[3].layer, 1);
    QCOMPARE(audit->typeMap[3].role, std::string("ffn_down"));
    // Labelled Q4_0: it says what the file is.
    const auto labelled = dir.write("q4.gguf", ggufBytes(tensors, 32, {{"general.file_type", 2}}));
    auto agreeing = openTensorArchive(FileSpec{labelled, {}, {}});
    QVERIFY(agreeing);
    QVERIFY(!auditGguf(**agreeing)->labelDisagrees);
    // No label: nothing to judge.
    auto plain = openTensorArchive(FileSpec{dir.write("none.gguf", ggufBytes(tensors)), {}, {}});
    QVERIFY(plain);
    QVERIFY(!auditGguf(**plain)->fileType.has_value());
    QVERIFY(!auditGguf(**plain)->labelDisagrees);
    QCOMPARE(llamaFileType(15), (std::pair<std::string, std::string>("Q4_K_M", "q4_k")));
    QCOMPARE(llamaFileType(38), (std::pair<std::string, std::string>("MXFP4_MOE", "mxfp4")));
    QVERIFY(llamaFileType(4).first.empty()); // a removed id
}

void TestGguf::referenceMatchedByLlamaNames()
{
    // A Hugging Face checkpoint (2 heads, 1 key-value head, head size 4, rows of 32) and the
    // GGUF file its converter would write: Q and K rows in llama.cpp's order, stored as f32, so
    // that a correct match is lossless and a wrong row order is not.
    constexpr int kCols = 32;
    const auto matrix = [](int rows, float seed) {
        std::vector<float> v(static_cast<std::size_t>(rows * kCols));
        for (std::size_t i = 0; i < v.size(); ++i) {
            v[i] = std::sin(seed + 0.37f * static_cast<float>(i));
        }
        return v;
    };
    // The converter's permute, written out for heads of 4 rows: rows (h, s, i) → (h, i, s).
    const auto converted = [](const std::vector<float>& w, int heads) {
        std::vector<float> out(w.size());
        const int half = static_cast<int>(w.size()) / kCols / heads / 2;
        for (int h = 0; h < heads; ++h) {
            for (int s = 0; s < 2; ++s) {
                for (int i = 0; i < half; ++i) {
                    const int from = (h * 2 + s) * half + i;
                    const int to = (h * half + i) * 2 + s;
                    std::copy_n(w.begin() + from * kCols, kCols, out.begin() + to * kCols);
                }
            }
        }
        return out;
    };
    const std::vector<float> q = matrix(8, 1.0f);
    const std::vector<float> k = matrix(4, 2.0f);
    const std::vector<float> v = matrix(4, 3.0f);
    test::ScratchDir dir;
    const QByteArray header =
        R"({"model.layers.0.self_attn.q_proj.weight":{"dtype":"F32","shape":[8,32],"data_offsets":[0,1024]},)"
        R"("model.layers.0.self_attn.k_proj.weight":{"dtype":"F32","shape":[4,32],"data_offsets":[1024,1536]},)"
        R"("model.layers.0.self_attn.v_proj.weight":{"dtype":"F32","shape":[4,32],"data_offsets":[1536,2048]}})";
    std::vector<float> all = q;
    all.insert(all.end(), k.begin(), k.end());
    all.insert(all.end(), v.begin(), v.end());
    const auto reference =
        dir.write("model.safetensors", test::safetensorsBytes(header, test::floatBytes(all)));
    const auto gguf = dir.write(
        "m.gguf",
        ggufBytes({{"blk.0.attn_q.weight", {32, 8}, 0, test::floatBytes(converted(q, 2))},
                   {"blk.0.attn_k.weight", {32, 4}, 0, test::floatBytes(converted(k, 1))},
                   {"blk.0.attn_v.weight", {32, 4}, 0, test::floatBytes(v)},
                   {"blk.0.attn_output.weight", {32, 4}, 0, test::floatBytes(v)}},
                  32, {{"llama.attention.head_count", 2}, {"llama.attention.head_count_kv", 1}}));
    auto quantized = openTensorArchive(FileSpec{gguf, {}, {}});
    auto checkpoint = openTensorArchive(FileSpec{reference, {}, {}});
    QVERIFY(quantized && checkpoint);
    auto comparison = compareWithReference(**quantized, **checkpoint);
    QVERIFY(comparison);
    QCOMPARE(comparison->tensors.size(), std::size_t{4});
    for (int t = 0; t < 3; ++t) {
        const ReferenceMatch& m = comparison->tensors[static_cast<std::size_t>(t)];
        QVERIFY2(m.stored.has_value(), m.note.c_str());
        QVERIFY2(std::isinf(m.stored->sqnrDb), m.name.c_str()); // lossless: the rows line up
        QCOMPARE(m.stored->cosineSimilarity, 1.0);
    }
    QCOMPARE(comparison->tensors[0].referenceName,
             std::string("model.layers.0.self_attn.q_proj.weight"));
    const ReferenceMatch& unmatched = comparison->tensors[3]; // o_proj is not in the checkpoint
    QVERIFY(!unmatched.stored);
    QVERIFY(unmatched.note.find("no tensor") != std::string::npos);
    // Without the converter's order the rows would not line up: the check above can fail.
    QVERIFY(converted(q, 2) != q);
}

void TestGguf::metadataAndAlignment()
{
    test::ScratchDir dir;
    const auto path = dir.write("a.gguf", ggufBytes(sampleTensors(), 64));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    const Metadata& metadata = (*archive)->metadata();
    const auto value = [&](const std::string& key) {
        const auto it = std::ranges::find(metadata, key, &Metadata::value_type::first);
        return it == metadata.end() ? std::string("(missing)") : it->second;
    };
    QCOMPARE(value("general.architecture"), std::string("llama"));
    QCOMPARE(value("tokenizer.ggml.tokens"), std::string("[3 values]"));
    QCOMPARE(value("general.alignment"), std::string("64"));
    QCOMPARE(test::loadNamed(path, "rope.freqs").values, (std::vector<float>{5, -3}));
}

void TestGguf::modelReportReadsInPlace()
{
    test::ScratchDir dir;
    std::vector<float> values(64 * 32);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<float>(static_cast<int>(i % 29) - 14) * (i == 100 ? 9.0f : 0.1f);
    }
    const auto path = dir.write(
        "w.gguf", ggufBytes({{"blk.0.ffn_down.weight", {32, 64}, 0, test::floatBytes(values)}}));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY((*archive)->stored(0).has_value());
    QuantSpec spec;
    const auto report = analyzeModel(**archive, spec);
    QVERIFY(report);
    const Tensor tensor = test::loadNamed(path, "blk.0.ffn_down.weight");
    const auto row = analyzeModelTensor(tensor, (*archive)->entries()[0], spec, 0);
    QCOMPARE(report->tensors.at(0).sqnrDb, row->sqnrDb);
    QCOMPARE(*report->tensors.at(0).perChannelSqnrDb, *row->perChannelSqnrDb);
}

void TestGguf::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    const QByteArray good = ggufBytes(sampleTensors());
    QTest::newRow("bad magic") << (QByteArray("GGML") + good.mid(4)) << int(ErrorCode::BadMagic)
                               << "not a GGUF file";
    QByteArray v1 = good;
    v1[4] = 1;
    QTest::newRow("version 1") << v1 << int(ErrorCode::BadHeader) << "GGUF version 1";
    QTest::newRow("truncated header")
        << good.left(200) << int(ErrorCode::Truncated) << "runs past the end of the file";
    QTest::newRow("cut inside a number")
        << good.left(20) << int(ErrorCode::Truncated) << "ends inside the header";
    QTest::newRow("cut after the counts")
        << good.left(60) << int(ErrorCode::Truncated) << "more than the file holds";
    QTest::newRow("empty file") << QByteArray() << int(ErrorCode::BadMagic) << "not a GGUF";
    QByteArray counts("GGUF");
    put32(counts, 3);
    put64(counts, quint64{1} << 40);
    put64(counts, 0);
    QTest::newRow("tensor count past the file")
        << counts << int(ErrorCode::Truncated) << "more than the file holds";
    QByteArray longString("GGUF");
    put32(longString, 3);
    put64(longString, 0);
    put64(longString, 1);
    put64(longString, quint64{1} << 50);
    longString += QByteArray(16, 'x');
    QTest::newRow("string length past the file")
        << longString << int(ErrorCode::Truncated) << "runs past the end of the file";
    QTest::newRow("five dimensions")
        << ggufBytes({{"t", {1, 1, 1, 1, 1}, 0, test::floatBytes({1})}})
        << int(ErrorCode::BadHeader) << "5 dimensions";
    QTest::newRow("data past the end")
        << ggufBytes({{"t", {4}, 0, test::floatBytes({1, 2, 3, 4})}}).chopped(20)
        << int(ErrorCode::Truncated) << "data section holds only";
    QTest::newRow("q4_0 not in whole blocks")
        << ggufBytes({{"q", {20}, 2, QByteArray(18, '\0')}}) << int(ErrorCode::BadHeader)
        << "are not whole q4_0 blocks";
    QTest::newRow("q4_k rows not whole blocks")
        << ggufBytes({{"q", {128, 2}, 12, QByteArray(144, '\0')}}) << int(ErrorCode::BadHeader)
        << "rows of 128 values";
    QTest::newRow("alignment not a power of two")
        << ggufBytes({{"t", {1}, 0, test::floatBytes({1})}}, 24) << int(ErrorCode::BadHeader)
        << "not a power of two";
    // Two tensors at the same offset, and one off the alignment: rewrite the second's offset.
    QByteArray overlap =
        ggufBytes({{"first", {8}, 0, test::floatBytes(std::vector<float>(8, 1))},
                   {"second", {8}, 0, test::floatBytes(std::vector<float>(8, 2))}});
    // The info of "second": its name, dimension count, one dimension, type, then the offset.
    const qsizetype name = overlap.indexOf("second");
    QVERIFY(name > 0);
    const qsizetype offset = name + 6 + 4 + 8 + 4;
    QByteArray misaligned = overlap;
    for (int i = 0; i < 8; ++i) {
        overlap[offset + i] = 0;
        misaligned[offset + i] = static_cast<char>(i == 0 ? 4 : 0);
    }
    QTest::newRow("overlapping tensors")
        << overlap << int(ErrorCode::BadHeader) << "overlaps tensor 'first'";
    QTest::newRow("misaligned tensor")
        << misaligned << int(ErrorCode::BadHeader) << "not a multiple of the alignment 32";
}

void TestGguf::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::verifyRefused(QStringLiteral("bad.gguf"), bytes, code, words);
}

QTEST_GUILESS_MAIN(TestGguf)
#include "tst_gguf.moc"
