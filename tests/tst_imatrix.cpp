// llama.cpp importance matrices written here byte by byte, in both formats llama-quantize reads:
// the weights it would hand to ggml (sums ÷ ncall or ÷ counts, 1 for an unused expert, NUL-ended
// and repeated names), the recorded datasets and chunk count, the format told by content, the
// per-tensor lookup with its size check, and a table of malformed files with the expected error.

#include "io/imatrix_file.h"
#include "support/temp_files.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

using namespace qs;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

void put32(QByteArray& bytes, quint32 value)
{
    for (int i = 0; i < 4; ++i) {
        bytes += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

void put64(QByteArray& bytes, quint64 value)
{
    for (int i = 0; i < 8; ++i) {
        bytes += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

void putFloats(QByteArray& bytes, const std::vector<float>& values)
{
    for (const float v : values) {
        put32(bytes, std::bit_cast<quint32>(v));
    }
}

QByteArray floatBytes(const std::vector<float>& values)
{
    QByteArray bytes;
    putFloats(bytes, values);
    return bytes;
}

// ---- legacy .dat: int32 counts and lengths, float32 values ----

QByteArray datEntry(const QByteArray& name, qint32 ncall, const std::vector<float>& values)
{
    QByteArray bytes;
    put32(bytes, static_cast<quint32>(name.size()));
    bytes += name;
    put32(bytes, static_cast<quint32>(ncall));
    put32(bytes, static_cast<quint32>(values.size()));
    putFloats(bytes, values);
    return bytes;
}

QByteArray datTrailer(qint32 chunks, const QByteArray& dataset)
{
    QByteArray bytes;
    put32(bytes, static_cast<quint32>(chunks));
    put32(bytes, static_cast<quint32>(dataset.size()));
    return bytes + dataset;
}

QByteArray datBytes(qint32 count, const QByteArray& entries, const QByteArray& trailer = {})
{
    QByteArray bytes;
    put32(bytes, static_cast<quint32>(count));
    return bytes + entries + trailer;
}

// ---- GGUF: metadata entries already encoded, tensors at 32-byte aligned offsets ----

QByteArray ggufString(const QByteArray& text)
{
    QByteArray bytes;
    put64(bytes, static_cast<quint64>(text.size()));
    return bytes + text;
}

QByteArray kvString(const QByteArray& key, const QByteArray& text)
{
    QByteArray bytes = ggufString(key);
    put32(bytes, 8);
    return bytes + ggufString(text);
}

QByteArray kvScalar32(const QByteArray& key, quint32 type, quint32 value)
{
    QByteArray bytes = ggufString(key);
    put32(bytes, type);
    put32(bytes, value);
    return bytes;
}

QByteArray kvU32(const QByteArray& key, quint32 value)
{
    return kvScalar32(key, 4, value);
}

QByteArray kvStrings(const QByteArray& key, const QList<QByteArray>& texts)
{
    QByteArray bytes = ggufString(key);
    put32(bytes, 9);
    put32(bytes, 8);
    put64(bytes, static_cast<quint64>(texts.size()));
    for (const QByteArray& text : texts) {
        bytes += ggufString(text);
    }
    return bytes;
}

QByteArray kvInt32s(const QByteArray& key, const QList<qint32>& values)
{
    QByteArray bytes = ggufString(key);
    put32(bytes, 9);
    put32(bytes, 5);
    put64(bytes, static_cast<quint64>(values.size()));
    for (const qint32 v : values) {
        put32(bytes, static_cast<quint32>(v));
    }
    return bytes;
}

// What llama-imatrix writes before its tensors.
QList<QByteArray> imatrixKeys(const QList<QByteArray>& datasets = {"calibration.txt"},
                              quint32 chunks = 10)
{
    return {kvString("general.type", "imatrix"), kvStrings("imatrix.datasets", datasets),
            kvU32("imatrix.chunk_count", chunks), kvU32("imatrix.chunk_size", 512)};
}

struct GgufTensor
{
    QByteArray name;
    std::vector<quint64> dims; // ggml order: fastest first
    quint32 type = 0;          // f32
    QByteArray data;
};

QByteArray ggufBytes(const QList<QByteArray>& keys, const std::vector<GgufTensor>& tensors)
{
    QByteArray bytes("GGUF");
    put32(bytes, 3);
    put64(bytes, tensors.size());
    put64(bytes, static_cast<quint64>(keys.size()));
    for (const QByteArray& kv : keys) {
        bytes += kv;
    }
    QByteArray data;
    for (const GgufTensor& t : tensors) {
        bytes += ggufString(t.name);
        put32(bytes, static_cast<quint32>(t.dims.size()));
        for (const quint64 d : t.dims) {
            put64(bytes, d);
        }
        put32(bytes, t.type);
        put64(bytes, static_cast<quint64>(data.size()));
        data += t.data;
        while (data.size() % 32 != 0) {
            data += '\0';
        }
    }
    while (bytes.size() % 32 != 0) {
        bytes += '\0';
    }
    return bytes + data;
}

// NAME.in_sum2 [ne0, n] and NAME.counts [1, n], n = counts.size(), as llama-imatrix writes them.
std::vector<GgufTensor> sumsAndCounts(const QByteArray& name, const std::vector<float>& sums,
                                      const std::vector<float>& counts)
{
    const quint64 n = counts.size();
    return {{name + ".in_sum2", {sums.size() / n, n}, 0, floatBytes(sums)},
            {name + ".counts", {1, n}, 0, floatBytes(counts)}};
}

std::vector<GgufTensor> operator+(std::vector<GgufTensor> a, const std::vector<GgufTensor>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

void compareWeights(std::span<const float> actual, const std::vector<float>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::abs(actual[i] - expected[i]) <= 1e-6f * std::max(1.0f, std::abs(expected[i])),
                 qPrintable(QStringLiteral("weight %1: %2, expected %3")
                                .arg(i)
                                .arg(actual[i])
                                .arg(expected[i])));
    }
}

QStringList toStrings(const std::vector<std::string>& texts)
{
    QStringList list;
    for (const std::string& text : texts) {
        list << QString::fromStdString(text);
    }
    return list;
}

} // namespace

class TestImatrix : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void formatByContentNotName();
    void importanceFor_data();
    void importanceFor();
    void malformed_data();
    void malformed();
    void missingFileAndFolder();
};

void TestImatrix::reads_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<std::vector<float>>("weights");
    QTest::addColumn<int>("entries");
    QTest::addColumn<QStringList>("datasets");
    QTest::addColumn<qint64>("chunks");

    const QByteArray q = "blk.0.attn_q.weight";
    // .dat: the stored values are ncall × mean(x²); llama-quantize divides when ncall > 0.
    QTest::newRow("dat: divided by ncall")
        << datBytes(1, datEntry(q, 4, {4, 8, 2, 0}), datTrailer(7, "wiki.train.raw")) << "dat"
        << QString(q) << std::vector<float>{1, 2, 0.5f, 0} << 1 << QStringList{"wiki.train.raw"}
        << qint64{7};
    QTest::newRow("dat: ncall 0 keeps the values")
        << datBytes(1, datEntry(q, 0, {3, 5})) << "dat" << QString(q) << std::vector<float>{3, 5}
        << 1 << QStringList{} << qint64{0};
    QTest::newRow("dat: negative ncall keeps the values")
        << datBytes(1, datEntry(q, -2, {3, 5})) << "dat" << QString(q) << std::vector<float>{3, 5}
        << 1 << QStringList{} << qint64{0};
    QTest::newRow("dat: 3 experts one after another")
        << datBytes(1, datEntry("blk.0.ffn_up_exps.weight", 3, {3, 6, 9, 12, 1.5f, 0}),
                    datTrailer(2, "c.txt"))
        << "dat" << "blk.0.ffn_up_exps.weight" << std::vector<float>{1, 2, 3, 4, 0.5f, 0} << 1
        << QStringList{"c.txt"} << qint64{2};
    QTest::newRow("dat: the name ends at a NUL")
        << datBytes(1, datEntry(QByteArray("blk.1.ffn_up.weight\0junk", 24), 1, {2})) << "dat"
        << "blk.1.ffn_up.weight" << std::vector<float>{2} << 1 << QStringList{} << qint64{0};
    QTest::newRow("dat: a repeated name keeps the last")
        << datBytes(2, datEntry(q, 1, {1, 1}) + datEntry(q, 2, {8, 6})) << "dat" << QString(q)
        << std::vector<float>{4, 3} << 1 << QStringList{} << qint64{0};
    QTest::newRow("dat: two entries, empty dataset name, bytes after it")
        << datBytes(2, datEntry(q, 1, {1}) + datEntry("output.weight", 2, {5}),
                    datTrailer(3, "") + QByteArray("extra"))
        << "dat" << "output.weight" << std::vector<float>{2.5f} << 2 << QStringList{""}
        << qint64{3};

    // GGUF: weight = in_sum2 / counts per slice, 1 where the count is 0.
    QTest::newRow("gguf: dense") << ggufBytes(imatrixKeys({"a.txt", "b.txt"}, 12),
                                              sumsAndCounts(q, {8, 4, 2, 0}, {4}))
                                 << "gguf" << QString(q) << std::vector<float>{2, 1, 0.5f, 0} << 1
                                 << QStringList{"a.txt", "b.txt"} << qint64{12};
    QTest::newRow("gguf: experts, one never routed to")
        << ggufBytes(imatrixKeys(),
                     sumsAndCounts("blk.0.ffn_down_exps.weight", {2, 4, 9, 9, 6, 3}, {2, 0, 3}))
        << "gguf" << "blk.0.ffn_down_exps.weight" << std::vector<float>{1, 2, 1, 1, 2, 1} << 1
        << QStringList{"calibration.txt"} << qint64{10};
    QTest::newRow("gguf: an unused slice's sums are not read")
        << ggufBytes(imatrixKeys(), sumsAndCounts(q, {kNaN, -1, 4, 4}, {0, 2})) << "gguf"
        << QString(q) << std::vector<float>{1, 1, 2, 2} << 1 << QStringList{"calibration.txt"}
        << qint64{10};
    QTest::newRow("gguf: fractional count")
        << ggufBytes(imatrixKeys(), sumsAndCounts(q, {1, 3}, {0.5f})) << "gguf" << QString(q)
        << std::vector<float>{2, 6} << 1 << QStringList{"calibration.txt"} << qint64{10};
    QTest::newRow("gguf: 1-D sums, trailing dimension of 1")
        << ggufBytes(imatrixKeys(), {{q + ".in_sum2", {3}, 0, floatBytes({3, 6, 9})},
                                     {q + ".counts", {1, 1, 1}, 0, floatBytes({3})}})
        << "gguf" << QString(q) << std::vector<float>{1, 2, 3} << 1
        << QStringList{"calibration.txt"} << qint64{10};
    QTest::newRow("gguf: datasets as one string, no general.type, other tensors ignored")
        << ggufBytes({kvString("imatrix.datasets", "one.txt"), kvU32("imatrix.chunk_count", 4),
                      kvU32("imatrix.chunk_size", 256), kvInt32s("other.ints", {1, 2})},
                     sumsAndCounts(q, {2, 2}, {2}) +
                         std::vector<GgufTensor>{{q + ".in_sum", {2, 1}, 0, floatBytes({1, 1})},
                                                 {"notes", {2}, 1, QByteArray(4, '\0')}})
        << "gguf" << QString(q) << std::vector<float>{1, 1} << 1 << QStringList{"one.txt"}
        << qint64{4};
    QTest::newRow("gguf: empty datasets, several tensors")
        << ggufBytes(imatrixKeys({}, 0),
                     sumsAndCounts("a", {1}, {1}) + sumsAndCounts("b", {4, 4}, {2}))
        << "gguf" << "b" << std::vector<float>{2, 2} << 2 << QStringList{} << qint64{0};
}

void TestImatrix::reads()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, format);
    QFETCH(QString, tensor);
    QFETCH(std::vector<float>, weights);
    QFETCH(int, entries);
    QFETCH(QStringList, datasets);
    QFETCH(qint64, chunks);
    test::ScratchDir dir;
    const auto path = dir.write("imatrix.bin", bytes);
    const auto m = readImportanceMatrix(path);
    QVERIFY2(m, m ? "" : m.error().describe().c_str());
    QCOMPARE(m->path, path);
    QCOMPARE(QString::fromStdString(m->format), format);
    QCOMPARE(int(m->entries.size()), entries);
    QCOMPARE(toStrings(m->datasets), datasets);
    QCOMPARE(m->chunks, chunks);
    const auto found = m->entries.find(tensor.toStdString());
    QVERIFY2(found != m->entries.end(), qPrintable(tensor));
    compareWeights(found->second, weights);
}

void TestImatrix::formatByContentNotName()
{
    test::ScratchDir dir;
    const QByteArray gguf = ggufBytes(imatrixKeys(), sumsAndCounts("t", {4}, {2}));
    const auto asDat = readImportanceMatrix(dir.write("imatrix.dat", gguf));
    QVERIFY2(asDat, asDat ? "" : asDat.error().describe().c_str());
    QCOMPARE(asDat->format, std::string("gguf"));
    const auto asGguf =
        readImportanceMatrix(dir.write("imatrix.gguf", datBytes(1, datEntry("t", 2, {4}))));
    QVERIFY2(asGguf, asGguf ? "" : asGguf.error().describe().c_str());
    QCOMPARE(asGguf->format, std::string("dat"));
    // The same weights either way.
    QCOMPARE(asDat->entries, asGguf->entries);
}

void TestImatrix::importanceFor_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<qulonglong>("rowLength");
    QTest::addColumn<qulonglong>("matrices");
    QTest::addColumn<int>("code"); // -1: found
    QTest::addColumn<QString>("words");
    QTest::addColumn<std::vector<float>>("weights");

    const std::vector<float> experts{1, 2, 1, 1, 2, 1};
    QTest::newRow("dense") << "dense" << 4ull << 1ull << -1 << ""
                           << std::vector<float>{2, 1, 0.5f, 0};
    QTest::newRow("3 experts of rows of 2") << "experts" << 2ull << 3ull << -1 << "" << experts;
    QTest::newRow("only the total is checked, as llama-quantize does")
        << "experts" << 3ull << 2ull << -1 << "" << experts;
    QTest::newRow("not in the matrix")
        << "blk.9.attn_k.weight" << 4ull << 1ull << int(ErrorCode::TensorNotFound)
        << "no entry for tensor 'blk.9.attn_k.weight'" << std::vector<float>{};
    QTest::newRow("rows too long")
        << "dense" << 8ull << 1ull << int(ErrorCode::InvalidArgument)
        << "holds 4 weights but the tensor needs 8 × 1" << std::vector<float>{};
    QTest::newRow("expert count differs")
        << "experts" << 2ull << 4ull << int(ErrorCode::InvalidArgument)
        << "holds 6 weights but the tensor needs 2 × 4 (rows of 2 values, 4 matrices)"
        << std::vector<float>{};
    QTest::newRow("no rows") << "dense" << 0ull << 1ull << int(ErrorCode::InvalidArgument)
                             << "needs 0 × 1" << std::vector<float>{};
    QTest::newRow("size overflows")
        << "dense" << qulonglong{std::numeric_limits<std::size_t>::max()} << 2ull
        << int(ErrorCode::InvalidArgument) << "holds 4 weights" << std::vector<float>{};
}

void TestImatrix::importanceFor()
{
    QFETCH(QString, tensor);
    QFETCH(qulonglong, rowLength);
    QFETCH(qulonglong, matrices);
    QFETCH(int, code);
    QFETCH(QString, words);
    QFETCH(std::vector<float>, weights);
    test::ScratchDir dir;
    const auto path = dir.write(
        "imatrix.gguf",
        ggufBytes(imatrixKeys(), sumsAndCounts("dense", {8, 4, 2, 0}, {4}) +
                                     sumsAndCounts("experts", {2, 4, 9, 9, 6, 3}, {2, 0, 3})));
    const auto m = readImportanceMatrix(path);
    QVERIFY2(m, m ? "" : m.error().describe().c_str());
    const auto found = qs::importanceFor(*m, tensor.toStdString(), rowLength, matrices);
    if (code < 0) {
        QVERIFY2(found, found ? "" : found.error().describe().c_str());
        compareWeights(*found, weights);
        return;
    }
    QVERIFY(!found);
    QCOMPARE(int(found.error().code), code);
    const std::string text = found.error().describe();
    QVERIFY2(text.starts_with(path), text.c_str());
    QVERIFY2(text.find(words.toStdString()) != std::string::npos, text.c_str());
    QVERIFY2(text.find(tensor.toStdString()) != std::string::npos, text.c_str());
}

void TestImatrix::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");

    const QByteArray q = "blk.0.attn_q.weight";
    const QByteArray good = datEntry(q, 1, {1, 2});
    QTest::newRow("dat: empty file")
        << QByteArray() << int(ErrorCode::Truncated) << "ends inside the entry count";
    QTest::newRow("dat: no entries") << datBytes(0, {}) << int(ErrorCode::BadHeader)
                                     << "claims 0 entries; llama-quantize needs at least 1";
    QTest::newRow("dat: negative entry count")
        << datBytes(-1, good) << int(ErrorCode::BadHeader) << "claims -1 entries";
    QTest::newRow("dat: more entries than bytes")
        << datBytes(1000000, good) << int(ErrorCode::Truncated)
        << "claims 1000000 entries, more than its";
    QTest::newRow("dat: text file") << QByteArray("hello, this is not an imatrix\n")
                                    << int(ErrorCode::Truncated) << "no GGUF magic";
    QByteArray negativeName;
    put32(negativeName, static_cast<quint32>(-5));
    negativeName += QByteArray(20, '\0');
    QTest::newRow("dat: negative name length")
        << datBytes(1, negativeName) << int(ErrorCode::BadHeader)
        << "entry 1: name length -5 is negative";
    QByteArray longName;
    put32(longName, 1000);
    longName += QByteArray(20, 'n');
    QTest::newRow("dat: name past the end") << datBytes(1, longName) << int(ErrorCode::Truncated)
                                            << "the name of entry 1: 1000 bytes run past";
    QTest::newRow("dat: cut inside the value count")
        << datBytes(1, good).left(4 + 4 + q.size() + 4 + 2) << int(ErrorCode::Truncated)
        << "ends inside the value count of entry 1 ('blk.0.attn_q.weight')";
    QTest::newRow("dat: zero values")
        << datBytes(1, datEntry(q, 1, {}) + QByteArray(4, '\0')) << int(ErrorCode::BadHeader)
        << "tensor 'blk.0.attn_q.weight': the entry holds 0 values";
    QByteArray negativeCount = datEntry(q, 1, {1, 2});
    negativeCount[4 + q.size() + 4 + 3] = '\xff'; // nval's top byte
    QTest::newRow("dat: negative value count")
        << datBytes(1, negativeCount) << int(ErrorCode::BadHeader) << "values; llama-quantize";
    QTest::newRow("dat: values past the end")
        << datBytes(2, good + datEntry("b", 1, {1, 2, 3, 4}).chopped(3))
        << int(ErrorCode::Truncated) << "the values of entry 2 ('b'): 16 bytes run past";
    QTest::newRow("dat: trailer cut in its chunk count")
        << datBytes(1, good, QByteArray(2, '\0')) << int(ErrorCode::Truncated)
        << "ends inside the chunk count";
    QTest::newRow("dat: trailer without its dataset length")
        << datBytes(1, good, QByteArray(4, '\0')) << int(ErrorCode::Truncated)
        << "ends inside the dataset name length";
    QTest::newRow("dat: negative chunk count")
        << datBytes(1, good, datTrailer(-3, "x")) << int(ErrorCode::BadHeader)
        << "chunk count after the entries is negative (-3)";
    QByteArray negativeDataset;
    put32(negativeDataset, 1);
    put32(negativeDataset, static_cast<quint32>(-1));
    QTest::newRow("dat: negative dataset length")
        << datBytes(1, good, negativeDataset) << int(ErrorCode::BadHeader)
        << "dataset name length -1 is negative";
    QTest::newRow("dat: dataset past the end")
        << datBytes(1, good, datTrailer(1, "calibration.txt").chopped(4))
        << int(ErrorCode::Truncated) << "the dataset name: 15 bytes run past";
    QTest::newRow("dat: NaN value")
        << datBytes(1, datEntry(q, 2, {1, kNaN})) << int(ErrorCode::BadValue)
        << "tensor 'blk.0.attn_q.weight': weight 1 is nan";
    QTest::newRow("dat: infinite value")
        << datBytes(1, datEntry(q, 2, {kInf, 1})) << int(ErrorCode::BadValue) << "weight 0 is inf";
    QTest::newRow("dat: negative value")
        << datBytes(1, datEntry(q, 2, {1, 1, -3})) << int(ErrorCode::BadValue)
        << "weight 2 is -1.5; importance weights must be finite "
           "and non-negative";

    const auto keys = imatrixKeys();
    const auto pair = sumsAndCounts(q, {4, 8}, {2});
    QTest::newRow("gguf: truncated") << ggufBytes(keys, pair).chopped(40)
                                     << int(ErrorCode::Truncated) << "data section holds only";
    QTest::newRow("gguf: no tensors")
        << ggufBytes(keys, {}) << int(ErrorCode::BadHeader) << "holds no tensors";
    QTest::newRow("gguf: a model, not an imatrix")
        << ggufBytes({kvString("general.type", "model"), kvString("general.architecture", "llama")},
                     {{"token_embd.weight", {2}, 0, floatBytes({1, 2})}})
        << int(ErrorCode::BadHeader) << "general.type 'model', not an importance matrix";
    QTest::newRow("gguf: metadata missing")
        << ggufBytes({kvString("general.type", "imatrix"), kvStrings("imatrix.datasets", {})}, pair)
        << int(ErrorCode::BadHeader) << "requires: imatrix.chunk_count, imatrix.chunk_size";
    QTest::newRow("gguf: chunk count as int32")
        << ggufBytes({kvStrings("imatrix.datasets", {"a"}), kvScalar32("imatrix.chunk_count", 5, 3),
                      kvU32("imatrix.chunk_size", 512)},
                     pair)
        << int(ErrorCode::BadHeader)
        << "'imatrix.chunk_count' is stored as int32; llama-quantize reads it as uint32";
    QTest::newRow("gguf: datasets as integers")
        << ggufBytes({kvInt32s("imatrix.datasets", {1}), kvU32("imatrix.chunk_count", 1),
                      kvU32("imatrix.chunk_size", 512)},
                     pair)
        << int(ErrorCode::BadHeader) << "'imatrix.datasets' is an array of int32";
    QTest::newRow("gguf: a key twice")
        << ggufBytes(keys + QList<QByteArray>{kvU32("imatrix.chunk_size", 1)}, pair)
        << int(ErrorCode::BadHeader) << "'imatrix.chunk_size' appears twice";
    QTest::newRow("gguf: sums without counts")
        << ggufBytes(keys, {pair[0]}) << int(ErrorCode::BadHeader)
        << "'blk.0.attn_q.weight.in_sum2' has no matching "
           "'blk.0.attn_q.weight.counts'";
    QTest::newRow("gguf: counts without sums")
        << ggufBytes(keys, {pair[1]}) << int(ErrorCode::BadHeader)
        << "'blk.0.attn_q.weight.counts' has no matching";
    QTest::newRow("gguf: a tensor twice")
        << ggufBytes(keys, pair + std::vector<GgufTensor>{pair[1]}) << int(ErrorCode::BadHeader)
        << "tensor 'blk.0.attn_q.weight.counts': appears twice";
    QTest::newRow("gguf: name too long for ggml")
        << ggufBytes(keys, sumsAndCounts(QByteArray(60, 'n'), {1}, {1}))
        << int(ErrorCode::BadHeader) << "a name of 68 bytes; ggml's reader refuses names of 64";
    QTest::newRow("gguf: sums as f16")
        << ggufBytes(keys, {{q + ".in_sum2", {2, 1}, 1, QByteArray(4, '\0')}, pair[1]})
        << int(ErrorCode::UnsupportedDtype) << "stored as f16; llama-quantize reads";
    QTest::newRow("gguf: fewer counts than slices")
        << ggufBytes(keys, {{q + ".in_sum2", {1, 4}, 0, floatBytes({1, 2, 3, 4})},
                            {q + ".counts", {1, 2}, 0, floatBytes({1, 1})}})
        << int(ErrorCode::BadHeader) << "holds 2 counts but 'blk.0.attn_q.weight.in_sum2' has 4";
    QTest::newRow("gguf: sums of three dimensions")
        << ggufBytes(keys, {{q + ".in_sum2", {2, 1, 2}, 0, floatBytes({1, 2, 3, 4})}, pair[1]})
        << int(ErrorCode::BadHeader) << "has more than two dimensions";
    QTest::newRow("gguf: empty sums") << ggufBytes(keys, {{q + ".in_sum2", {0, 1}, 0, {}}, pair[1]})
                                      << int(ErrorCode::BadHeader) << "in_sum2': holds no values";
    QTest::newRow("gguf: negative count")
        << ggufBytes(keys, sumsAndCounts(q, {1, 1, 1, 1}, {1, -2})) << int(ErrorCode::BadValue)
        << "counts': count 1 is -2";
    QTest::newRow("gguf: NaN count") << ggufBytes(keys, sumsAndCounts(q, {1, 1}, {kNaN}))
                                     << int(ErrorCode::BadValue) << "count 0 is nan";
    QTest::newRow("gguf: NaN sum")
        << ggufBytes(keys, sumsAndCounts(q, {1, kNaN}, {2})) << int(ErrorCode::BadValue)
        << "tensor 'blk.0.attn_q.weight': weight 1 is nan";
    QTest::newRow("gguf: negative sum") << ggufBytes(keys, sumsAndCounts(q, {-4, 1}, {2}))
                                        << int(ErrorCode::BadValue) << "weight 0 is -2";
    QTest::newRow("gguf: infinite after the division")
        << ggufBytes(keys, sumsAndCounts(q, {3e38f, 1}, {0.5f})) << int(ErrorCode::BadValue)
        << "weight 0 is inf";
}

void TestImatrix::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::ScratchDir dir;
    const auto path = dir.write("bad.imatrix", bytes);
    const auto m = readImportanceMatrix(path);
    QVERIFY(!m);
    const std::string text = m.error().describe();
    QVERIFY2(text.starts_with(path), text.c_str());
    QVERIFY2(text.find(words.toStdString()) != std::string::npos, text.c_str());
    QCOMPARE(errorCodeName(m.error().code), errorCodeName(static_cast<ErrorCode>(code)));
}

void TestImatrix::missingFileAndFolder()
{
    test::ScratchDir dir;
    const auto missing = readImportanceMatrix(dir.path("none.dat"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    const auto folder = readImportanceMatrix(dir.path(""));
    QVERIFY(!folder);
    QCOMPARE(folder.error().code, ErrorCode::ReadFailed);
}

QTEST_GUILESS_MAIN(TestImatrix)
#include "tst_imatrix.moc"
