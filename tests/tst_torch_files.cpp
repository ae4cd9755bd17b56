// PyTorch checkpoints: the files Debian's torch 1.13 wrote (tests/data/make_torch_fixtures.py)
// read back with the names, shapes, dtypes, values and metadata torch.load gives, in both
// layouts; and the torch.save shapes no fixture covers (big-endian records, _rebuild_tensor_v3
// over an untyped storage, tensors QuantScope lists but cannot read) from pickles written here.

#include "io/archive_factory.h"
#include "io/pickle/pickle_machine.h"
#include "io/tensor_source.h"
#include "io/torch/state_names.h"
#include "io/torch/torch_pickle.h"
#include "support/model_files.h"
#include "support/pickle_bytes.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qs;

namespace {

std::unique_ptr<TensorArchive> openOrFail(const std::string& path)
{
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    if (!archive) {
        qFatal("cannot open %s: %s", path.c_str(), archive.error().describe().c_str());
    }
    return std::move(*archive);
}

QJsonObject expectedFor(const QString& file)
{
    QFile json(test::testData(QStringLiteral("torch/expected.json")));
    if (!json.open(QIODevice::ReadOnly)) {
        qFatal("cannot read torch/expected.json");
    }
    return QJsonDocument::fromJson(json.readAll()).object().value(file).toObject();
}

Shape shapeOf(const QJsonArray& dims)
{
    Shape shape;
    for (const auto& dim : dims) {
        shape.push_back(dim.toInteger());
    }
    return shape;
}

QByteArray bigEndianFloats(const std::vector<float>& values)
{
    QByteArray bytes;
    for (const float value : values) {
        const quint32 big = qToBigEndian(std::bit_cast<quint32>(value));
        bytes.append(reinterpret_cast<const char*>(&big), 4);
    }
    return bytes;
}

// {"w": <tensor>} around the pickle bytes `tensor` writes.
QByteArray oneTensorDict(const QString& name, const QByteArray& tensor)
{
    return test::PickleWriter().proto().op('}').text(name).raw(tensor).op('s').stop().bytes();
}

} // namespace

class TorchFilesTest : public QObject
{
    Q_OBJECT

private slots:
    void fixturesReadAsTorchLoadsThem_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zip layout") << QStringLiteral("state_zip.pt");
        QTest::newRow("legacy layout") << QStringLiteral("state_legacy.pt");
        QTest::newRow("a bare tensor") << QStringLiteral("tensor_only.pt");
        QTest::newRow("a list of tensors") << QStringLiteral("list_of_tensors.pt");
    }

    void fixturesReadAsTorchLoadsThem()
    {
        QFETCH(QString, file);
        const QJsonObject expected = expectedFor(file);
        auto archive = openOrFail(test::testData(QStringLiteral("torch/") + file).toStdString());
        QCOMPARE(archive->format(), ArchiveFormat::Pytorch);
        const QJsonArray tensors = expected.value(QStringLiteral("tensors")).toArray();
        QCOMPARE(archive->entries().size(), static_cast<std::size_t>(tensors.size()));
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject want = tensors[i].toObject();
            const TensorEntry& entry = archive->entries()[static_cast<std::size_t>(i)];
            QCOMPARE(QString::fromStdString(entry.name),
                     want.value(QStringLiteral("name")).toString());
            QCOMPARE(QString::fromStdString(entry.dtype),
                     want.value(QStringLiteral("dtype")).toString());
            QCOMPARE(entry.shape, shapeOf(want.value(QStringLiteral("shape")).toArray()));
            QVERIFY2(entry.unsupported.empty(), entry.unsupported.c_str());
            auto loaded = archive->load(static_cast<std::size_t>(i));
            QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().describe().c_str());
            const QJsonArray values = want.value(QStringLiteral("values")).toArray();
            QCOMPARE(loaded->tensor.values.size(), static_cast<std::size_t>(values.size()));
            for (qsizetype k = 0; k < values.size(); ++k) {
                // float32 of torch's value, as NumPy's astype('float32') rounds it
                QCOMPARE(loaded->tensor.values[static_cast<std::size_t>(k)],
                         static_cast<float>(values[k].toDouble()));
            }
        }
        const QJsonObject metadata = expected.value(QStringLiteral("metadata")).toObject();
        for (auto it = metadata.begin(); it != metadata.end(); ++it) {
            const auto found = std::ranges::find_if(archive->metadata(), [&](const auto& item) {
                return QString::fromStdString(item.first) == it.key();
            });
            QVERIFY2(found != archive->metadata().end(), qPrintable(it.key()));
            // Python's repr of a float may differ in form from ours ("0.001" both here).
            QCOMPARE(QString::fromStdString(found->second).toDouble(),
                     it.value().toString().toDouble());
        }
    }

    void viewsAreGatheredAndContiguousTensorsUsedInPlace()
    {
        auto archive =
            openOrFail(test::testData(QStringLiteral("torch/state_zip.pt")).toStdString());
        const auto transposed = archive->find("model.transposed");
        const auto weight = archive->find("model.0.weight");
        QVERIFY(transposed && weight);
        QVERIFY(!archive->stored(*transposed).has_value()); // strides (1, 5): gathered on load
        const auto stored = archive->stored(*weight);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->bytes.size(), std::size_t{48});
        QCOMPARE(stored->dtype, Dtype::Float32);
    }

    void bigEndianRecordsAreSwapped()
    {
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("big.pt"));
        const QByteArray pickle = oneTensorDict(
            QStringLiteral("w"), test::PickleWriter()
                                     .tensorV2("FloatStorage", QStringLiteral("0"), 3, 0, {3}, {1})
                                     .bytes());
        std::vector<test::ZipMember> members{
            {QStringLiteral("archive/data.pkl"), pickle},
            {QStringLiteral("archive/byteorder"), QByteArrayLiteral("big")},
            {QStringLiteral("archive/data/0"), bigEndianFloats({1.5f, -2.0f, 1e-3f})}};
        test::writeZip(path, members);
        const Tensor w = test::loadNamed(path, "w");
        QCOMPARE(w.values, (std::vector<float>{1.5f, -2.0f, 1e-3f}));
    }

    void newerDtypesOverAnUntypedStorage()
    {
        // torch >= 2.1 saves float8 tensors as _rebuild_tensor_v3(UntypedStorage, offset, size,
        // stride, requires_grad, hooks, dtype): the offset counts elements of that dtype.
        test::PickleWriter tensor;
        tensor.global("torch._utils", "_rebuild_tensor_v3").mark();
        tensor.zipStorage("UntypedStorage", QStringLiteral("0"), 5).integer(1);
        tensor.mark().integer(4).tuple().mark().integer(1).tuple();
        tensor.op(static_cast<char>(0x89)).global("collections", "OrderedDict").op(')').reduce();
        tensor.global("torch", "float8_e4m3fn").tuple().reduce();
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("fp8.pt"));
        // E4M3: 0x38 = 1, 0x40 = 2, 0xc0 = −2, 0x7e = 448 (the largest), after one skipped byte
        test::writeTorchZip(path, oneTensorDict(QStringLiteral("w"), tensor.bytes()),
                            {{QStringLiteral("0"), QByteArray::fromHex("ff3840c07e")}});
        auto archive = openOrFail(path);
        QCOMPARE(archive->entries().at(0).dtype, std::string("float8_e4m3fn"));
        const Tensor w = test::loadNamed(path, "w");
        QCOMPARE(w.values, (std::vector<float>{1.0f, 2.0f, -2.0f, 448.0f}));
    }

    void unreadableTensorsAreListedBesideTheOthers()
    {
        test::PickleWriter pickle;
        pickle.proto().op('}').mark();
        pickle.text(QStringLiteral("ok"))
            .tensorV2("FloatStorage", QStringLiteral("0"), 2, 0, {2}, {1});
        pickle.text(QStringLiteral("complex"))
            .tensorV2("ComplexFloatStorage", QStringLiteral("1"), 1, 0, {1}, {1});
        pickle.text(QStringLiteral("missing"))
            .tensorV2("FloatStorage", QStringLiteral("99"), 2, 0, {2}, {1});
        pickle.text(QStringLiteral("short"))
            .tensorV2("FloatStorage", QStringLiteral("2"), 8, 0, {8}, {1});
        pickle.text(QStringLiteral("past"))
            .tensorV2("FloatStorage", QStringLiteral("0"), 2, 1, {2}, {1});
        // an empty view: its offset may lie past its storage, as torch allows
        pickle.text(QStringLiteral("empty"))
            .tensorV2("FloatStorage", QStringLiteral("0"), 2, 9, {0, 3}, {3, 1});
        // torch's own quantized tensors: listed with their shape, not decoded
        pickle.text(QStringLiteral("qtensor")).global("torch._utils", "_rebuild_qtensor").mark();
        pickle.zipStorage("QInt8Storage", QStringLiteral("3"), 4).integer(0);
        pickle.mark().integer(2).integer(2).tuple().mark().integer(2).integer(1).tuple();
        pickle.mark()
            .global("torch", "per_tensor_affine")
            .raw(QByteArray::fromHex("47 3f b9 99 99 99 99 99 9a"))
            .integer(0)
            .tuple();
        pickle.op(static_cast<char>(0x89)).global("collections", "OrderedDict").op(')').reduce();
        pickle.tuple().reduce();
        pickle.op('u').stop();
        test::ScratchDir dir;
        const std::string path = dir.path(QStringLiteral("mixed.pth"));
        test::writeTorchZip(path, pickle.bytes(),
                            {{QStringLiteral("0"), test::floatBytes({3.0f, 4.0f})},
                             {QStringLiteral("1"), QByteArray(8, '\0')},
                             {QStringLiteral("2"), test::floatBytes({1.0f})},
                             {QStringLiteral("3"), QByteArray(4, '\1')}});
        auto archive = openOrFail(path);
        QCOMPARE(archive->entries().size(), std::size_t{7});
        QCOMPARE(archive->load(*archive->find("empty"))->tensor.values.size(), std::size_t{0});
        const auto reason = [&](const char* name) {
            return QString::fromStdString(archive->entries().at(*archive->find(name)).unsupported);
        };
        QVERIFY(reason("ok").isEmpty());
        QVERIFY2(reason("complex").contains(QStringLiteral("complex64")),
                 qPrintable(reason("complex")));
        QVERIFY2(reason("missing").contains(QStringLiteral("archive/data/99")),
                 qPrintable(reason("missing")));
        QVERIFY2(reason("short").contains(QStringLiteral("more than the 1")),
                 qPrintable(reason("short")));
        QVERIFY2(reason("past").contains(QStringLiteral("reaches past")),
                 qPrintable(reason("past")));
        QVERIFY2(reason("qtensor").contains(QStringLiteral("_rebuild_qtensor")),
                 qPrintable(reason("qtensor")));
        QCOMPARE(archive->entries().at(*archive->find("qtensor")).shape, (Shape{2, 2}));
        QCOMPARE(test::loadNamed(path, "ok").values, (std::vector<float>{3.0f, 4.0f}));
        auto refused = archive->load(*archive->find("missing"));
        QVERIFY(!refused);
        QVERIFY(QString::fromStdString(refused.error().describe())
                    .contains(QStringLiteral("mixed.pth")));
        QVERIFY(QString::fromStdString(refused.error().describe())
                    .contains(QStringLiteral("'missing'")));
    }

    void protocolZeroTextOpcodes()
    {
        // Python 2 era text opcodes: UNICODE with a \u escape, a quoted STRING, INT, the INT
        // spelling of True, a LONG with its L, FLOAT, and PUT/GET by decimal index.
        const QByteArray bytes = QByteArrayLiteral(
            "(dp0\nVname\\u00e9\np1\nS'it\\'s'\np2\nsVepoch\np3\nI7\nsVbig\nL12345678901L\n"
            "sVlr\nF0.5\nsVflag\nI01\nsVagain\ng2\ns.");
        pickle::Graph graph;
        torch_file::TorchHost host(torch_file::Layout::Legacy);
        auto unpickled = pickle::unpickle(std::as_bytes(std::span(bytes.constData(), bytes.size())),
                                          graph, host, {"p0.pkl", {}, 0});
        QVERIFY2(unpickled.has_value(), unpickled ? "" : unpickled.error().describe().c_str());
        QCOMPARE(unpickled->consumed, static_cast<std::size_t>(bytes.size()));
        auto names = torch_file::nameState(graph, unpickled->root, "p0.pkl");
        QVERIFY(names.has_value());
        const Metadata expected{{"name\u00e9", "it's"}, {"epoch", "7"},   {"big", "12345678901"},
                                {"lr", "0.5"},          {"flag", "True"}, {"again", "it's"}};
        for (std::size_t i = 0; i < std::min(expected.size(), names->metadata.size()); ++i) {
            QCOMPARE(names->metadata[i].first, expected[i].first);
            QCOMPARE(QString::fromStdString(names->metadata[i].second),
                     QString::fromStdString(expected[i].second));
        }
        QCOMPARE(names->metadata.size(), expected.size());
    }

    void aDotBinThatIsNotTorchSaysSo()
    {
        test::verifyRefused(QStringLiteral("weights.bin"), QByteArray(64, '\x11'),
                            static_cast<int>(ErrorCode::BadMagic), QStringLiteral("--raw-dtype"));
    }
};

QTEST_GUILESS_MAIN(TorchFilesTest)
#include "tst_torch_files.moc"
