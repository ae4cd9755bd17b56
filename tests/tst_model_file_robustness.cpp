// Every prefix and thousands of seeded byte flips of a small valid file of each model format:
// opening and loading must give a value or an error that names the file — never a crash, a hang
// or a tensor whose size disagrees with its listing. (Run under AddressSanitizer during
// development; see README, Tests.)

#include "analysis/model_report.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <onnx/onnx_pb.h>

#include <random>

using namespace qs;

namespace {

QByteArray safetensorsFile()
{
    return test::safetensorsBytes(
        "{\"__metadata__\":{\"k\":\"v\"},"
        "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[16,24]}}",
        test::floatBytes({1, 2, 3, 4}) + QByteArray("\x80\x3f\x00\x40\x40\x40\x80\x40", 8));
}

QByteArray npzFile(test::ScratchDir& dir)
{
    const auto path = dir.path("fixture.npz");
    test::writeZip(path,
                   {{"a.npy",
                     test::npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                                    test::floatBytes({1, 2, 3, 4})),
                     false},
                    {"b.npy",
                     test::npyBytes("{'descr': '<i2', 'fortran_order': True, 'shape': (2, 2), }",
                                    QByteArray("\x01\x00\x02\x00\x03\x00\x04\x00", 8)),
                     true}});
    QFile file(QString::fromStdString(path));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

QByteArray onnxFile()
{
    onnx::ModelProto model;
    onnx::GraphProto* graph = model.mutable_graph();
    onnx::TensorProto* weight = graph->add_initializer();
    weight->set_name("w");
    weight->set_data_type(onnx::TensorProto::FLOAT);
    weight->add_dims(2);
    weight->add_dims(2);
    for (const float v : {1.0f, 2.0f, 3.0f, 4.0f}) {
        weight->add_float_data(v);
    }
    onnx::NodeProto* node = graph->add_node();
    node->set_op_type("If");
    onnx::AttributeProto* branch = node->add_attribute();
    branch->set_name("then_branch");
    branch->set_type(onnx::AttributeProto::GRAPH);
    onnx::NodeProto* constant = branch->mutable_g()->add_node();
    constant->set_op_type("Constant");
    constant->add_output("c");
    onnx::AttributeProto* value = constant->add_attribute();
    value->set_name("value");
    value->set_type(onnx::AttributeProto::TENSOR);
    value->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
    value->mutable_t()->add_dims(3);
    value->mutable_t()->set_raw_data(test::floatBytes({5, 6, 7}).toStdString());
    return QByteArray::fromStdString(model.SerializeAsString());
}

QByteArray ggufFile()
{
    // Version 3, one metadata string, one f32 tensor [2] at offset 0, data aligned to 32.
    QByteArray bytes("GGUF");
    const auto put = [&bytes](quint64 value, int size) {
        for (int i = 0; i < size; ++i) {
            bytes += static_cast<char>((value >> (8 * i)) & 0xff);
        }
    };
    put(3, 4);
    put(1, 8);
    put(1, 8);
    put(4, 8);
    bytes += "name";
    put(8, 4);
    put(2, 8);
    bytes += "ok";
    put(1, 8);
    bytes += "w";
    put(1, 4);
    put(2, 8);
    put(0, 4);
    put(0, 8);
    while (bytes.size() % 32 != 0) {
        bytes += '\0';
    }
    return bytes + test::floatBytes({1.5f, -2});
}

// Opens and loads everything; fails the test on anything but a clean value or error.
void exercise(const std::string& path)
{
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    if (!archive) {
        QVERIFY2(archive.error().describe().starts_with(path), archive.error().describe().c_str());
        return;
    }
    for (std::size_t i = 0; i < (*archive)->entries().size(); ++i) {
        const TensorEntry& entry = (*archive)->entries()[i];
        auto loaded = (*archive)->load(i);
        if (loaded) {
            QCOMPARE(loaded->tensor.values.size(), entry.count);
        } else {
            QVERIFY(!loaded.error().describe().empty());
        }
    }
    (void)analyzeModel(**archive, QuantSpec{});
}

} // namespace

class TestModelFileRobustness : public QObject
{
    Q_OBJECT

private slots:
    void everyPrefixAndFlip_data();
    void everyPrefixAndFlip();
};

void TestModelFileRobustness::everyPrefixAndFlip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    test::ScratchDir dir;
    QTest::newRow("safetensors") << safetensorsFile() << "f.safetensors";
    QTest::newRow("npz") << npzFile(dir) << "f.npz";
    QTest::newRow("onnx") << onnxFile() << "f.onnx";
    QTest::newRow("gguf") << ggufFile() << "f.gguf";
    QTest::newRow("tfjs manifest")
        << QByteArray("{\"weightsManifest\": [{\"paths\": [\"s.bin\"], \"weights\": ["
                      "{\"name\": \"k\", \"shape\": [2, 2], \"dtype\": \"float32\"},"
                      "{\"name\": \"q\", \"shape\": [4], \"dtype\": \"float32\", \"quantization\": "
                      "{\"dtype\": \"uint8\", \"scale\": 0.5, \"min\": -1}}]}]}")
        << "model.json";
}

void TestModelFileRobustness::everyPrefixAndFlip()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    test::ScratchDir dir;
    dir.write("s.bin", test::floatBytes({1, 2, 3, 4}) + QByteArray("\x00\x01\x02\x03", 4));
    const auto path = dir.path(name);
    exercise(dir.write(name, bytes)); // the valid file itself
    for (qsizetype length = 0; length < bytes.size(); ++length) {
        dir.write(name, bytes.left(length));
        exercise(path);
    }
    std::mt19937 random(20261126);
    for (int flip = 0; flip < 1500; ++flip) {
        QByteArray mutated = bytes;
        const auto at = static_cast<qsizetype>(random() % static_cast<unsigned>(bytes.size()));
        mutated[at] = static_cast<char>(random() & 0xff);
        dir.write(name, mutated);
        exercise(path);
    }
}

QTEST_GUILESS_MAIN(TestModelFileRobustness)
#include "tst_model_file_robustness.moc"
