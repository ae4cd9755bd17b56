// Hostile and awkward input, generated here (nothing large is committed): JSON nested far past
// any real document, FIFOs and devices where files are expected, text numbers beyond float32,
// byte-order marks and doubled signs, a zip member whose CRC does not match, TF.js offsets that
// would wrap, format routing by structure, and session integers that would be narrowed. Each
// gets one clear error that names the file — or, where the input is valid, the right values.

#include "common/memory_budget.h"
#include "common/printable_text.h"
#include "io/archive_factory.h"
#include "io/csv_reader.h"
#include "io/json_nesting.h"
#include "io/temporary_files.h"
#include "io/tensor_source.h"
#include "report/listing_report.h"
#include "session/session.h"
#include "support/cli_run.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace qs;

namespace {

constexpr int kDeep = 200000; // far past the limit, deep enough to have crashed a recursive walk

QByteArray nested(int depth, const char* open = "[", const char* close = "]")
{
    return QByteArray(open).repeated(depth) + QByteArray(close).repeated(depth);
}

Result<std::unique_ptr<TensorArchive>> openFile(const std::string& path)
{
    return openTensorArchive({path, {}, {}});
}

void verifyError(const Error& error, const std::string& path, const char* words)
{
    QVERIFY2(error.file == path, error.describe().c_str());
    QVERIFY2(error.message.find(words) != std::string::npos, error.describe().c_str());
    // One line: nothing from the file is echoed raw.
    QVERIFY(error.describe().find('\n') == std::string::npos);
}

std::string fifo(test::ScratchDir& dir, const QString& name)
{
    const std::string path = dir.path(name);
    if (::mkfifo(path.c_str(), 0600) != 0) {
        qFatal("cannot make a FIFO at %s", path.c_str());
    }
    return path;
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT

private slots:
    void nestingIsMeasuredOutsideStrings();
    void deepJsonIsRefusedEverywhere();
    void onlyRegularFilesAreOpened_data();
    void onlyRegularFilesAreOpened();
    void shardsAndSessionsMustBeRegularFiles();
    void csvNumbersBeyondFloat32AreInfinityWithAWarning();
    void csvByteOrderMarkAndSigns();
    void npzMemberWithABadChecksumIsRefused();
    void tfjsOffsetsDoNotWrap();
    void tfjsWeightNamedWeightMapIsTfjs();
    void tensorsBeyondTheMemoryBudgetAreRefused();
    void temporaryFilesGoWithSigterm();
    void printableEscapesControlsAndCuts();
    void namesWithControlsAreEscapedInListsAndErrors();
    void sessionIntegersAreNotNarrowed_data();
    void sessionIntegersAreNotNarrowed();
};

void TestHostileFiles::nestingIsMeasuredOutsideStrings()
{
    QVERIFY(!jsonNestsDeeperThan("{\"a\": [[1, 2], {\"b\": []}]}", 4));
    QVERIFY(jsonNestsDeeperThan("{\"a\": [[1, 2], {\"b\": []}]}", 3));
    // Brackets inside strings, escaped quotes included, are text.
    QVERIFY(!jsonNestsDeeperThan("{\"a\": \"[[[[\\\"[[[[\"}", 1));
    QVERIFY(jsonNestsDeeperThan(nested(kDeep).toStdString()));
    QVERIFY(!jsonNestsDeeperThan(nested(kMaxJsonNesting).toStdString()));
}

void TestHostileFiles::deepJsonIsRefusedEverywhere()
{
    test::ScratchDir dir;
    const QByteArray deep = nested(kDeep);
    const QByteArray data = test::floatBytes({1.0f});
    // In a safetensors header: in __metadata__, and as a shape.
    const std::string metadata =
        dir.write("m.safetensors",
                  test::safetensorsBytes(
                      "{\"__metadata__\":{\"a\":" + deep +
                          "},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                      data));
    const std::string shape = dir.write(
        "s.safetensors",
        test::safetensorsBytes(
            "{\"t\":{\"dtype\":\"F32\",\"shape\":" + deep + ",\"data_offsets\":[0,4]}}", data));
    const std::string index =
        dir.write("model.safetensors.index.json", "{\"weight_map\":{\"a\":" + deep + "}}");
    const std::string tfjs =
        dir.write("model.json", "{\"weightsManifest\":[{\"paths\":[],\"weights\":" + deep + "}]}");
    for (const std::string& path : {metadata, shape, index, tfjs}) {
        auto opened = openFile(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::BadHeader);
        verifyError(opened.error(), path, "nests deeper than 64 levels");
    }
    const std::string session =
        dir.write("deep.qscope", "{\"quantscope_session\":1,\"source\":" + deep + "}");
    auto read = readSession(session);
    QVERIFY(!read);
    verifyError(read.error(), session, "nests deeper than 64 levels");
    // The command line says so in one line and exits 3 (the input's fault).
    const test::CliRun run = test::runCli({"list", QString::fromStdString(metadata)});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.err.trimmed().count('\n'), 0);
    QVERIFY(run.err.contains("nests deeper"));
}

void TestHostileFiles::onlyRegularFilesAreOpened_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name :
         {"x.safetensors", "x.onnx", "x.gguf", "x.npz", "x.npy", "x.csv", "x.txt", "model.json"}) {
        QTest::newRow(name) << QString(name);
    }
}

void TestHostileFiles::onlyRegularFilesAreOpened()
{
    QFETCH(QString, name);
    test::ScratchDir dir;
    const std::string path = fifo(dir, name);
    // A FIFO without a writer: opening it for reading would wait forever.
    QElapsedTimer clock;
    clock.start();
    auto loaded = loadTensorFile({path, {}, {}});
    QVERIFY(!loaded);
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(loaded.error().code, ErrorCode::ReadFailed);
    verifyError(loaded.error(), path, "is a FIFO (named pipe), not a regular file");
}

void TestHostileFiles::shardsAndSessionsMustBeRegularFiles()
{
    test::ScratchDir dir;
    // A sharded index whose shard is a FIFO.
    fifo(dir, "shard.safetensors");
    const std::string index =
        dir.write("model.safetensors.index.json", "{\"weight_map\":{\"a\":\"shard.safetensors\"}}");
    auto opened = openFile(index);
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.find("not a regular file") != std::string::npos,
             opened.error().describe().c_str());
    // A session that is a FIFO, and a device as raw data.
    const std::string session = fifo(dir, "s.qscope");
    auto read = readSession(session);
    QVERIFY(!read);
    verifyError(read.error(), session, "not a regular file");
    auto device = loadTensorFile({"/dev/zero", {}, RawSpec{}});
    QVERIFY(!device);
    verifyError(device.error(), "/dev/zero", "is a character device");
}

void TestHostileFiles::csvNumbersBeyondFloat32AreInfinityWithAWarning()
{
    // 1e999 and −1e999 overflow float64 (NumPy reads ±inf); 1e39 overflows float32 only; a
    // number of ten million digits too. "inf" asks for infinity: no warning for it.
    const std::string huge = "1" + std::string(10'000'000, '0');
    const std::string text = "1e999,-1e999\n1e39,inf\n" + huge + ",2\n1e-999,3\n";
    auto loaded = parseCsv(text, "big.csv");
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    const std::vector<float>& v = loaded->tensor.values;
    QCOMPARE(v.size(), std::size_t{8});
    QVERIFY(std::isinf(v[0]) && v[0] > 0);
    QVERIFY(std::isinf(v[1]) && v[1] < 0);
    QVERIFY(std::isinf(v[2]) && std::isinf(v[3]) && std::isinf(v[4]));
    QCOMPARE(v[5], 2.0f);
    QCOMPARE(v[6], 0.0f); // below the smallest double: 0, as NumPy reads it
    QCOMPARE(loaded->warnings.size(), std::size_t{1});
    const Warning& w = loaded->warnings.front();
    QCOMPARE(w.code, WarningCode::BeyondFloat32);
    QVERIFY2(w.message.find("big.csv: 4 numbers lie beyond float32's range") != std::string::npos,
             w.message.c_str());
    QVERIFY(w.message.find("line 1, column 1, '1e999'") != std::string::npos);
}

void TestHostileFiles::csvByteOrderMarkAndSigns()
{
    // A spreadsheet's byte-order mark: the first row is data, not a header.
    auto bom = parseCsv("\xEF\xBB\xBF"
                        "1,2\n3,4\n",
                        "bom.csv");
    QVERIFY(bom);
    QCOMPARE(bom->tensor.values, (std::vector<float>{1, 2, 3, 4}));
    // One sign only: "+-1" is not −1.
    auto signs = parseCsv("1,2\n+-1,4\n", "signs.csv");
    QVERIFY(!signs);
    QCOMPARE(signs.error().code, ErrorCode::BadValue);
    verifyError(signs.error(), "signs.csv", "line 2, column 1: '+-1' is not a number");
    auto plus = parseCsv("+1,+2.5\n", "plus.csv");
    QVERIFY(plus);
    QCOMPARE(plus->tensor.values, (std::vector<float>{1, 2.5f}));
}

void TestHostileFiles::npzMemberWithABadChecksumIsRefused()
{
    test::ScratchDir dir;
    const QByteArray npy =
        test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                       test::floatBytes({1, 2, 3, 4}));
    const std::string path = dir.path("crc.npz");
    test::writeZip(path, {{"a.npy", npy, false}});
    // Change one data byte of the stored member, leaving its CRC-32 as it was.
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const qsizetype at = bytes.indexOf(test::floatBytes({3, 4}));
    QVERIFY(at > 0);
    bytes[at + 1] = char(bytes[at + 1] ^ 0x5A);
    file.seek(0);
    file.write(bytes);
    file.close();
    auto loaded = loadTensorFile({path, "a", {}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::BadValue);
    verifyError(loaded.error(), path + "#a", "does not match its zip directory");
    // The same member intact loads.
    const std::string good = dir.path("good.npz");
    test::writeZip(good, {{"a.npy", npy, true}});
    QCOMPARE(test::loadNamed(good, "a").values, (std::vector<float>{1, 2, 3, 4}));
}

void TestHostileFiles::tfjsOffsetsDoNotWrap()
{
    // An unread uint8 weight claiming 2^63 bytes before a float weight: the float weight's
    // offset must not wrap to byte 0.
    test::ScratchDir dir;
    dir.write("w.bin", test::floatBytes({1, 2, 3, 4}));
    const std::string manifest = dir.write(
        "model.json", "{\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":["
                      "{\"name\":\"big\",\"shape\":[4611686018427387904,2],\"dtype\":\"uint8\"},"
                      "{\"name\":\"big2\",\"shape\":[4611686018427387904,2],\"dtype\":\"uint8\"},"
                      "{\"name\":\"w\",\"shape\":[4],\"dtype\":\"float32\"}]}]}");
    auto opened = openFile(manifest);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::TooLarge);
    QVERIFY2(opened.error().message.find("more than 2^64 bytes") != std::string::npos,
             opened.error().describe().c_str());
}

void TestHostileFiles::tfjsWeightNamedWeightMapIsTfjs()
{
    // Routed by the document's structure, not by the words in it.
    test::ScratchDir dir;
    dir.write("w.bin", test::floatBytes({1, 2}));
    const std::string manifest =
        dir.write("weights_manifest.json",
                  "[{\"paths\":[\"w.bin\"],\"weights\":[{\"name\":\"weight_map\",\"shape\":[2],"
                  "\"dtype\":\"float32\"}]}]");
    QCOMPARE(test::loadNamed(manifest, "weight_map").values, (std::vector<float>{1, 2}));
}

void TestHostileFiles::tensorsBeyondTheMemoryBudgetAreRefused()
{
    // A valid .npy of 2^34 uint8 values, sparse on disk: its float32 values need 64 GiB, more
    // than this machine's memory. Refused before anything is allocated, with the size it needs.
    test::ScratchDir dir;
    const std::uint64_t count = std::uint64_t{1} << 34;
    QVERIFY(count * 5 > memoryBudgetBytes());
    const QByteArray header =
        test::npyBytes("{'descr': '|u1', 'fortran_order': False, 'shape': (17179869184,), }", {});
    const std::string path = dir.write("huge.npy", header);
    QFile file(QString::fromStdString(path));
    QVERIFY(file.resize(header.size() + static_cast<qint64>(count)));
    auto loaded = loadTensorFile({path, {}, {}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::TooLarge);
    verifyError(loaded.error(), path + "#huge", "values needs 85.9 GB, more than the");
    const test::CliRun run = test::runCli({"analyze", "--input", QString::fromStdString(path)});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("of memory this process may use"), qPrintable(run.err));
}

void TestHostileFiles::temporaryFilesGoWithSigterm()
{
    // A child writing a temporary file is sent SIGTERM: the file goes, and the child ends by
    // that signal (the handler re-raises it).
    test::ScratchDir dir;
    const std::string part = dir.path("out.npy.0badcafe.part");
    const std::string kept = dir.path("kept.part"); // not registered: left alone
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        removeTemporaryFilesOnSignals();
        const TemporaryFileGuard guard(part);
        std::FILE* a = std::fopen(part.c_str(), "wb");
        std::FILE* b = std::fopen(kept.c_str(), "wb");
        std::fputs("half written", a);
        std::fflush(a);
        std::fclose(b);
        ::kill(::getpid(), SIGTERM);
        ::pause();
        ::_exit(0); // not reached
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    QVERIFY(!QFile::exists(QString::fromStdString(part)));
    QVERIFY(QFile::exists(QString::fromStdString(kept)));
}

void TestHostileFiles::printableEscapesControlsAndCuts()
{
    using namespace std::string_literals;
    QCOMPARE(printable("w\n\r\x1b[31m\x7f"s), std::string("w\\x0A\\x0D\\x1B[31m\\x7F"));
    QCOMPARE(printable("a\0b"s), std::string("a\\x00b")); // NUL no longer ends the text
    QCOMPARE(printable("\xC2\x9B"
                       "2J"s),
             std::string("\\x9B2J"));                                // C1 CSI, UTF-8 encoded
    QCOMPARE(printable("权重.weight"s), std::string("权重.weight")); // other UTF-8 passes
    // Cut at the limit, never inside a UTF-8 sequence, saying how much was left out.
    QCOMPARE(printable(std::string(300, 'x'), 10), std::string(10, 'x') + " … (290 more bytes)");
    QCOMPARE(printable("ab权重"s, 4), std::string("ab … (6 more bytes)"));
}

void TestHostileFiles::namesWithControlsAreEscapedInListsAndErrors()
{
    // A tensor name that would end the line and colour the terminal, and one with a NUL.
    test::ScratchDir dir;
    const QByteArray nul("a\\u0000b");
    const std::string path = dir.write(
        "evil.safetensors",
        test::safetensorsBytes("{\"bad\\nname\\u001b[31m\":{\"dtype\":\"F32\",\"shape\":[1],"
                               "\"data_offsets\":[0,4]},\"" +
                                   nul +
                                   "\":{\"dtype\":\"C64\",\"shape\":[1],"
                                   "\"data_offsets\":[4,12]}}",
                               test::floatBytes({1, 2, 3})));
    auto archive = openFile(path);
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    const std::string text = listingText(**archive);
    QCOMPARE(std::ranges::count(text, '\n'), 4); // the heading, the columns, two tensors
    QVERIFY(text.find("bad\\x0Aname\\x1B[31m") != std::string::npos);
    QVERIFY(text.find("a\\x00b") != std::string::npos);
    QVERIFY(text.find('\x1b') == std::string::npos);
    // An error naming that tensor is one line too, NUL and all.
    const std::size_t unsupported = *(*archive)->find(std::string("a\0b", 3));
    auto loaded = (*archive)->load(unsupported);
    QVERIFY(!loaded);
    const std::string line = loaded.error().describe();
    QVERIFY(line.find('\n') == std::string::npos && line.find('\0') == std::string::npos);
    QVERIFY2(line.find("a\\x00b") != std::string::npos, line.c_str());
}

void TestHostileFiles::sessionIntegersAreNotNarrowed_data()
{
    // A session as QuantScope writes it, with one integer changed to one that narrowing would
    // have turned into a valid value.
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("words");
    QTest::newRow("bits 2^32 + 8")
        << QByteArray("\"bits\": 8") << QByteArray("\"bits\": 4294967304")
        << "'scheme.bits' must be an integer from -2147483648 to 2147483647 (got 4294967304)";
    QTest::newRow("seed 2^40") << QByteArray("\"seed\": 7") << QByteArray("\"seed\": 1099511627776")
                               << "'source.seed' must be an integer from 0 to 4294967295 (got "
                                  "1099511627776)";
    QTest::newRow("version 2^32 + 1")
        << QByteArray("\"quantscope_session\": 1")
        << QByteArray("\"quantscope_session\": 4294967297") << "session version 4294967297";
    QTest::newRow("version -1") << QByteArray("\"quantscope_session\": 1")
                                << QByteArray("\"quantscope_session\": -1")
                                << "must be a positive integer (got -1)";
}

void TestHostileFiles::sessionIntegersAreNotNarrowed()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, words);
    GenerateSpec generated;
    generated.seed = 7;
    QByteArray text = QByteArray::fromStdString(sessionJson(Session{generated, QuantSpec{}, {}}));
    QVERIFY2(text.contains(from), text.constData());
    text.replace(from, to);
    test::ScratchDir dir;
    const std::string path = dir.write("s.qscope", text);
    auto read = readSession(path);
    QVERIFY(!read);
    verifyError(read.error(), path, words.toUtf8().constData());
    // The file's fault: exit 3, with the session named.
    const test::CliRun run = test::runCli({"analyze", "--session", QString::fromStdString(path)});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(words), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostile_files.moc"
