// .npy: every fixture NumPy wrote reads back as the same values; every malformed file is refused
// with the right error, naming the file, without allocating what the header claims; writing is
// atomic.

#include "io/npy_reader.h"
#include "io/npy_writer.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QFile>
#include <QtTest>

#include <filesystem>

using namespace qs;

namespace {

const std::vector<float> kArange{0, 1, 2, 3, 4, 5};

QByteArray floats(std::initializer_list<float> values)
{
    QByteArray bytes;
    for (const float v : values) {
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    return bytes;
}

} // namespace

class TestNpy : public QObject
{
    Q_OBJECT

private slots:
    void readsNumpyFixtures_data();
    void readsNumpyFixtures();
    void fortranOrderBecomesCOrder();
    void zeroDimensionalArray();
    void emptyArray();
    void refusesMalformedFiles_data();
    void refusesMalformedFiles();
    void trailingBytesAreAWarning();
    void missingFile();
    void writerRoundTrip();
    void writerIsReadByTheSameHeaderParser();
    void failedWriteLeavesTheOldFile();
};

void TestNpy::readsNumpyFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("dtype");
    const QStringList tags{"le_f2", "le_f4", "le_f8", "i1",    "u1",    "le_i2", "le_u2", "le_i4",
                           "le_u4", "le_i8", "le_u8", "be_f4", "be_f8", "be_i2", "be_u4", "b1"};
    const QStringList dtypes{"float16", "float32", "float64", "int8",  "uint8",  "int16",
                             "uint16",  "int32",   "uint32",  "int64", "uint64", "float32",
                             "float64", "int16",   "uint32",  "bool"};
    for (qsizetype i = 0; i < tags.size(); ++i) {
        QTest::newRow(qPrintable(tags[i]))
            << QStringLiteral("arange_%1.npy").arg(tags[i]) << dtypes[i];
    }
    QTest::newRow("format 2.0") << "arange_v2_f4.npy"
                                << "float32";
    QTest::newRow("format 3.0") << "arange_v3_f4.npy"
                                << "float32";
}

void TestNpy::readsNumpyFixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, dtype);
    const auto loaded = readNpyFile(test::testData(file).toStdString());
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    QCOMPARE(loaded->tensor.shape, (Shape{2, 3}));
    QCOMPARE(QString::fromUtf8(dtypeName(loaded->tensor.sourceDtype).data()), dtype);
    if (dtype == "bool") {
        QCOMPARE(loaded->tensor.values, (std::vector<float>{0, 1, 1, 1, 1, 1}));
    } else {
        QCOMPARE(loaded->tensor.values, kArange);
    }
    QVERIFY(loaded->warnings.empty());
    QCOMPARE(loaded->tensor.name, file.chopped(4).toStdString());
}

void TestNpy::fortranOrderBecomesCOrder()
{
    const auto two = readNpyFile(test::testData("arange_fortran_f4.npy").toStdString());
    QVERIFY(two);
    QCOMPARE(two->tensor.values, kArange);
    const auto three = readNpyFile(test::testData("arange_fortran_3d_f8.npy").toStdString());
    QVERIFY(three);
    QCOMPARE(three->tensor.shape, (Shape{2, 3, 4}));
    for (std::size_t i = 0; i < 24; ++i) {
        QCOMPARE(three->tensor.values[i], static_cast<float>(i));
    }
}

void TestNpy::zeroDimensionalArray()
{
    const auto loaded = readNpyFile(test::testData("scalar_0d_f8.npy").toStdString());
    QVERIFY(loaded);
    QVERIFY(loaded->tensor.shape.empty());
    QCOMPARE(loaded->tensor.values, (std::vector<float>{2.5f}));
}

void TestNpy::emptyArray()
{
    const auto loaded = readNpyFile(test::testData("empty_0_f4.npy").toStdString());
    QVERIFY(loaded);
    QCOMPARE(loaded->tensor.shape, (Shape{0}));
    QVERIFY(loaded->tensor.values.empty());
}

void TestNpy::refusesMalformedFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    const QByteArray good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
    const QByteArray data = floats({1, 2});
    QTest::newRow("zero-length file") << QByteArray() << int(ErrorCode::Truncated) << "empty";
    QTest::newRow("shorter than a header")
        << QByteArray("\x93NUM", 4) << int(ErrorCode::Truncated) << "too short";
    QTest::newRow("wrong magic") << QByteArray("PK\x03\x04 not numpy at all")
                                 << int(ErrorCode::BadMagic) << "magic";
    QTest::newRow("unknown version") << test::npyBytes(good, data, 1).replace(6, 1, "\x07")
                                     << int(ErrorCode::BadHeader) << "version 7";
    QTest::newRow("header length past the end")
        << test::npyBytes(good, data).left(9) + QByteArray("\xff", 1) << int(ErrorCode::Truncated)
        << "header length";
    QTest::newRow("truncated header")
        << test::npyBytes(good, data).left(40) << int(ErrorCode::Truncated) << "";
    QTest::newRow("truncated data") << test::npyBytes(good, floats({1}))
                                    << int(ErrorCode::Truncated) << "needs 8 data bytes but only 4";
    QTest::newRow("header claims 10^12 elements")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }",
                          data)
        << int(ErrorCode::Truncated) << "needs 4000000000000 data bytes";
    QTest::newRow("shape overflows 64 bits")
        << test::npyBytes(
               "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }",
               data)
        << int(ErrorCode::TooLarge) << "overflows";
    QTest::newRow("object dtype") << test::npyBytes(
                                         "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
                                         data)
                                  << int(ErrorCode::UnsupportedDtype) << "object";
    QTest::newRow("complex dtype")
        << test::npyBytes("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", data)
        << int(ErrorCode::UnsupportedDtype) << "complex";
    QTest::newRow("structured dtype")
        << test::npyBytes(
               "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }",
               data)
        << int(ErrorCode::UnsupportedDtype) << "structured";
    QTest::newRow("string dtype")
        << test::npyBytes("{'descr': '<U8', 'fortran_order': False, 'shape': (1,), }", data)
        << int(ErrorCode::UnsupportedDtype) << "string";
    QTest::newRow("long double")
        << test::npyBytes("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", data)
        << int(ErrorCode::UnsupportedDtype) << "extended";
    QTest::newRow("not a dict") << test::npyBytes("['descr', '<f4']", data)
                                << int(ErrorCode::BadHeader) << "dict";
    QTest::newRow("missing shape")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, }", data)
        << int(ErrorCode::BadHeader) << "'shape'";
    QTest::newRow("unknown key")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", data)
        << int(ErrorCode::BadHeader) << "unexpected key 'x'";
    QTest::newRow("negative dimension")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", data)
        << int(ErrorCode::BadHeader) << "non-negative";
    QTest::newRow("fortran_order not a bool")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", data)
        << int(ErrorCode::BadHeader) << "True or False";
    QTest::newRow("unterminated dict")
        << test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,", data)
        << int(ErrorCode::BadHeader) << "";
}

void TestNpy::refusesMalformedFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    test::ScratchDir dir;
    const std::string path = dir.write("bad.npy", bytes);
    const auto loaded = readNpyFile(path);
    QVERIFY(!loaded);
    const Error& error = loaded.error();
    QCOMPARE(int(error.code), code);
    QCOMPARE(error.file, path); // the message names the file
    QVERIFY2(QString::fromStdString(error.message).contains(mentions),
             qPrintable(QString::fromStdString(error.describe())));
    QVERIFY(QString::fromStdString(error.describe()).startsWith(QString::fromStdString(path)));
}

void TestNpy::trailingBytesAreAWarning()
{
    test::ScratchDir dir;
    const auto path = dir.write(
        "extra.npy", test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                                    floats({1, 2, 3})));
    const auto loaded = readNpyFile(path);
    QVERIFY(loaded);
    QCOMPARE(loaded->tensor.values, (std::vector<float>{1, 2}));
    QCOMPARE(loaded->warnings.size(), std::size_t{1});
    QCOMPARE(loaded->warnings[0].code, WarningCode::TrailingData);
}

void TestNpy::missingFile()
{
    const auto loaded = readNpyFile("/nonexistent/folder/weights.npy");
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::FileNotFound);
    QCOMPARE(loaded.error().file, std::string("/nonexistent/folder/weights.npy"));
}

void TestNpy::writerRoundTrip()
{
    test::ScratchDir dir;
    const std::vector<float> values{1.5f, -0.0f, 3e-9f, 7};
    const auto floatPath = dir.path("f.npy");
    QVERIFY(writeNpy(floatPath, std::span<const float>(values), Shape{2, 2}));
    const auto readBack = readNpyFile(floatPath);
    QVERIFY(readBack);
    QCOMPARE(readBack->tensor.shape, (Shape{2, 2}));
    QCOMPARE(readBack->tensor.values, values);
    QCOMPARE(readBack->tensor.sourceDtype, Dtype::Float32);

    const std::vector<std::int32_t> codes{-128, 0, 127};
    const auto intPath = dir.path("i.npy");
    QVERIFY(writeNpy(intPath, std::span<const std::int32_t>(codes), Shape{3}));
    const auto ints = readNpyFile(intPath);
    QVERIFY(ints);
    QCOMPARE(ints->tensor.sourceDtype, Dtype::Int32);
    QCOMPARE(ints->tensor.values, (std::vector<float>{-128, 0, 127}));

    const std::vector<float> scalar{4};
    const auto scalarPath = dir.path("s.npy");
    QVERIFY(writeNpy(scalarPath, std::span<const float>(scalar), Shape{}));
    QVERIFY(readNpyFile(scalarPath)->tensor.shape.empty());
}

void TestNpy::writerIsReadByTheSameHeaderParser()
{
    // NumPy pads the header so the data starts on a 64-byte boundary; so do we.
    const std::string header = makeNpyHeader(Dtype::Float32, Shape{3, 4});
    QCOMPARE(header.size() % 64, std::size_t{0});
    QCOMPARE(header.back(), '\n');
    const auto parsed = parseNpyHeaderDict(std::string_view(header).substr(10), 10);
    QVERIFY(parsed);
    QCOMPARE(parsed->shape, (Shape{3, 4}));
}

void TestNpy::failedWriteLeavesTheOldFile()
{
    test::ScratchDir dir;
    const auto path = dir.path("keep.npy");
    const std::vector<float> old{1, 2, 3};
    QVERIFY(writeNpy(path, std::span<const float>(old), Shape{3}));

    // A missing folder: an error naming the path, and nothing half-written anywhere.
    const auto missing = dir.path("no/such/folder/x.npy");
    const auto failed = writeNpy(missing, std::span<const float>(old), Shape{3});
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::WriteFailed);
    QCOMPARE(failed.error().file, missing);

    // Replacing a directory fails and leaves it alone; the earlier file is still intact.
    const auto folder = dir.path("folder.npy");
    std::filesystem::create_directory(folder);
    QVERIFY(!writeNpy(folder, std::span<const float>(old), Shape{3}));
    QVERIFY(std::filesystem::is_directory(folder));
    QCOMPARE(readNpyFile(path)->tensor.values, old);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path(""))) {
        QVERIFY2(entry.path().extension() != ".part", entry.path().c_str());
    }
}

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
