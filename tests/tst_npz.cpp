// .npz archives through libzip: stored and deflated members, 0-d members, members QuantScope
// cannot read listed with the reason, and malformed archives refused before any allocation.

#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QFile>
#include <QtTest>

using namespace qs;

namespace {

QByteArray floatNpy(const char* shape, const std::vector<float>& values)
{
    return test::npyBytes(QByteArray("{'descr': '<f4', 'fortran_order': False, 'shape': ") + shape +
                              ", }",
                          test::floatBytes(values));
}

std::string writeArchive(test::ScratchDir& dir, const QString& name,
                         const std::vector<test::ZipMember>& members)
{
    const std::string path = dir.path(name);
    test::writeZip(path, members);
    return path;
}

// Offset of the first occurrence of a 4-byte little-endian signature.
qsizetype findSignature(const QByteArray& bytes, quint32 signature, qsizetype from = 0)
{
    const QByteArray needle(reinterpret_cast<const char*>(&signature), 4);
    return bytes.indexOf(needle, from);
}

void putLittle32(QByteArray& bytes, qsizetype at, quint32 value)
{
    for (int i = 0; i < 4; ++i) {
        bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

} // namespace

class TestNpz : public QObject
{
    Q_OBJECT

private slots:
    void storedAndDeflatedMembers();
    void zeroDimensionalAndIntegerMembers();
    void unreadableMembersListed();
    void malformed_data();
    void malformed();
};

void TestNpz::storedAndDeflatedMembers()
{
    test::ScratchDir dir;
    std::vector<float> big(5000);
    for (std::size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<float>(i % 17) * 0.25f;
    }
    const auto path =
        writeArchive(dir, "w.npz",
                     {{"conv.weight.npy", floatNpy("(2, 3)", {1, 2, 3, 4, 5, 6}), false},
                      {"fc.weight.npy", floatNpy("(5000,)", big), true}});
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    QCOMPARE((*archive)->format(), ArchiveFormat::Npz);
    const auto& entries = (*archive)->entries();
    QCOMPARE(entries.size(), std::size_t{2});
    QCOMPARE(entries[0].name, std::string("conv.weight"));
    QCOMPARE(entries[0].shape, (Shape{2, 3}));
    QCOMPARE(entries[1].bytes, std::uint64_t{20000});
    QCOMPARE(test::loadNamed(path, "conv.weight").values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(test::loadNamed(path, "fc.weight").values, big);
}

void TestNpz::zeroDimensionalAndIntegerMembers()
{
    test::ScratchDir dir;
    const auto path =
        writeArchive(dir, "m.npz",
                     {{"elevation.npy",
                       test::npyBytes("{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
                                      QByteArray("\x9c\xff\x10\x27", 4)),
                       true},
                      {"dx.npy",
                       test::npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                                      QByteArray("\x00\x00\x00\x00\x00\x00\x24\x40", 8)),
                       true}});
    const Tensor elevation = test::loadNamed(path, "elevation");
    QCOMPARE(elevation.values, (std::vector<float>{-100, 10000}));
    QCOMPARE(elevation.sourceDtype, Dtype::Int16);
    const Tensor dx = test::loadNamed(path, "dx");
    QVERIFY(dx.shape.empty());
    QCOMPARE(dx.values, (std::vector<float>{10}));
}

void TestNpz::unreadableMembersListed()
{
    test::ScratchDir dir;
    const auto path = writeArchive(
        dir, "s.npz",
        {{"records.npy",
          test::npyBytes("{'descr': [('date', '<M8[D]'), ('price', '<f8')], 'fortran_order': "
                         "False, 'shape': (1,), }",
                         QByteArray(16, '\0')),
          false},
         {"readme.txt", "not an array", false},
         {"ok.npy", floatNpy("(1,)", {3}), false}});
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(archive);
    const auto& entries = (*archive)->entries();
    QCOMPARE(entries.size(), std::size_t{3});
    QVERIFY2(entries[0].unsupported.find("structured dtype") != std::string::npos,
             entries[0].unsupported.c_str());
    QVERIFY(entries[1].unsupported.find("not an .npy array") != std::string::npos);
    const auto records = loadTensorFile(FileSpec{path, "records", {}});
    QVERIFY(!records);
    QCOMPARE(records.error().code, ErrorCode::UnsupportedDtype);
    QVERIFY(records.error().describe().find("s.npz#records") != std::string::npos);
    QCOMPARE(test::loadNamed(path, "ok").values, (std::vector<float>{3}));
}

void TestNpz::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");

    test::ScratchDir dir;
    const auto good = writeArchive(
        dir, "good.npz", {{"a.npy", floatNpy("(64,)", std::vector<float>(64, 1.5f)), false}});
    QFile file(QString::fromStdString(good));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();

    QTest::newRow("truncated zip")
        << whole.left(whole.size() / 2) << int(ErrorCode::BadHeader) << "not a readable .npz";
    QTest::newRow("not a zip") << QByteArray("this is plain text, not an archive")
                               << int(ErrorCode::BadHeader) << "not a readable .npz";
    QTest::newRow("empty file") << QByteArray() << int(ErrorCode::BadHeader) << "not a readable";

    // An .npy member whose header claims 2^30 float32 values (4 GB) in a 300-byte member.
    const auto claims =
        writeArchive(dir, "claims.npz",
                     {{"huge.npy",
                       test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': "
                                      "(1073741824,), }",
                                      QByteArray(64, '\0')),
                       true}});
    QFile claimsFile(QString::fromStdString(claims));
    QVERIFY(claimsFile.open(QIODevice::ReadOnly));
    QTest::newRow("npz member claiming 4 GB")
        << claimsFile.readAll() << int(ErrorCode::Truncated) << "needs 4294967296 data bytes";

    // The zip directory itself claiming 4 GB uncompressed for a stored 320-byte member.
    QByteArray lying = whole;
    const qsizetype local = findSignature(lying, 0x04034b50);
    const qsizetype central = findSignature(lying, 0x02014b50);
    QVERIFY(local >= 0 && central > local);
    putLittle32(lying, local + 22, 0xfffffff0u);
    putLittle32(lying, central + 24, 0xfffffff0u);
    QTest::newRow("zip directory claiming 4 GB")
        << lying << int(ErrorCode::BadHeader)
        << "claims 4294967280 bytes uncompressed from 384 stored";
}

void TestNpz::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::ScratchDir dir;
    const auto path = dir.write("bad.npz", bytes);
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    std::optional<Error> error;
    if (!archive) {
        error = archive.error();
    } else { // libzip may defer a lie to the first read; the load must refuse it then
        auto loaded = (*archive)->load(0);
        QVERIFY(!loaded);
        error = loaded.error();
    }
    const std::string text = error->describe();
    QVERIFY2(text.starts_with(path), text.c_str());
    QCOMPARE(int(error->code), code);
    QVERIFY2(text.find(words.toStdString()) != std::string::npos, text.c_str());
}

QTEST_GUILESS_MAIN(TestNpz)
#include "tst_npz.moc"
