// .safetensors: every dtype converted exactly (all 65,536 float16 and bfloat16 patterns, all 256
// of each float8), metadata, sharded checkpoints, and a malformed-file table.

#include "io/archive_factory.h"
#include "io/dtype_convert.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace qs;

namespace {

// Independent decoders: sign, exponent and mantissa fields by arithmetic, no lookup or library.
double decodeFloat(std::uint32_t bits, int exponentBits, int mantissaBits, bool fnNaNOnly)
{
    const int bias = (1 << (exponentBits - 1)) - 1;
    const std::uint32_t exponentMax = (1u << exponentBits) - 1;
    const bool negative = (bits >> (exponentBits + mantissaBits)) & 1u;
    const std::uint32_t exponent = (bits >> mantissaBits) & exponentMax;
    const std::uint32_t mantissa = bits & ((1u << mantissaBits) - 1);
    double value = 0;
    if (fnNaNOnly && exponent == exponentMax && mantissa == (1u << mantissaBits) - 1) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (!fnNaNOnly && exponent == exponentMax) {
        value = mantissa == 0 ? std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::quiet_NaN();
    } else if (exponent == 0) {
        value = std::ldexp(static_cast<double>(mantissa), 1 - bias - mantissaBits);
    } else {
        value = std::ldexp(static_cast<double>(mantissa) / (1u << mantissaBits) + 1.0,
                           static_cast<int>(exponent) - bias);
    }
    return negative ? -value : value;
}

bool sameValue(float got, double expected)
{
    if (std::isnan(expected)) {
        return std::isnan(got);
    }
    return static_cast<double>(got) == expected && std::signbit(got) == std::signbit(expected);
}

std::vector<float> convertPatterns(Dtype dtype, int patterns)
{
    const std::size_t size = dtypeSize(dtype);
    std::vector<std::byte> bytes(static_cast<std::size_t>(patterns) * size);
    for (int p = 0; p < patterns; ++p) {
        for (std::size_t b = 0; b < size; ++b) {
            bytes[static_cast<std::size_t>(p) * size + b] =
                static_cast<std::byte>((p >> (8 * b)) & 0xff);
        }
    }
    std::vector<float> out(static_cast<std::size_t>(patterns));
    convertToFloat(bytes, dtype, ByteOrder::Little, out);
    return out;
}

QByteArray header(const QByteArray& entries)
{
    return "{" + entries + "}";
}

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private slots:
    void float16EveryPattern();
    void bfloat16EveryPattern();
    void float8EveryPattern();
    void everyDtypeReadsBack();
    void listsInFileOrderWithMetadata();
    void shardedCheckpoint();
    void shardedCheckpointErrors();
    void malformed_data();
    void malformed();
    void unknownDtypeListedNotLoaded();
    void truncatedFileListsEveryTensor();
};

void TestSafetensors::float16EveryPattern()
{
    const auto values = convertPatterns(Dtype::Float16, 1 << 16);
    for (int p = 0; p < (1 << 16); ++p) {
        const double expected = decodeFloat(static_cast<std::uint32_t>(p), 5, 10, false);
        QVERIFY2(sameValue(values[static_cast<std::size_t>(p)], expected),
                 qPrintable(QString::number(p, 16)));
    }
    QCOMPARE(values[0x3c00], 1.0f);
    QCOMPARE(values[0x7bff], 65504.0f);
    QCOMPARE(values[0x0001], std::ldexp(1.0f, -24));
}

void TestSafetensors::bfloat16EveryPattern()
{
    const auto values = convertPatterns(Dtype::BFloat16, 1 << 16);
    for (int p = 0; p < (1 << 16); ++p) {
        // bfloat16 is the top half of a float32: its value is that float32's, NaNs aside.
        const float expected = std::bit_cast<float>(static_cast<std::uint32_t>(p) << 16);
        QVERIFY2(sameValue(values[static_cast<std::size_t>(p)], expected),
                 qPrintable(QString::number(p, 16)));
    }
}

void TestSafetensors::float8EveryPattern()
{
    const auto e4m3 = convertPatterns(Dtype::Float8E4M3, 256);
    const auto e5m2 = convertPatterns(Dtype::Float8E5M2, 256);
    for (int p = 0; p < 256; ++p) {
        QVERIFY(sameValue(e4m3[static_cast<std::size_t>(p)],
                          decodeFloat(static_cast<std::uint32_t>(p), 4, 3, true)));
        QVERIFY(sameValue(e5m2[static_cast<std::size_t>(p)],
                          decodeFloat(static_cast<std::uint32_t>(p), 5, 2, false)));
    }
    // The published extremes (OCP 8-bit floating point specification).
    QCOMPARE(e4m3[0x7e], 448.0f);
    QCOMPARE(e4m3[0x01], std::ldexp(1.0f, -9));
    QVERIFY(std::isnan(e4m3[0x7f]) && std::isnan(e4m3[0xff]));
    QVERIFY(std::isfinite(e4m3[0x78])); // no infinities in E4M3FN: 0x78 is 256
    QCOMPARE(e4m3[0x78], 256.0f);
    QCOMPARE(e5m2[0x7b], 57344.0f);
    QCOMPARE(e5m2[0x7c], std::numeric_limits<float>::infinity());
    QCOMPARE(e5m2[0xfc], -std::numeric_limits<float>::infinity());
    QCOMPARE(e5m2[0x01], std::ldexp(1.0f, -16));
}

void TestSafetensors::everyDtypeReadsBack()
{
    // One small tensor per dtype, values chosen to be exact in each.
    struct Case
    {
        const char* dtype;
        QByteArray bytes;
        std::vector<float> expected;
    };
    const std::vector<Case> cases{
        {"F64",
         QByteArray("\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\x04\xc0", 16),
         {1.0f, -2.5f}},
        {"F32", test::floatBytes({0.5f, -3.0f}), {0.5f, -3.0f}},
        {"F16", QByteArray("\x00\x3c\x00\xc1", 4), {1.0f, -2.5f}},
        {"BF16", QByteArray("\x80\x3f\x20\xc0", 4), {1.0f, -2.5f}},
        {"I64",
         QByteArray("\xfe\xff\xff\xff\xff\xff\xff\xff\x07\x00\x00\x00\x00\x00\x00\x00", 16),
         {-2.0f, 7.0f}},
        {"I32", QByteArray("\xfd\xff\xff\xff\x10\x00\x00\x00", 8), {-3.0f, 16.0f}},
        {"I16", QByteArray("\x00\x80\xff\x7f", 4), {-32768.0f, 32767.0f}},
        {"I8", QByteArray("\x80\x7f", 2), {-128.0f, 127.0f}},
        {"U8", QByteArray("\x00\xff", 2), {0.0f, 255.0f}},
        {"BOOL", QByteArray("\x00\x01", 2), {0.0f, 1.0f}},
        {"F8_E4M3", QByteArray("\x38\xc4", 2), {1.0f, -3.0f}},
        {"F8_E5M2", QByteArray("\x3c\xc2", 2), {1.0f, -3.0f}},
    };
    QByteArray entries;
    QByteArray data;
    for (const Case& c : cases) {
        if (!entries.isEmpty()) {
            entries += ",";
        }
        entries +=
            QStringLiteral("\"%1\":{\"dtype\":\"%1\",\"shape\":[2],\"data_offsets\":[%2,%3]}")
                .arg(QLatin1String(c.dtype))
                .arg(data.size())
                .arg(data.size() + c.bytes.size())
                .toUtf8();
        data += c.bytes;
    }
    test::ScratchDir dir;
    const auto path = dir.write("all.safetensors", test::safetensorsBytes(header(entries), data));
    for (const Case& c : cases) {
        const Tensor tensor = test::loadNamed(path, c.dtype);
        QCOMPARE(tensor.shape, (Shape{2}));
        QCOMPARE(tensor.values, c.expected);
    }
}

void TestSafetensors::listsInFileOrderWithMetadata()
{
    test::ScratchDir dir;
    // Keys in the header are not in data order; the listing follows the data.
    const QByteArray entries = "\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
                               "\"__metadata__\":{\"format\":\"pt\",\"note\":\"fixture\"},"
                               "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    const auto path =
        dir.write("m.safetensors",
                  test::safetensorsBytes(header(entries), test::floatBytes({1, 2, 3, 4, 5, 6})));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    const auto& list = (*archive)->entries();
    QCOMPARE(list.size(), std::size_t{2});
    QCOMPARE(list[0].name, std::string("a"));
    QCOMPARE(list[1].name, std::string("b"));
    QCOMPARE(list[1].shape, (Shape{2, 2}));
    QCOMPARE(list[1].bytes, std::uint64_t{16});
    QCOMPARE(list[1].dtype, std::string("float32"));
    QVERIFY(list[1].floating);
    QCOMPARE((*archive)->metadata().size(), std::size_t{2});
    QCOMPARE((*archive)->metadata()[0].first, std::string("format"));
    QCOMPARE(test::loadNamed(path, "b").values, (std::vector<float>{3, 4, 5, 6}));
    // Several tensors and no name: refused with the names listed.
    const auto unnamed = loadTensorFile(FileSpec{path, {}, {}});
    QVERIFY(!unnamed);
    QCOMPARE(unnamed.error().code, ErrorCode::TensorNotFound);
    QVERIFY(unnamed.error().message.find("holds 2 tensors: a, b") != std::string::npos);
    const auto wrong = loadTensorFile(FileSpec{path, "c", {}});
    QVERIFY(!wrong);
    QVERIFY(wrong.error().message.find("has no tensor 'c'") != std::string::npos);
}

void TestSafetensors::shardedCheckpoint()
{
    test::ScratchDir dir;
    dir.write("model-00001-of-00002.safetensors",
              test::safetensorsBytes(
                  header("\"w1\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}"),
                  test::floatBytes({1, 2})));
    dir.write("model-00002-of-00002.safetensors",
              test::safetensorsBytes(
                  header("\"w2\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}"),
                  QByteArray("\x00\x40", 2)));
    const auto index = dir.write(
        "model.safetensors.index.json",
        R"({"metadata": {"total_size": 10}, "weight_map": {"w1": "model-00001-of-00002.safetensors",
            "w2": "model-00002-of-00002.safetensors"}})");
    auto archive = openTensorArchive(FileSpec{index, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    QCOMPARE((*archive)->format(), ArchiveFormat::Safetensors);
    QCOMPARE((*archive)->entries().size(), std::size_t{2});
    QCOMPARE(test::loadNamed(index, "w1").values, (std::vector<float>{1, 2}));
    QCOMPARE(test::loadNamed(index, "w2").values, (std::vector<float>{2}));
}

void TestSafetensors::shardedCheckpointErrors()
{
    test::ScratchDir dir;
    dir.write("a.safetensors",
              test::safetensorsBytes(
                  header("\"w1\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"),
                  test::floatBytes({1})));
    const auto missingShard =
        dir.write("x.safetensors.index.json", R"({"weight_map": {"w1": "gone.safetensors"}})");
    const auto notInShard =
        dir.write("y.safetensors.index.json", R"({"weight_map": {"w9": "a.safetensors"}})");
    const auto escaping =
        dir.write("z.safetensors.index.json", R"({"weight_map": {"w1": "../a.safetensors"}})");
    const auto noMap = dir.write("n.safetensors.index.json", R"({"metadata": {}})");
    for (const auto& [path, code, words] :
         {std::tuple{missingShard, ErrorCode::FileNotFound, "no such file"},
          std::tuple{notInShard, ErrorCode::TensorNotFound, "does not hold it"},
          std::tuple{escaping, ErrorCode::BadHeader, "not a file name beside the index"},
          std::tuple{noMap, ErrorCode::BadHeader, "weight_map"}}) {
        const auto archive = openTensorArchive(FileSpec{path, {}, {}});
        QVERIFY(!archive);
        QCOMPARE(archive.error().code, code);
        QVERIFY2(archive.error().describe().find(words) != std::string::npos,
                 archive.error().describe().c_str());
    }
}

void TestSafetensors::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    const QByteArray eight = test::floatBytes({1, 2});
    const auto entry = [](const char* dtype, const char* shape, int begin, int end) {
        return header(
            QStringLiteral("\"t\":{\"dtype\":\"%1\",\"shape\":%2,\"data_offsets\":[%3,%4]}")
                .arg(QLatin1String(dtype), QLatin1String(shape))
                .arg(begin)
                .arg(end)
                .toUtf8());
    };
    QTest::newRow("shorter than the length")
        << QByteArray("\x05\x00\x00", 3) << int(ErrorCode::Truncated) << "too short";
    QTest::newRow("header length overflow")
        << (QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff", 8) + "{}") << int(ErrorCode::Truncated)
        << "runs past the end of the file";
    QTest::newRow("header length past the file")
        << (QByteArray("\x40\x00\x00\x00\x00\x00\x00\x00", 8) + "{}") << int(ErrorCode::Truncated)
        << "header length 64 runs past";
    QTest::newRow("bad JSON") << test::safetensorsBytes("{\"t\": [", eight)
                              << int(ErrorCode::BadHeader) << "not valid JSON";
    QTest::newRow("JSON not an object")
        << test::safetensorsBytes("[1, 2]", eight) << int(ErrorCode::BadHeader) << "not an object";
    QTest::newRow("missing data_offsets")
        << test::safetensorsBytes("{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", eight)
        << int(ErrorCode::BadHeader) << "data_offsets";
    QTest::newRow("offsets reversed") << test::safetensorsBytes(entry("F32", "[0]", 8, 4), eight)
                                      << int(ErrorCode::BadHeader) << "end before they begin";
    QTest::newRow("dtype/size mismatch")
        << test::safetensorsBytes(entry("F32", "[3]", 0, 8), eight) << int(ErrorCode::BadHeader)
        << "needs 12 bytes but data_offsets hold 8";
    QTest::newRow("shape overflows")
        << test::safetensorsBytes(entry("F32", "[4294967296, 4294967296]", 0, 8), eight)
        << int(ErrorCode::BadHeader) << "too many";
    QTest::newRow("negative dimension")
        << test::safetensorsBytes(entry("F32", "[-2]", 0, 8), eight) << int(ErrorCode::BadHeader)
        << "not a non-negative integer";
    QTest::newRow("misaligned") << test::safetensorsBytes(entry("F32", "[1]", 2, 6), eight)
                                << int(ErrorCode::BadHeader) << "not a multiple of its 4-byte";
    QTest::newRow("overlapping offsets")
        << test::safetensorsBytes(
               header("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                      "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}"),
               eight)
        << int(ErrorCode::BadHeader) << "overlaps tensor 'a'";
    QTest::newRow("metadata not an object")
        << test::safetensorsBytes("{\"__metadata__\": 3}", eight) << int(ErrorCode::BadHeader)
        << "__metadata__";
    QTest::newRow("empty file") << QByteArray() << int(ErrorCode::Truncated) << "0 bytes";
}

void TestSafetensors::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::verifyRefused(QStringLiteral("bad.safetensors"), bytes, code, words);
}

void TestSafetensors::unknownDtypeListedNotLoaded()
{
    test::ScratchDir dir;
    const auto path =
        dir.write("c.safetensors",
                  test::safetensorsBytes(
                      header("\"z\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}"),
                      test::floatBytes({1, 2})));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(archive);
    QVERIFY((*archive)->entries()[0].unsupported.find("C64") != std::string::npos);
    const auto loaded = (*archive)->load(0);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::UnsupportedDtype);
}

// A download cut short keeps its whole header: every tensor is listed, those whose bytes are
// there load, and the cut one is refused as truncated, naming the file and the tensor.
void TestSafetensors::truncatedFileListsEveryTensor()
{
    test::ScratchDir dir;
    const auto path =
        dir.write("cut.safetensors",
                  test::safetensorsBytes(
                      header("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                             "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}"),
                      test::floatBytes({1, 2, 3})));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    const auto& entries = (*archive)->entries();
    QCOMPARE(entries.size(), std::size_t{2});
    QCOMPARE(entries[1].name, std::string("b"));
    QCOMPARE(entries[1].count, std::uint64_t{4});
    QCOMPARE(entries[1].dtype, entries[0].dtype);
    QVERIFY(entries[0].unsupported.empty());
    QVERIFY(entries[1].unsupported.starts_with("truncated: "));
    const auto first = (*archive)->load(0);
    QVERIFY(first);
    QCOMPARE(first->tensor.values, (std::vector<float>{1, 2}));
    const auto cut = (*archive)->load(1);
    QVERIFY(!cut);
    QCOMPARE(cut.error().code, ErrorCode::Truncated);
    const std::string text = cut.error().describe();
    QVERIFY2(text.starts_with(path), text.c_str());
    QVERIFY2(text.find("'b'") != std::string::npos || text.find("b:") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("holds only 12 bytes") != std::string::npos, text.c_str());
}

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
