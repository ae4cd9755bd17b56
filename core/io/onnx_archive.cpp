#include "io/onnx_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"

#include <onnx/onnx_pb.h>

#include <fstream>
#include <map>

namespace qs {
namespace {

// TensorProto.data_type values (onnx.proto); the float8 ones postdate the packaged headers.
enum OnnxType : int
{
    kFloat = 1,
    kUInt8 = 2,
    kInt8 = 3,
    kUInt16 = 4,
    kInt16 = 5,
    kInt32 = 6,
    kInt64 = 7,
    kString = 8,
    kBool = 9,
    kFloat16 = 10,
    kDouble = 11,
    kUInt32 = 12,
    kUInt64 = 13,
    kComplex64 = 14,
    kComplex128 = 15,
    kBFloat16 = 16,
    kFloat8E4M3FN = 17,
    kFloat8E5M2 = 19,
};

std::optional<Dtype> dtypeFromOnnx(int type)
{
    static const std::map<int, Dtype> types{
        {kFloat, Dtype::Float32},
        {kUInt8, Dtype::UInt8},
        {kInt8, Dtype::Int8},
        {kUInt16, Dtype::UInt16},
        {kInt16, Dtype::Int16},
        {kInt32, Dtype::Int32},
        {kInt64, Dtype::Int64},
        {kBool, Dtype::Bool},
        {kFloat16, Dtype::Float16},
        {kDouble, Dtype::Float64},
        {kUInt32, Dtype::UInt32},
        {kUInt64, Dtype::UInt64},
        {kBFloat16, Dtype::BFloat16},
        {kFloat8E4M3FN, Dtype::Float8E4M3},
        {kFloat8E5M2, Dtype::Float8E5M2},
    };
    const auto it = types.find(type);
    return it == types.end() ? std::nullopt : std::optional(it->second);
}

std::string onnxTypeName(int type)
{
    switch (type) {
    case kString:
        return "string";
    case kComplex64:
        return "complex64";
    case kComplex128:
        return "complex128";
    default:
        return "data type " + std::to_string(type);
    }
}

// How many values a typed field holds for `type` (the ONNX spec's field for each type).
std::int64_t typedFieldSize(const onnx::TensorProto& t, Dtype dtype)
{
    switch (dtype) {
    case Dtype::Float32:
        return t.float_data_size();
    case Dtype::Float64:
        return t.double_data_size();
    case Dtype::Int64:
        return t.int64_data_size();
    case Dtype::UInt32:
    case Dtype::UInt64:
        return t.uint64_data_size();
    default: // int8/16/32, uint8/16, bool, and the 16- and 8-bit floats' bit patterns
        return t.int32_data_size();
    }
}

float typedValue(const onnx::TensorProto& t, Dtype dtype, int i)
{
    switch (dtype) {
    case Dtype::Float32:
        return t.float_data(i);
    case Dtype::Float64:
        return static_cast<float>(t.double_data(i));
    case Dtype::Int64:
        return static_cast<float>(t.int64_data(i));
    case Dtype::UInt32:
    case Dtype::UInt64:
        return static_cast<float>(t.uint64_data(i));
    case Dtype::Float16:
    case Dtype::BFloat16:
    case Dtype::Float8E4M3:
    case Dtype::Float8E5M2: { // bit patterns in the low bits of int32_data
        const auto bits = static_cast<std::uint16_t>(t.int32_data(i));
        const std::array<std::byte, 2> bytes{static_cast<std::byte>(bits & 0xff),
                                             static_cast<std::byte>(bits >> 8)};
        float value = 0;
        convertToFloat(std::span(bytes).first(dtypeSize(dtype)), dtype, ByteOrder::Little,
                       std::span(&value, 1));
        return value;
    }
    case Dtype::Bool:
        return t.int32_data(i) != 0 ? 1.0f : 0.0f;
    default:
        return static_cast<float>(t.int32_data(i));
    }
}

struct Found
{
    std::string name;
    std::string scope; // "If_0/then_branch/" for a tensor inside a subgraph
    const onnx::TensorProto* tensor;
};

void collect(const onnx::GraphProto& graph, const std::string& scope, std::vector<Found>& out)
{
    for (const onnx::TensorProto& initializer : graph.initializer()) {
        out.push_back({initializer.name(), scope, &initializer});
    }
    for (const onnx::NodeProto& node : graph.node()) {
        for (const onnx::AttributeProto& attribute : node.attribute()) {
            if (node.op_type() == "Constant" && attribute.name() == "value" && attribute.has_t() &&
                node.output_size() > 0) {
                out.push_back({node.output(0), scope, &attribute.t()});
            }
            const std::string nodeScope = scope +
                                          (node.name().empty() ? node.op_type() : node.name()) +
                                          "/" + attribute.name();
            if (attribute.has_g()) {
                collect(attribute.g(), nodeScope + "/", out);
            }
            for (int i = 0; i < attribute.graphs_size(); ++i) {
                collect(attribute.graphs(i), nodeScope + "[" + std::to_string(i) + "]/", out);
            }
        }
    }
}

class OnnxArchive final : public TensorArchive
{
public:
    explicit OnnxArchive(std::string path) : TensorArchive(std::move(path), ArchiveFormat::Onnx) {}

    onnx::ModelProto& model() { return m_model; }

    Result<void> scan()
    {
        std::vector<Found> found;
        collect(m_model.graph(), {}, found);
        std::map<std::string, int> uses;
        for (const Found& f : found) {
            ++uses[f.name];
        }
        for (const Found& f : found) {
            // Names are kept as the model spells them; only a name used in two scopes (the same
            // constant in both branches of an If) is qualified by where it sits.
            const std::string name = uses[f.name] > 1 ? f.scope + f.name : f.name;
            auto entry = describe(name, *f.tensor);
            if (!entry) {
                return std::unexpected(entry.error());
            }
            m_entries.push_back(std::move(*entry));
            m_tensors.push_back(f.tensor);
        }
        if (m_model.has_producer_name()) {
            m_metadata.emplace_back("producer",
                                    m_model.producer_name() + " " + m_model.producer_version());
        }
        m_metadata.emplace_back("ir_version", std::to_string(m_model.ir_version()));
        for (const auto& opset : m_model.opset_import()) {
            m_metadata.emplace_back(
                "opset " + (opset.domain().empty() ? std::string("ai.onnx") : opset.domain()),
                std::to_string(opset.version()));
        }
        for (const auto& prop : m_model.metadata_props()) {
            m_metadata.emplace_back(prop.key(), prop.value());
        }
        return {};
    }

    Result<LoadedTensor> loadEntry(std::size_t index) override
    {
        const TensorEntry& entry = m_entries.at(index);
        if (!entry.unsupported.empty()) {
            return archive::tensorError(ErrorCode::UnsupportedDtype, m_path, entry.name,
                                        entry.unsupported);
        }
        const onnx::TensorProto& t = *m_tensors.at(index);
        const auto dtype = dtypeFromOnnx(t.data_type());
        if (!dtype) { // describe() marked it unsupported; kept for safety
            return archive::tensorError(ErrorCode::UnsupportedDtype, m_path, entry.name,
                                        "unsupported data type");
        }
        LoadedTensor loaded;
        loaded.tensor.name = entry.name;
        loaded.tensor.shape = entry.shape;
        loaded.tensor.sourceDtype = *dtype;
        if (t.has_raw_data()) {
            loaded.tensor.values = archive::convertAll(std::as_bytes(std::span(t.raw_data())),
                                                       *dtype, ByteOrder::Little);
        } else {
            loaded.tensor.values.resize(entry.count);
            for (std::size_t i = 0; i < entry.count; ++i) {
                loaded.tensor.values[i] = typedValue(t, *dtype, static_cast<int>(i));
            }
        }
        return loaded;
    }

private:
    Result<TensorEntry> describe(const std::string& name, const onnx::TensorProto& t) const
    {
        Shape shape(t.dims().begin(), t.dims().end());
        TensorEntry entry;
        entry.name = name;
        entry.dtype = onnxTypeName(t.data_type());
        const auto dtype = dtypeFromOnnx(t.data_type());
        const auto bytes = archive::byteSize(shape, dtype ? dtypeSize(*dtype) : 1);
        if (!bytes) {
            return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                        "dims " + shapeToString(shape) +
                                            " are negative or overflow the element count");
        }
        if (t.data_location() == onnx::TensorProto::EXTERNAL) {
            std::string location;
            for (const auto& item : t.external_data()) {
                if (item.key() == "location") {
                    location = item.value();
                }
            }
            entry.shape = std::move(shape);
            entry.count = elementCount(entry.shape).value_or(0);
            entry.unsupported = "its data is stored outside the model, in '" + location +
                                "'; QuantScope reads only tensors stored inside the .onnx file";
            if (dtype) {
                entry.dtype = std::string(dtypeName(*dtype));
            }
            return entry;
        }
        if (!dtype) {
            entry.shape = std::move(shape);
            entry.count = elementCount(entry.shape).value_or(0);
            entry.unsupported = "ONNX " + entry.dtype + " tensors are not read";
            return entry;
        }
        const std::uint64_t count = *bytes / dtypeSize(*dtype);
        if (t.has_raw_data()) {
            if (t.raw_data().size() != *bytes) {
                return archive::tensorError(
                    ErrorCode::BadHeader, m_path, name,
                    "dims " + shapeToString(shape) + " of " + std::string(dtypeName(*dtype)) +
                        " need " + std::to_string(*bytes) + " bytes but raw_data holds " +
                        std::to_string(t.raw_data().size()));
            }
        } else if (static_cast<std::uint64_t>(typedFieldSize(t, *dtype)) != count) {
            return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                        "dims " + shapeToString(shape) + " need " +
                                            std::to_string(count) +
                                            " values but the data field holds " +
                                            std::to_string(typedFieldSize(t, *dtype)));
        }
        return archive::makeEntry(name, std::move(shape), *dtype);
    }

    onnx::ModelProto m_model;
    std::vector<const onnx::TensorProto*> m_tensors;
};

} // namespace

Result<std::unique_ptr<TensorArchive>> openOnnx(const std::string& path)
{
    if (auto ok = checkIsFile(path); !ok) {
        return std::unexpected(ok.error());
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return fail(ErrorCode::ReadFailed, "cannot open the file for reading", path);
    }
    auto archive = std::make_unique<OnnxArchive>(path);
    if (!archive->model().ParseFromIstream(&stream)) {
        return fail(ErrorCode::BadHeader, "not an ONNX model (the protobuf message does not parse)",
                    path);
    }
    if (!archive->model().has_graph()) {
        return fail(ErrorCode::BadHeader, "the ONNX model has no graph", path);
    }
    if (auto ok = archive->scan(); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

} // namespace qs
