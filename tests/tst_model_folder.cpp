// Hugging Face model folders: config.json's model and architecture first in the metadata (and in
// the model report), the weights from a safetensors index, plain safetensors files, a
// pytorch_model.bin index or plain torch files, in that order of preference; an index whose
// names are not in their shard, a folder without weights and a shard that asks to run code are
// refused, naming what is wrong.

#include "analysis/model_report.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "report/model_report_output.h"
#include "support/model_files.h"
#include "support/pickle_bytes.h"
#include "support/temp_files.h"

#include <QtTest>

#include <filesystem>

using namespace qs;

namespace {

const QByteArray kConfig = QByteArrayLiteral(
    R"({"architectures": ["LlamaForCausalLM"], "_name_or_path": "tiny/llama", "model_type": "llama",
        "torch_dtype": "bfloat16"})");

// A torch.save zip of {name: float32 tensor of `values`}.
void writeTorchShard(const std::string& path, const QString& name, const std::vector<float>& values)
{
    const auto count = static_cast<qint64>(values.size());
    test::PickleWriter pickle;
    pickle.proto().op('}').text(name);
    pickle.tensorV2("FloatStorage", QStringLiteral("0"), count, 0, {count}, {1}).op('s').stop();
    test::writeTorchZip(path, pickle.bytes(), {{QStringLiteral("0"), test::floatBytes(values)}});
}

QByteArray safetensorsOf(const char* name, const std::vector<float>& values)
{
    const QByteArray header = QByteArray("{\"") + name + "\":{\"dtype\":\"F32\",\"shape\":[" +
                              QByteArray::number(values.size()) + "],\"data_offsets\":[0," +
                              QByteArray::number(values.size() * 4) + "]}}";
    return test::safetensorsBytes(header, test::floatBytes(values));
}

std::string folderIn(test::ScratchDir& dir, const char* name)
{
    const std::string folder = dir.path(QString::fromLatin1(name));
    std::filesystem::create_directory(folder);
    return folder;
}

std::unique_ptr<TensorArchive> openOrFail(const std::string& path)
{
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    if (!archive) {
        qFatal("cannot open %s: %s", path.c_str(), archive.error().describe().c_str());
    }
    return std::move(*archive);
}

void writeFile(const std::string& path, const QByteArray& bytes)
{
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class ModelFolderTest : public QObject
{
    Q_OBJECT

private slots:
    void shardedTorchCheckpoint()
    {
        test::ScratchDir dir;
        const std::string folder = folderIn(dir, "llama");
        writeFile(folder + "/config.json", kConfig);
        writeTorchShard(folder + "/pytorch_model-00001-of-00002.bin", QStringLiteral("a.weight"),
                        {1, 2});
        writeTorchShard(folder + "/pytorch_model-00002-of-00002.bin", QStringLiteral("b.weight"),
                        {3, 4, 5});
        writeFile(folder + "/pytorch_model.bin.index.json",
                  R"({"metadata": {}, "weight_map": {"a.weight": "pytorch_model-00001-of-00002.bin",
                      "b.weight": "pytorch_model-00002-of-00002.bin"}})");
        auto archive = openOrFail(folder);
        QCOMPARE(archive->format(), ArchiveFormat::Pytorch);
        QCOMPARE(archive->entries().size(), std::size_t{2});
        QCOMPARE(archive->metadata().at(0),
                 (std::pair<std::string, std::string>{"model", "tiny/llama"}));
        QCOMPARE(archive->metadata().at(1),
                 (std::pair<std::string, std::string>{"architecture", "LlamaForCausalLM"}));
        QCOMPARE(test::loadNamed(folder, "b.weight").values, (std::vector<float>{3, 4, 5}));
        const Tensor a = loadTensorFile(parseInputLocation(folder + "#a.weight"))->tensor;
        QCOMPARE(a.values, (std::vector<float>{1, 2}));

        const auto report = analyzeModel(*archive, QuantSpec{});
        QVERIFY(report.has_value());
        QCOMPARE(report->model, std::string("tiny/llama, LlamaForCausalLM"));
        QVERIFY(QString::fromStdString(modelReportJson(*report))
                    .contains(QStringLiteral("\"model\":\"tiny/llama, LlamaForCausalLM\"")));
    }

    void safetensorsArePreferredAndCombined()
    {
        test::ScratchDir dir;
        const std::string folder = folderIn(dir, "st");
        writeFile(folder + "/config.json", kConfig);
        writeFile(folder + "/model-00001.safetensors", safetensorsOf("x", {1}));
        writeFile(folder + "/model-00002.safetensors", safetensorsOf("y", {2, 3}));
        writeTorchShard(folder + "/pytorch_model.bin", QStringLiteral("ignored"), {9});
        auto archive = openOrFail(folder);
        QCOMPARE(archive->format(), ArchiveFormat::Safetensors);
        QCOMPARE(archive->entries().size(), std::size_t{2});
        QCOMPARE(test::loadNamed(folder, "y").values, (std::vector<float>{2, 3}));
        QVERIFY(archive->stored(*archive->find("y")).has_value()); // mapped, as in the file
    }

    void aSafetensorsIndexGoesFirst()
    {
        test::ScratchDir dir;
        const std::string folder = folderIn(dir, "indexed");
        writeFile(folder + "/a.safetensors", safetensorsOf("x", {1}));
        writeFile(folder + "/model.safetensors.index.json",
                  R"({"weight_map": {"x": "a.safetensors"}})");
        auto archive = openOrFail(folder);
        QCOMPARE(archive->entries().size(), std::size_t{1});
        QCOMPARE(archive->metadata().empty() || archive->metadata().front().first != "model", true);
    }

    void refusals_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("no weights") << 0 << static_cast<int>(ErrorCode::UnsupportedFormat)
                                    << QStringLiteral("without model weights");
        QTest::newRow("a name not in its shard")
            << 1 << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("does not hold it");
        QTest::newRow("a shard that asks to run code")
            << 2 << static_cast<int>(ErrorCode::UnsafeContent) << QStringLiteral("os.system");
        QTest::newRow("a config that is not JSON")
            << 3 << static_cast<int>(ErrorCode::BadHeader) << QStringLiteral("config.json");
    }

    void refusals()
    {
        QFETCH(int, kind);
        QFETCH(int, code);
        QFETCH(QString, words);
        test::ScratchDir dir;
        const std::string folder = folderIn(dir, "bad");
        writeFile(folder + "/config.json", kind == 3 ? QByteArrayLiteral("{not json") : kConfig);
        if (kind == 1) {
            writeTorchShard(folder + "/pytorch_model-1.bin", QStringLiteral("a"), {1});
            writeFile(folder + "/pytorch_model.bin.index.json",
                      R"({"weight_map": {"b": "pytorch_model-1.bin"}})");
        } else if (kind == 2) {
            test::writeTorchZip(folder + "/pytorch_model.bin",
                                test::PickleWriter().proto().global("os", "system").stop().bytes(),
                                {});
        } else if (kind == 3) {
            writeTorchShard(folder + "/pytorch_model.bin", QStringLiteral("a"), {1});
        }
        auto archive = openTensorArchive(FileSpec{folder, {}, {}});
        QVERIFY(!archive);
        QCOMPARE(static_cast<int>(archive.error().code), code);
        const QString text = QString::fromStdString(archive.error().describe());
        QVERIFY2(text.contains(words), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(ModelFolderTest)
#include "tst_model_folder.moc"
