// Hostile pickles in PyTorch files, each refused with one clear error naming the file, nothing
// executed (the payloads would create a marker file; it must never appear) and nothing loaded:
// os.system and friends through REDUCE, NEWOBJ and STACK_GLOBAL, builtins.eval/exec, getattr
// chains, INST/OBJ/EXT opcodes, memo indices past the memo, 100,000-deep nesting, truncated
// streams, an archive without data.pkl, a pickle protocol from the future.

#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/cli_run.h"
#include "support/model_files.h"
#include "support/pickle_bytes.h"
#include "support/temp_files.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs;

namespace {

constexpr char kNewObj = static_cast<char>(0x81);
constexpr char kStackGlobal = static_cast<char>(0x93);
constexpr char kExt1 = static_cast<char>(0x82);

// {"weight": <a real tensor>, "x": <payload>}: the payload sits beside data that would load.
QByteArray stateDictAround(const QByteArray& payload, bool legacy = false)
{
    test::PickleWriter pickle;
    pickle.proto().op('}').mark();
    pickle.text(QStringLiteral("weight"))
        .tensorV2("FloatStorage", QStringLiteral("0"), 2, 0, {2}, {1}, legacy);
    pickle.text(QStringLiteral("x")).raw(payload);
    return pickle.op('u').stop().bytes();
}

Error openError(const std::string& path)
{
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    if (archive) {
        qFatal("%s opened, but should have been refused", path.c_str());
    }
    return archive.error();
}

} // namespace

class TorchHostileTest : public QObject
{
    Q_OBJECT

    // Where the payloads would create their marker file.
    QTemporaryDir m_markerDir;
    QString marker() const { return m_markerDir.filePath(QStringLiteral("marker")); }

private slots:
    void codeIsNeverRun_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("named"); // what the error must name
        const QString marker = this->marker();
        const auto touch = [](const QString& path) {
            return test::PickleWriter()
                .text(QStringLiteral("touch ") + path)
                .op(static_cast<char>(0x85));
        };
        QTest::newRow("os.system via REDUCE") << test::PickleWriter()
                                                     .global("os", "system")
                                                     .raw(touch(marker).bytes())
                                                     .reduce()
                                                     .bytes()
                                              << QStringLiteral("os.system");
        QTest::newRow("posix.system via STACK_GLOBAL") << test::PickleWriter()
                                                              .text(QStringLiteral("posix"))
                                                              .text(QStringLiteral("system"))
                                                              .op(kStackGlobal)
                                                              .raw(touch(marker).bytes())
                                                              .reduce()
                                                              .bytes()
                                                       << QStringLiteral("posix.system");
        QTest::newRow("builtins.eval")
            << test::PickleWriter()
                   .global("builtins", "eval")
                   .text(QStringLiteral("__import__('os').system('touch %1')").arg(marker))
                   .op(static_cast<char>(0x85))
                   .reduce()
                   .bytes()
            << QStringLiteral("builtins.eval");
        QTest::newRow("builtins.exec")
            << test::PickleWriter()
                   .global("builtins", "exec")
                   .text(QStringLiteral("import os; os.system('touch %1')").arg(marker))
                   .op(static_cast<char>(0x85))
                   .reduce()
                   .bytes()
            << QStringLiteral("builtins.exec");
        QTest::newRow("a getattr chain") << test::PickleWriter()
                                                .global("builtins", "getattr")
                                                .global("builtins", "__import__")
                                                .text(QStringLiteral("os"))
                                                .op(static_cast<char>(0x85))
                                                .reduce()
                                                .text(QStringLiteral("system"))
                                                .op(static_cast<char>(0x86))
                                                .reduce()
                                                .raw(touch(marker).bytes())
                                                .reduce()
                                                .bytes()
                                         << QStringLiteral("builtins.getattr");
        QTest::newRow("subprocess.Popen via NEWOBJ") << test::PickleWriter()
                                                            .global("subprocess", "Popen")
                                                            .mark()
                                                            .text(QStringLiteral("touch"))
                                                            .text(marker)
                                                            .op('l')
                                                            .op(static_cast<char>(0x85))
                                                            .op(kNewObj)
                                                            .bytes()
                                                     << QStringLiteral("subprocess.Popen");
        QTest::newRow("INST") << test::PickleWriter()
                                     .mark()
                                     .text(QStringLiteral("touch ") + marker)
                                     .raw("ios\nsystem\n")
                                     .bytes()
                              << QStringLiteral("os.system");
        QTest::newRow("OBJ of an allowed class")
            << test::PickleWriter().mark().global("collections", "OrderedDict").op('o').bytes()
            << QStringLiteral("OBJ");
        QTest::newRow("EXT1") << test::PickleWriter().raw(QByteArray(1, kExt1) + '\x01').bytes()
                              << QStringLiteral("copyreg");
        QTest::newRow("a whole pickled model") << test::PickleWriter()
                                                      .global("torch.nn.modules.linear", "Linear")
                                                      .op(')')
                                                      .op(kNewObj)
                                                      .bytes()
                                               << QStringLiteral("state_dict()");
    }

    void codeIsNeverRun()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, named);
        test::ScratchDir dir;
        const std::string zip = dir.path(QStringLiteral("hostile.pt"));
        test::writeTorchZip(zip, stateDictAround(payload),
                            {{QStringLiteral("0"), QByteArray(8, '\0')}});
        const std::string legacy =
            dir.write(QStringLiteral("hostile_legacy.pth"),
                      test::legacyTorchBytes(stateDictAround(payload, true)));
        for (const std::string& path : {zip, legacy}) {
            const Error error = openError(path);
            const QString text = QString::fromStdString(error.describe());
            QCOMPARE(error.code, ErrorCode::UnsafeContent);
            QVERIFY2(text.contains(QString::fromStdString(path)), qPrintable(text));
            QVERIFY2(text.contains(named), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("run code")), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text));
            for (const char* command : {"list", "analyze", "model"}) {
                QStringList arguments{QString::fromLatin1(command)};
                arguments << (QString::fromLatin1(command) == QStringLiteral("analyze")
                                  ? QStringList{QStringLiteral("--input"),
                                                QString::fromStdString(path)}
                                  : QStringList{QString::fromStdString(path)});
                const test::CliRun run = test::runCli(arguments);
                QCOMPARE(run.exitCode, 3);
                QVERIFY2(run.err.contains(QStringLiteral("run code")), qPrintable(run.err));
            }
            QVERIFY2(!QFileInfo::exists(marker()), "a payload ran");
        }
    }

    void listJsonFlagsTheFileAsUnsafe()
    {
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("unsafe.pt"));
        test::writeTorchZip(path,
                            stateDictAround(test::PickleWriter().global("os", "system").bytes()),
                            {{QStringLiteral("0"), QByteArray(8, '\0')}});
        const test::CliRun run = test::runCli(
            {QStringLiteral("list"), QString::fromStdString(path), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 3);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("unsafe")).toBool(), true);
        QVERIFY(
            json.value(QStringLiteral("reason")).toString().contains(QStringLiteral("os.system")));
        QCOMPARE(json.value(QStringLiteral("tensors")).toArray().size(), 0);
    }

    void malformedPicklesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("pickle");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("memo index past the memo")
            << test::PickleWriter().proto().binGet(200).stop().bytes()
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("memo entry 200");
        QByteArray deep = test::PickleWriter().proto().bytes();
        deep.append(QByteArray(100'000, ']')).append(QByteArray(99'999, 'a')).append('.');
        QTest::newRow("100,000-deep nesting")
            << deep << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("64 containers");
        QByteArray marks = test::PickleWriter().proto().bytes();
        marks.append(QByteArray(100'000, '(')).append('.');
        QTest::newRow("100,000 marks and no values")
            << marks << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("stack");
        const QByteArray whole = stateDictAround(test::PickleWriter().integer(1).bytes());
        QTest::newRow("a truncated stream")
            << whole.left(whole.size() / 2) << static_cast<int>(ErrorCode::Truncated)
            << QStringLiteral("archive/data.pkl");
        QTest::newRow("pickle protocol 6")
            << test::PickleWriter().proto(6).op('N').stop().bytes()
            << static_cast<int>(ErrorCode::UnsupportedFormat) << QStringLiteral("protocol 6");
        QTest::newRow("an unknown opcode")
            << test::PickleWriter().proto().op('\xff').stop().bytes()
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("0xff");
        QTest::newRow("a storage id that is not a tuple")
            << test::PickleWriter().proto().integer(3).op('Q').stop().bytes()
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("persistent id");
        QTest::newRow("a rebuild with a size that is not a tuple")
            << test::PickleWriter()
                   .proto()
                   .global("torch._utils", "_rebuild_tensor_v2")
                   .mark()
                   .zipStorage("FloatStorage", QStringLiteral("0"), 2)
                   .integer(0)
                   .integer(2)
                   .integer(1)
                   .tuple()
                   .reduce()
                   .stop()
                   .bytes()
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("_rebuild_tensor_v2");
        QTest::newRow("calling a dtype")
            << test::PickleWriter()
                   .proto()
                   .global("torch", "float32")
                   .op(')')
                   .reduce()
                   .stop()
                   .bytes()
            << static_cast<int>(ErrorCode::UnsafeContent) << QStringLiteral("torch.float32");
    }

    void malformedPicklesAreRefused()
    {
        QFETCH(QByteArray, pickle);
        QFETCH(int, code);
        QFETCH(QString, words);
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("bad.pt"));
        test::writeTorchZip(path, pickle, {{QStringLiteral("0"), QByteArray(8, '\0')}});
        const Error error = openError(path);
        const QString text = QString::fromStdString(error.describe());
        QCOMPARE(static_cast<int>(error.code), code);
        QVERIFY2(text.contains(QStringLiteral("bad.pt")), qPrintable(text));
        QVERIFY2(text.contains(words), qPrintable(text));
    }

    void anArchiveWithoutDataPkl()
    {
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("nopickle.pt"));
        test::writeZip(path, {{QStringLiteral("archive/data/0"), QByteArray(8, '\0')},
                              {QStringLiteral("archive/version"), QByteArrayLiteral("3\n")}});
        const Error error = openError(path);
        QCOMPARE(error.code, ErrorCode::BadHeader);
        QVERIFY(QString::fromStdString(error.message).contains(QStringLiteral("data.pkl")));
    }

    void legacyFilesWithBrokenFraming_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("no magic number")
            << test::PickleWriter().proto().integer(7).stop().bytes()
            << static_cast<int>(ErrorCode::BadMagic) << QStringLiteral("not a PyTorch file");
        QByteArray wrongVersion = QByteArray::fromHex("80028a0a6cfc9c46f9206aa850192e");
        wrongVersion.append(test::PickleWriter().proto().integer(1000).stop().bytes());
        QTest::newRow("protocol version 1000")
            << wrongVersion << static_cast<int>(ErrorCode::UnsupportedFormat)
            << QStringLiteral("1001");
        const QByteArray keys =
            test::PickleWriter().proto().op(']').text(QStringLiteral("0")).op('a').stop().bytes();
        const QByteArray object = stateDictAround(test::PickleWriter().integer(1).bytes(), true);
        QTest::newRow("a storage count that disagrees with the pickle")
            << test::legacyTorchBytes(object + keys + QByteArray::fromHex("0300000000000000") +
                                      QByteArray(12, '\0'))
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("holds 3 elements");
        QTest::newRow("storages cut short")
            << test::legacyTorchBytes(object + keys + QByteArray::fromHex("0200000000000000") +
                                      QByteArray(5, '\0'))
            << static_cast<int>(ErrorCode::Truncated) << QStringLiteral("inside storage '0'");
        QTest::newRow("a storage key no tensor uses")
            << test::legacyTorchBytes(object + test::PickleWriter()
                                                   .proto()
                                                   .op(']')
                                                   .text(QStringLiteral("7"))
                                                   .op('a')
                                                   .stop()
                                                   .bytes())
            << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("'7'");
    }

    void legacyFilesWithBrokenFraming()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, words);
        test::ScratchDir dir;
        const std::string path = dir.write(QStringLiteral("old.pt"), bytes);
        const Error error = openError(path);
        const QString text = QString::fromStdString(error.describe());
        QCOMPARE(static_cast<int>(error.code), code);
        QVERIFY2(text.contains(words), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TorchHostileTest)
#include "tst_torch_hostile.moc"
