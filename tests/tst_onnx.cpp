// ONNX models built here with the ONNX protobuf classes: initializers, Constant nodes, tensors in
// If/Loop subgraphs, raw_data and typed fields, external data, and malformed models.

#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/temp_files.h"

#include <QtTest>

#include <onnx/onnx_pb.h>

using namespace qs;

namespace {

onnx::TensorProto floatTensor(const std::string& name, const std::vector<std::int64_t>& dims,
                              const std::vector<float>& values, bool raw)
{
    onnx::TensorProto t;
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (const auto d : dims) {
        t.add_dims(d);
    }
    if (raw) {
        t.set_raw_data(std::string(reinterpret_cast<const char*>(values.data()),
                                   values.size() * sizeof(float)));
    } else {
        for (const float v : values) {
            t.add_float_data(v);
        }
    }
    return t;
}

void addConstant(onnx::GraphProto& graph, const std::string& output, const onnx::TensorProto& value)
{
    onnx::NodeProto* node = graph.add_node();
    node->set_op_type("Constant");
    node->set_name(output + "_node");
    node->add_output(output);
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name("value");
    attribute->set_type(onnx::AttributeProto::TENSOR);
    *attribute->mutable_t() = value;
}

std::string writeModel(test::ScratchDir& dir, const onnx::ModelProto& model, const QString& name)
{
    return dir.write(name, QByteArray::fromStdString(model.SerializeAsString()));
}

// A model like Silero's: weights as Constant nodes inside both branches of an If, where the
// same constant name appears in both, plus an initializer and a Loop body.
onnx::ModelProto branchyModel()
{
    onnx::ModelProto model;
    model.set_ir_version(8);
    model.set_producer_name("quantscope-test");
    model.add_opset_import()->set_version(16);
    onnx::GraphProto* graph = model.mutable_graph();
    graph->set_name("main");
    *graph->add_initializer() = floatTensor("init.weight", {2, 2}, {1, 2, 3, 4}, true);

    onnx::NodeProto* branch = graph->add_node();
    branch->set_op_type("If");
    branch->set_name("If_0");
    onnx::AttributeProto* thenBranch = branch->add_attribute();
    thenBranch->set_name("then_branch");
    thenBranch->set_type(onnx::AttributeProto::GRAPH);
    addConstant(*thenBranch->mutable_g(), "then.weight",
                floatTensor("", {3}, {0.5f, -1, 2}, false));
    addConstant(*thenBranch->mutable_g(), "shared", floatTensor("", {1}, {7}, true));
    onnx::AttributeProto* elseBranch = branch->add_attribute();
    elseBranch->set_name("else_branch");
    elseBranch->set_type(onnx::AttributeProto::GRAPH);
    addConstant(*elseBranch->mutable_g(), "shared", floatTensor("", {1}, {8}, true));

    onnx::NodeProto* loop = graph->add_node();
    loop->set_op_type("Loop");
    loop->set_name("Loop_0");
    onnx::AttributeProto* body = loop->add_attribute();
    body->set_name("body");
    body->set_type(onnx::AttributeProto::GRAPH);
    onnx::TensorProto half;
    half.set_name("loop.half");
    half.set_data_type(onnx::TensorProto::FLOAT16);
    half.add_dims(2);
    half.add_int32_data(0x3c00); // 1.0
    half.add_int32_data(0xc100); // -2.5
    *body->mutable_g()->add_initializer() = half;
    onnx::TensorProto steps;
    steps.set_name("loop.steps");
    steps.set_data_type(onnx::TensorProto::INT64);
    steps.add_int64_data(-5);
    *body->mutable_g()->add_initializer() = steps;
    return model;
}

} // namespace

class TestOnnx : public QObject
{
    Q_OBJECT

private slots:
    void walksInitializersConstantsAndSubgraphs();
    void typedFieldsAndRawData();
    void externalDataListedAndRefused();
    void malformed_data();
    void malformed();
};

void TestOnnx::walksInitializersConstantsAndSubgraphs()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir, branchyModel(), "m.onnx");
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY2(archive, archive ? "" : archive.error().describe().c_str());
    std::vector<std::string> names;
    for (const TensorEntry& entry : (*archive)->entries()) {
        names.push_back(entry.name);
    }
    // "shared" is in both branches: each is qualified by where it sits.
    QCOMPARE(names,
             (std::vector<std::string>{"init.weight", "then.weight", "If_0/then_branch/shared",
                                       "If_0/else_branch/shared", "loop.half", "loop.steps"}));
    QCOMPARE(loadTensorFile(FileSpec{path, "If_0/else_branch/shared", {}})->tensor.values,
             (std::vector<float>{8}));
    QCOMPARE(loadTensorFile(FileSpec{path, "then.weight", {}})->tensor.values,
             (std::vector<float>{0.5f, -1, 2}));
    QCOMPARE(loadTensorFile(FileSpec{path, "init.weight", {}})->tensor.shape, (Shape{2, 2}));
    const auto& metadata = (*archive)->metadata();
    QVERIFY(std::ranges::find(metadata, std::pair<std::string, std::string>{
                                            "opset ai.onnx", "16"}) != metadata.end());
}

void TestOnnx::typedFieldsAndRawData()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir, branchyModel(), "m.onnx");
    const auto half = loadTensorFile(FileSpec{path, "loop.half", {}});
    QVERIFY(half);
    QCOMPARE(half->tensor.values, (std::vector<float>{1.0f, -2.5f}));
    QCOMPARE(half->tensor.sourceDtype, Dtype::Float16);
    const auto steps = loadTensorFile(FileSpec{path, "loop.steps", {}});
    QVERIFY(steps);
    QVERIFY(steps->tensor.shape.empty());
    QCOMPARE(steps->tensor.values, (std::vector<float>{-5}));
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(!(*archive)->entries()[5].floating); // int64 is listed but not a weight
}

void TestOnnx::externalDataListedAndRefused()
{
    onnx::ModelProto model;
    onnx::TensorProto* weight = model.mutable_graph()->add_initializer();
    weight->set_name("big.weight");
    weight->set_data_type(onnx::TensorProto::FLOAT);
    weight->add_dims(1024);
    weight->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* location = weight->add_external_data();
    location->set_key("location");
    location->set_value("weights.bin");
    test::ScratchDir dir;
    const auto path = writeModel(dir, model, "ext.onnx");
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    QVERIFY(archive);
    QVERIFY((*archive)->entries()[0].unsupported.find("'weights.bin'") != std::string::npos);
    const auto loaded = loadTensorFile(FileSpec{path, "big.weight", {}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::UnsupportedDtype);
    QVERIFY(loaded.error().describe().find("stored outside the model") != std::string::npos);
}

void TestOnnx::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("garbage") << QByteArray("\xff\xff\xff\xff garbage \x01\x02\x03", 16)
                             << int(ErrorCode::BadHeader) << "not an ONNX model";
    QTest::newRow("text file") << QByteArray("name,value\n1,2\n") << int(ErrorCode::BadHeader)
                               << "ONNX";
    QTest::newRow("empty file") << QByteArray() << int(ErrorCode::BadHeader) << "has no graph";

    onnx::ModelProto shortRaw;
    *shortRaw.mutable_graph()->add_initializer() = floatTensor("w", {4}, {1, 2}, true);
    QTest::newRow("raw_data shorter than dims")
        << QByteArray::fromStdString(shortRaw.SerializeAsString()) << int(ErrorCode::BadHeader)
        << "need 16 bytes but raw_data holds 8";
    onnx::ModelProto shortTyped;
    *shortTyped.mutable_graph()->add_initializer() = floatTensor("w", {3}, {1, 2}, false);
    QTest::newRow("typed field shorter than dims")
        << QByteArray::fromStdString(shortTyped.SerializeAsString()) << int(ErrorCode::BadHeader)
        << "need 3 values but the data field holds 2";
    onnx::ModelProto negative;
    *negative.mutable_graph()->add_initializer() = floatTensor("w", {-1}, {}, true);
    QTest::newRow("negative dims") << QByteArray::fromStdString(negative.SerializeAsString())
                                   << int(ErrorCode::BadHeader) << "negative or overflow";
    QByteArray cut = QByteArray::fromStdString(branchyModel().SerializeAsString());
    QTest::newRow("truncated model")
        << cut.left(cut.size() - 7) << int(ErrorCode::BadHeader) << "not an ONNX model";
}

void TestOnnx::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::verifyRefused(QStringLiteral("bad.onnx"), bytes, code, words);
}

QTEST_GUILESS_MAIN(TestOnnx)
#include "tst_onnx.moc"
