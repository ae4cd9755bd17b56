// CSV/TXT and raw binary readers, and choosing a reader from a file name.

#include "io/csv_reader.h"
#include "io/raw_reader.h"
#include "io/tensor_source.h"
#include "support/temp_files.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestCsvRaw : public QObject
{
    Q_OBJECT

private slots:
    void readsText_data();
    void readsText();
    void refusesBadText_data();
    void refusesBadText();
    void readsRaw_data();
    void readsRaw();
    void refusesBadRaw_data();
    void refusesBadRaw();
    void rawDtypeNames();
    void formatFromFileName();
    void inputLocationWithTensorName();
};

void TestCsvRaw::readsText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<float>>("values");
    QTest::newRow("comma") << QByteArray("1,2,3\n4,5,6\n") << QList<qint64>{2, 3}
                           << QList<float>{1, 2, 3, 4, 5, 6};
    QTest::newRow("semicolon, CRLF")
        << QByteArray("1;2\r\n3;4\r\n") << QList<qint64>{2, 2} << QList<float>{1, 2, 3, 4};
    QTest::newRow("whitespace and tabs")
        << QByteArray("  1\t2   3\n4 5 6") << QList<qint64>{2, 3} << QList<float>{1, 2, 3, 4, 5, 6};
    QTest::newRow("header line") << QByteArray("a,b\n1.5,-2e-3\n") << QList<qint64>{1, 2}
                                 << QList<float>{1.5f, -2e-3f};
    QTest::newRow("comments and blank lines") << QByteArray("# weights\n\n1 2\n\n# more\n3 4\n")
                                              << QList<qint64>{2, 2} << QList<float>{1, 2, 3, 4};
    QTest::newRow("one column") << QByteArray("7\n+8\n9\n") << QList<qint64>{3, 1}
                                << QList<float>{7, 8, 9};
    QTest::newRow("spaces around commas")
        << QByteArray(" 1 , 2 \n 3 , 4 ") << QList<qint64>{2, 2} << QList<float>{1, 2, 3, 4};
}

void TestCsvRaw::readsText()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<float>, values);
    const auto loaded = parseCsv(text.toStdString(), "t.csv");
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    QCOMPARE(loaded->tensor.shape, Shape(shape.begin(), shape.end()));
    QCOMPARE(loaded->tensor.values, std::vector<float>(values.begin(), values.end()));
    QCOMPARE(loaded->tensor.name, std::string("t"));
}

void TestCsvRaw::refusesBadText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("word in the data") << QByteArray("1,2\n3,abc\n") << int(ErrorCode::BadValue)
                                      << "line 2, column 2: 'abc' is not a number";
    QTest::newRow("second header")
        << QByteArray("x,y\nu,v\n1,2\n") << int(ErrorCode::BadValue) << "line 2, column 1";
    QTest::newRow("empty cell") << QByteArray("1,2,3\n1,,3\n") << int(ErrorCode::BadValue)
                                << "line 2, column 2";
    QTest::newRow("ragged rows") << QByteArray("1 2 3\n4 5\n") << int(ErrorCode::BadHeader)
                                 << "line 2 has 2 columns, earlier rows have 3";
    QTest::newRow("empty file") << QByteArray() << int(ErrorCode::EmptyTensor) << "no rows";
    QTest::newRow("only a header")
        << QByteArray("a,b,c\n") << int(ErrorCode::EmptyTensor) << "no rows";
    QTest::newRow("number with junk")
        << QByteArray("1.5x 2\n") << int(ErrorCode::EmptyTensor) << "no rows";
}

void TestCsvRaw::refusesBadText()
{
    QFETCH(QByteArray, text);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    test::ScratchDir dir;
    const auto path = dir.write("bad.csv", text);
    const auto loaded = readCsvFile(path);
    QVERIFY(!loaded);
    QCOMPARE(int(loaded.error().code), code);
    QCOMPARE(loaded.error().file, path);
    QVERIFY2(QString::fromStdString(loaded.error().message).contains(mentions),
             loaded.error().describe().c_str());
}

void TestCsvRaw::readsRaw_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<qulonglong>("offset");
    QTest::addColumn<QList<float>>("values");
    QTest::newRow("little-endian int16") << QByteArray("\x01\x00\xff\xff", 4) << "<i2"
                                         << "" << 0ull << QList<float>{1, -1};
    QTest::newRow("big-endian int16") << QByteArray("\x00\x01\xff\xfe", 4) << ">i2"
                                      << "" << 0ull << QList<float>{1, -2};
    QTest::newRow("uint8 with shape") << QByteArray("\x00\x01\x02\x03\x04\x05", 6) << "uint8"
                                      << "2,3" << 0ull << QList<float>{0, 1, 2, 3, 4, 5};
    QTest::newRow("offset past a header") << QByteArray("HDR\x07\x08", 5) << "u1"
                                          << "" << 3ull << QList<float>{7, 8};
    QTest::newRow("float16") << QByteArray("\x00\x3c\x00\xc0", 4) << "<f2"
                             << "" << 0ull << QList<float>{1, -2};
}

void TestCsvRaw::readsRaw()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, dtype);
    QFETCH(QString, shape);
    QFETCH(qulonglong, offset);
    QFETCH(QList<float>, values);
    test::ScratchDir dir;
    const auto path = dir.write("data.bin", bytes);
    auto spec = rawSpecFromDtype(dtype.toStdString());
    QVERIFY(spec);
    if (shape == "2,3") {
        spec->shape = Shape{2, 3};
    }
    spec->offset = offset;
    const auto loaded = readRawFile(path, *spec);
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    QCOMPARE(loaded->tensor.values, std::vector<float>(values.begin(), values.end()));
}

void TestCsvRaw::refusesBadRaw_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<qulonglong>("offset");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not whole float32s")
        << QByteArray(10, '\0') << "" << 0ull << "not a whole number";
    QTest::newRow("shape disagrees")
        << QByteArray(16, '\0') << "3" << 0ull << "does not match the file's 4";
    QTest::newRow("offset past the end") << QByteArray(8, '\0') << "" << 9ull << "past the end";
    QTest::newRow("empty file") << QByteArray() << "" << 0ull << "no data";
}

void TestCsvRaw::refusesBadRaw()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shape);
    QFETCH(qulonglong, offset);
    QFETCH(QString, mentions);
    test::ScratchDir dir;
    const auto path = dir.write("bad.dat", bytes);
    RawSpec spec;
    if (!shape.isEmpty()) {
        spec.shape = Shape{shape.toLongLong()};
    }
    spec.offset = offset;
    const auto loaded = readRawFile(path, spec);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().file, path);
    QVERIFY2(QString::fromStdString(loaded.error().message).contains(mentions),
             loaded.error().describe().c_str());
}

void TestCsvRaw::rawDtypeNames()
{
    QCOMPARE(rawSpecFromDtype("float64")->dtype, Dtype::Float64);
    QCOMPARE(rawSpecFromDtype(">f4")->order, ByteOrder::Big);
    QCOMPARE(rawSpecFromDtype("|b1")->dtype, Dtype::Bool);
    QCOMPARE(rawSpecFromDtype("c8").error().code, ErrorCode::UnsupportedDtype);
    QCOMPARE(rawSpecFromDtype("float").error().code, ErrorCode::UnsupportedDtype);
}

void TestCsvRaw::formatFromFileName()
{
    QCOMPARE(*detectFileFormat({"a/b.NPY", {}, {}}), ArchiveFormat::Npy);
    QCOMPARE(*detectFileFormat({"x.tsv", {}, {}}), ArchiveFormat::Csv);
    QCOMPARE(*detectFileFormat({"x.dat", {}, RawSpec{}}), ArchiveFormat::Raw);
    QCOMPARE(*detectFileFormat({"model.PTH", {}, {}}), ArchiveFormat::Pytorch);
    QCOMPARE(*detectFileFormat({"pytorch_model.bin", {}, {}}), ArchiveFormat::Pytorch);
    QCOMPARE(*detectFileFormat({"pytorch_model.bin", {}, RawSpec{}}), ArchiveFormat::Raw);
    const auto unknown = detectFileFormat({"model.h5", {}, {}});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::UnsupportedFormat);
    QVERIFY(unknown.error().message.find(".h5") != std::string::npos);
}

void TestCsvRaw::inputLocationWithTensorName()
{
    const FileSpec named = parseInputLocation("/no/such/model.npz#encoder.0.weight");
    QCOMPARE(named.path, std::string("/no/such/model.npz"));
    QCOMPARE(named.tensorName, std::string("encoder.0.weight"));
    // A file whose own name holds '#' is taken whole.
    test::ScratchDir dir;
    const auto path = dir.write("odd#name.csv", "1,2\n");
    const FileSpec whole = parseInputLocation(path);
    QCOMPARE(whole.path, path);
    QVERIFY(whole.tensorName.empty());
    // A single-tensor file refuses any other tensor name.
    const auto wrong = loadTensorFile(FileSpec{path, "other", {}});
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::TensorNotFound);
}

QTEST_GUILESS_MAIN(TestCsvRaw)
#include "tst_csv_raw.moc"
