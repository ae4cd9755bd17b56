#include "io/torch/torch_pickle.h"

#include <array>
#include <utility>

namespace qs::torch_file {
namespace {

using pickle::Graph;
using pickle::Kind;
using pickle::NodeId;

constexpr std::size_t kMaxDimensions = 64;

struct DtypeRow
{
    std::string_view storageClass; // "" when the dtype has no storage class of its own
    std::string_view name;         // torch.NAME
    std::optional<Dtype> dtype;
    std::size_t size;
};

// torch's dtypes and the storage classes of the older ones (torch/storage.py's
// _dtype_to_storage_type_map). The newer dtypes (float8, uint16...) are saved over an untyped
// storage with the dtype given to _rebuild_tensor_v3.
constexpr std::array kDtypes{
    DtypeRow{"DoubleStorage", "float64", Dtype::Float64, 8},
    DtypeRow{"FloatStorage", "float32", Dtype::Float32, 4},
    DtypeRow{"HalfStorage", "float16", Dtype::Float16, 2},
    DtypeRow{"BFloat16Storage", "bfloat16", Dtype::BFloat16, 2},
    DtypeRow{"LongStorage", "int64", Dtype::Int64, 8},
    DtypeRow{"IntStorage", "int32", Dtype::Int32, 4},
    DtypeRow{"ShortStorage", "int16", Dtype::Int16, 2},
    DtypeRow{"CharStorage", "int8", Dtype::Int8, 1},
    DtypeRow{"ByteStorage", "uint8", Dtype::UInt8, 1},
    DtypeRow{"BoolStorage", "bool", Dtype::Bool, 1},
    DtypeRow{"ComplexDoubleStorage", "complex128", std::nullopt, 16},
    DtypeRow{"ComplexFloatStorage", "complex64", std::nullopt, 8},
    DtypeRow{"QInt8Storage", "qint8", std::nullopt, 1},
    DtypeRow{"QUInt8Storage", "quint8", std::nullopt, 1},
    DtypeRow{"QInt32Storage", "qint32", std::nullopt, 4},
    DtypeRow{"QUInt4x2Storage", "quint4x2", std::nullopt, 1},
    DtypeRow{"QUInt2x4Storage", "quint2x4", std::nullopt, 1},
    DtypeRow{"", "uint16", Dtype::UInt16, 2},
    DtypeRow{"", "uint32", Dtype::UInt32, 4},
    DtypeRow{"", "uint64", Dtype::UInt64, 8},
    DtypeRow{"", "float8_e4m3fn", Dtype::Float8E4M3, 1},
    DtypeRow{"", "float8_e5m2", Dtype::Float8E5M2, 1},
    DtypeRow{"", "float8_e4m3fnuz", std::nullopt, 1},
    DtypeRow{"", "float8_e5m2fnuz", std::nullopt, 1},
    DtypeRow{"", "float8_e8m0fnu", std::nullopt, 1},
    DtypeRow{"", "float4_e2m1fn_x2", std::nullopt, 1},
    DtypeRow{"", "complex32", std::nullopt, 4},
};

// The aliases torch also defines as attributes (torch.float is torch.float32).
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kDtypeAliases{{
    {"float", "float32"},
    {"double", "float64"},
    {"half", "float16"},
    {"long", "int64"},
    {"int", "int32"},
    {"short", "int16"},
    {"cfloat", "complex64"},
    {"cdouble", "complex128"},
}};

// Values a pickle may name without calling them: quantization schemes and layouts.
constexpr std::array<std::string_view, 12> kInertTorchValues{"per_tensor_affine",
                                                             "per_channel_affine",
                                                             "per_tensor_symmetric",
                                                             "per_channel_symmetric",
                                                             "per_channel_affine_float_qparams",
                                                             "strided",
                                                             "sparse_coo",
                                                             "sparse_csr",
                                                             "sparse_csc",
                                                             "sparse_bsr",
                                                             "sparse_bsc",
                                                             "_mkldnn"};

// torch._utils' rebuilders of tensors QuantScope lists but does not decode.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kUnsupportedRebuilders{{
    {"_rebuild_qtensor", "one of torch's own quantized tensors (torch.quantize_per_tensor...)"},
    {"_rebuild_sparse_tensor", "a sparse tensor"},
    {"_rebuild_sparse_csr_tensor", "a sparse tensor"},
    {"_rebuild_meta_tensor_no_storage", "a meta tensor, which has no values"},
    {"_rebuild_wrapper_subclass", "a tensor subclass"},
    {"_rebuild_nested_tensor", "a nested tensor"},
    {"_rebuild_device_tensor_from_numpy", "a device tensor saved through NumPy"},
    {"_rebuild_xla_tensor", "an XLA tensor"},
    {"_rebuild_mlc_tensor", "an MLC tensor"},
}};

TorchDtype fromRow(const DtypeRow& row)
{
    return TorchDtype{std::string(row.name), row.dtype, row.size};
}

std::string unsafeGlobalMessage(std::string_view module, std::string_view name)
{
    std::string message = "the pickle names the global '" + std::string(module) + "." +
                          std::string(name) +
                          "', which no tensor file needs: the file asks to run code. QuantScope "
                          "executes none and loads nothing from this file";
    if (module.starts_with("torch.nn.") || module == "__main__") {
        message += " (a whole pickled model, not a state dict: save model.state_dict() instead)";
    }
    return message;
}

const std::vector<NodeId>& itemsOf(const Graph& graph, NodeId id)
{
    return graph[id].items;
}

std::string describeKind(const Graph& graph, NodeId id)
{
    switch (graph[id].kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return "a bool";
    case Kind::Int:
    case Kind::BigInt:
        return "an integer";
    case Kind::Float:
        return "a float";
    case Kind::Text:
        return "a string";
    case Kind::Bytes:
        return "bytes";
    case Kind::List:
        return "a list";
    case Kind::Tuple:
        return "a tuple";
    case Kind::Dict:
        return "a dict";
    case Kind::Global:
        return graph[id].text;
    case Kind::Host:
        return "a " + graph[id].text;
    }
    return "a value";
}

// A tuple of non-negative integers (a size or a stride), at most kMaxDimensions long.
std::optional<std::vector<std::int64_t>> integerTuple(const Graph& graph, NodeId id)
{
    if (!graph.isSequence(id) || graph[id].items.size() > kMaxDimensions) {
        return std::nullopt;
    }
    std::vector<std::int64_t> values;
    for (const NodeId item : graph[id].items) {
        if (!graph.isInt(item) || graph[item].integer < 0) {
            return std::nullopt;
        }
        values.push_back(graph[item].integer);
    }
    return values;
}

bool isText(const Graph& graph, NodeId id)
{
    return graph[id].kind == Kind::Text || graph[id].kind == Kind::Bytes;
}

} // namespace

std::optional<TorchDtype> torchDtypeOfStorageClass(std::string_view className)
{
    if (className == "UntypedStorage") {
        return TorchDtype{"uint8", Dtype::UInt8, 1};
    }
    for (const DtypeRow& row : kDtypes) {
        if (!row.storageClass.empty() && row.storageClass == className) {
            return fromRow(row);
        }
    }
    return std::nullopt;
}

std::optional<TorchDtype> torchDtypeOfName(std::string_view dtypeName)
{
    for (const auto& [alias, canonical] : kDtypeAliases) {
        if (dtypeName == alias) {
            dtypeName = canonical;
        }
    }
    for (const DtypeRow& row : kDtypes) {
        if (row.name == dtypeName) {
            return fromRow(row);
        }
    }
    return std::nullopt;
}

Result<std::int64_t> TorchHost::global(std::string_view module, std::string_view name)
{
    const std::string full = std::string(module) + "." + std::string(name);
    auto allow = [&](Role role, TorchDtype dtype = {}) -> Result<std::int64_t> {
        m_globals.push_back(GlobalInfo{role, std::move(dtype), full});
        return static_cast<std::int64_t>(m_globals.size() - 1);
    };
    if (module == "collections" && name == "OrderedDict") {
        return allow(Role::OrderedDict);
    }
    if ((module == "builtins" || module == "__builtin__") &&
        (name == "set" || name == "frozenset")) {
        return allow(Role::Set);
    }
    if (module == "_codecs" && name == "encode") {
        return allow(Role::CodecsEncode);
    }
    if (module == "torch._utils") {
        if (name == "_rebuild_tensor") {
            return allow(Role::RebuildTensor);
        }
        if (name == "_rebuild_tensor_v2") {
            return allow(Role::RebuildTensorV2);
        }
        if (name == "_rebuild_tensor_v3") {
            return allow(Role::RebuildTensorV3);
        }
        if (name == "_rebuild_parameter" || name == "_rebuild_parameter_with_state") {
            return allow(Role::RebuildParameter);
        }
        for (const auto& [rebuilder, what] : kUnsupportedRebuilders) {
            if (name == rebuilder) {
                return allow(Role::UnsupportedRebuild, TorchDtype{std::string(what), {}, 1});
            }
        }
    }
    if (module == "torch.serialization" && name == "_get_layout") {
        return allow(Role::Layout);
    }
    if (module == "torch" || module == "torch.cuda") {
        if (auto dtype = torchDtypeOfStorageClass(name)) {
            return allow(Role::StorageClass, std::move(*dtype));
        }
    }
    if (module == "torch") {
        if (name == "Size") {
            return allow(Role::TorchSize);
        }
        if (name == "device") {
            return allow(Role::Device);
        }
        if (auto dtype = torchDtypeOfName(name)) {
            return allow(Role::DtypeValue, std::move(*dtype));
        }
        for (const std::string_view value : kInertTorchValues) {
            if (name == value) {
                return allow(Role::InertValue);
            }
        }
    }
    return fail(ErrorCode::UnsafeContent, unsafeGlobalMessage(module, name));
}

NodeId TorchHost::storageNode(Graph& graph, std::size_t index)
{
    pickle::Node node = pickle::makeNode(Kind::Host, static_cast<std::int64_t>(index));
    node.text = "storage";
    return graph.add(std::move(node));
}

NodeId TorchHost::tensorNode(Graph& graph, TensorRecord record)
{
    m_tensors.push_back(std::move(record));
    pickle::Node node =
        pickle::makeNode(Kind::Host, static_cast<std::int64_t>(m_tensors.size() - 1));
    node.text = "tensor";
    return graph.add(std::move(node));
}

std::optional<std::size_t> TorchHost::tensorOf(const Graph& graph, NodeId id)
{
    if (graph[id].kind != Kind::Host || graph[id].text != "tensor") {
        return std::nullopt;
    }
    return static_cast<std::size_t>(graph[id].integer);
}

std::optional<std::size_t> TorchHost::storageOf(const Graph& graph, NodeId id)
{
    if (graph[id].kind != Kind::Host || graph[id].text != "storage") {
        return std::nullopt;
    }
    return static_cast<std::size_t>(graph[id].integer);
}

Result<NodeId> TorchHost::call(Graph& graph, NodeId callable, NodeId arguments)
{
    const GlobalInfo info = m_globals.at(static_cast<std::size_t>(graph[callable].integer));
    const std::vector<NodeId> args = itemsOf(graph, arguments);
    const auto badArguments = [&](const std::string& why) {
        return fail(ErrorCode::BadHeader, "the pickle calls " + info.name + " with " + why);
    };
    switch (info.role) {
    case Role::OrderedDict:
    case Role::Set: {
        pickle::Node built = pickle::makeNode(info.role == Role::Set ? Kind::List : Kind::Dict);
        if (!args.empty()) {
            // OrderedDict([(key, value), ...]) or set([items]): the items are copied in.
            if (!graph.isSequence(args[0])) {
                return badArguments(describeKind(graph, args[0]));
            }
            for (const NodeId item : itemsOf(graph, args[0])) {
                if (info.role == Role::Set) {
                    built.items.push_back(item);
                } else if (graph.isSequence(item) && itemsOf(graph, item).size() == 2) {
                    built.items.push_back(itemsOf(graph, item)[0]);
                    built.items.push_back(itemsOf(graph, item)[1]);
                } else {
                    return badArguments("an item that is not a (key, value) pair");
                }
            }
        }
        return graph.add(std::move(built));
    }
    case Role::CodecsEncode:
        // _codecs.encode(text, "latin1"): how protocol 2 pickles bytes. The text's characters
        // (all below 256) are the bytes.
        if (args.empty() || graph[args[0]].kind != Kind::Text) {
            return badArguments("arguments that are not (str, encoding)");
        }
        {
            std::string bytes;
            const std::string& text = graph[args[0]].text;
            for (std::size_t i = 0; i < text.size(); ++i) {
                const auto c = static_cast<unsigned char>(text[i]);
                if (c >= 0xc0 && c < 0xc4 && i + 1 < text.size()) { // U+0080..U+00FF
                    bytes += static_cast<char>(((c & 0x03) << 6) |
                                               (static_cast<unsigned char>(text[++i]) & 0x3f));
                } else {
                    bytes += static_cast<char>(c);
                }
            }
            return graph.addText(Kind::Bytes, std::move(bytes));
        }
    case Role::TorchSize:
        if (args.empty()) {
            return graph.add(pickle::makeNode(Kind::Tuple));
        }
        if (!graph.isSequence(args[0])) {
            return badArguments(describeKind(graph, args[0]));
        }
        {
            pickle::Node size = pickle::makeNode(Kind::Tuple);
            size.items = itemsOf(graph, args[0]);
            return graph.add(std::move(size));
        }
    case Role::Device:
    case Role::Layout:
        if (args.empty() || !isText(graph, args[0])) {
            return badArguments("arguments that are not a name");
        }
        return graph.addText(Kind::Text, graph[args[0]].text);
    case Role::RebuildTensor:
    case Role::RebuildTensorV2:
    case Role::RebuildTensorV3:
    case Role::UnsupportedRebuild:
        return rebuildTensor(graph, info, args);
    case Role::RebuildParameter:
        // _rebuild_parameter(data, requires_grad, backward_hooks[, state]): the tensor itself.
        if (args.empty() || !tensorOf(graph, args[0])) {
            return badArguments("something that is not a tensor");
        }
        return args[0];
    case Role::StorageClass:
    case Role::DtypeValue:
    case Role::InertValue:
        break;
    }
    return fail(ErrorCode::UnsafeContent,
                "the pickle calls " + info.name +
                    ", which is not a constructor a tensor file needs: the file asks to run "
                    "code. QuantScope executes none and loads nothing from this file");
}

Result<NodeId> TorchHost::rebuildTensor(Graph& graph, const GlobalInfo& rebuilder,
                                        const std::vector<NodeId>& args)
{
    TensorRecord record;
    if (rebuilder.role == Role::UnsupportedRebuild) {
        record.unsupported = "it is " + rebuilder.dtype.name + ", rebuilt by " + rebuilder.name +
                             ", which QuantScope does not decode";
        if (args.size() > 2) {
            if (auto size = integerTuple(graph, args[2])) {
                record.shape.assign(size->begin(), size->end());
            }
        }
        return tensorNode(graph, std::move(record));
    }
    // (storage, storage_offset, size, stride, ...): v3 adds the dtype after the hooks.
    const std::size_t needed = rebuilder.role == Role::RebuildTensorV3 ? 7 : 4;
    const auto bad = [&](const std::string& why) {
        return fail(ErrorCode::BadHeader,
                    "the pickle rebuilds a tensor through " + rebuilder.name + " with " + why);
    };
    if (args.size() < needed) {
        return bad(std::to_string(args.size()) + " arguments, fewer than its " +
                   std::to_string(needed));
    }
    const auto storage = storageOf(graph, args[0]);
    if (!storage) {
        return bad("a storage that is " + describeKind(graph, args[0]));
    }
    if (!graph.isInt(args[1]) || graph[args[1]].integer < 0) {
        return bad("a storage offset that is not a non-negative integer");
    }
    const auto size = integerTuple(graph, args[2]);
    const auto stride = integerTuple(graph, args[3]);
    if (!size || !stride || size->size() != stride->size()) {
        return bad("a size or stride that is not a tuple of non-negative integers of one length "
                   "(at most 64)");
    }
    record.storage = *storage;
    record.dtype = m_storages[*storage].dtype;
    record.offset = static_cast<std::uint64_t>(graph[args[1]].integer);
    record.shape.assign(size->begin(), size->end());
    record.strides = *stride;
    if (rebuilder.role == Role::RebuildTensorV3) {
        const NodeId dtype = args[6];
        if (graph[dtype].kind != Kind::Global) {
            return bad("a dtype that is " + describeKind(graph, dtype));
        }
        const GlobalInfo& dtypeInfo = m_globals.at(static_cast<std::size_t>(graph[dtype].integer));
        if (dtypeInfo.role != Role::DtypeValue) {
            return bad("a dtype that is " + dtypeInfo.name);
        }
        record.dtype = dtypeInfo.dtype;
    }
    if (!record.dtype.dtype) {
        record.unsupported = "its dtype " + record.dtype.name + " is not one QuantScope reads";
    }
    return tensorNode(graph, std::move(record));
}

Result<NodeId> TorchHost::persistent(Graph& graph, NodeId id)
{
    if (!graph.isSequence(id) || itemsOf(graph, id).empty() ||
        !isText(graph, itemsOf(graph, id)[0])) {
        return fail(ErrorCode::BadHeader, "the pickle's persistent id is " +
                                              describeKind(graph, id) +
                                              ", not a ('storage', ...) tuple");
    }
    const std::vector<NodeId> items = itemsOf(graph, id);
    const std::string& kind = graph[items[0]].text;
    if (kind != "storage") {
        return fail(ErrorCode::BadHeader, "the pickle's persistent id is a '" + kind +
                                              "' record, not a storage (a whole pickled model "
                                              "rather than its state dict?)");
    }
    return m_layout == Layout::Zip ? zipStorage(graph, items) : legacyStorage(graph, items);
}

Result<std::size_t> TorchHost::rootStorage(const Graph& graph, const std::vector<NodeId>& id,
                                           std::size_t items, const char* form)
{
    if (id.size() != items || graph[id[1]].kind != Kind::Global || !isText(graph, id[2]) ||
        !graph.isInt(id[4]) || graph[id[4]].integer < 0) {
        return fail(ErrorCode::BadHeader, std::string("the pickle's storage id is not ") + form);
    }
    const GlobalInfo& type = m_globals.at(static_cast<std::size_t>(graph[id[1]].integer));
    if (type.role != Role::StorageClass) {
        return fail(ErrorCode::BadHeader, "the pickle's storage type is " + type.name);
    }
    const std::string& key = graph[id[2]].text;
    if (const auto it = m_storageByKey.find(key); it != m_storageByKey.end()) {
        return it->second; // one storage shared by several tensors
    }
    StorageRecord record;
    record.key = key;
    record.dtype = type.dtype;
    record.elements = static_cast<std::uint64_t>(graph[id[4]].integer);
    m_storages.push_back(std::move(record));
    m_storageByKey.emplace(key, m_storages.size() - 1);
    return m_storages.size() - 1;
}

// ('storage', storage_type, key, location, numel)
Result<NodeId> TorchHost::zipStorage(Graph& graph, const std::vector<NodeId>& id)
{
    auto root = rootStorage(graph, id, 5, "('storage', storage_type, key, location, numel)");
    if (!root) {
        return std::unexpected(root.error());
    }
    return storageNode(graph, *root);
}

// ('storage', storage_type, root_key, location, numel, view_metadata), view_metadata being None
// or (view_key, offset, view_size) in elements of the root storage.
Result<NodeId> TorchHost::legacyStorage(Graph& graph, const std::vector<NodeId>& id)
{
    auto root = rootStorage(graph, id, 6, "('storage', storage_type, key, location, size, view)");
    if (!root) {
        return std::unexpected(root.error());
    }
    const std::size_t rootIndex = *root;
    const NodeId view = id[5];
    if (graph[view].kind == Kind::None) {
        return storageNode(graph, rootIndex);
    }
    const auto& viewItems = itemsOf(graph, view);
    if (!graph.isSequence(view) || viewItems.size() != 3 || !isText(graph, viewItems[0]) ||
        !graph.isInt(viewItems[1]) || !graph.isInt(viewItems[2]) ||
        graph[viewItems[1]].integer < 0 || graph[viewItems[2]].integer < 0) {
        return fail(ErrorCode::BadHeader,
                    "the pickle's storage view is not (view_key, offset, size)");
    }
    const std::string viewKey = "view " + graph[viewItems[0]].text;
    if (const auto it = m_storageByKey.find(viewKey); it != m_storageByKey.end()) {
        return storageNode(graph, it->second);
    }
    StorageRecord record;
    record.key = graph[viewItems[0]].text;
    record.dtype = m_storages[rootIndex].dtype;
    record.root = rootIndex;
    record.rootOffset = static_cast<std::uint64_t>(graph[viewItems[1]].integer);
    record.elements = static_cast<std::uint64_t>(graph[viewItems[2]].integer);
    m_storages.push_back(std::move(record));
    m_storageByKey.emplace(viewKey, m_storages.size() - 1);
    return storageNode(graph, m_storages.size() - 1);
}

} // namespace qs::torch_file
