#pragma once
// What a torch.save pickle may name, and what its calls build: the Host of the restricted
// unpickler (io/pickle/pickle_machine.h) for PyTorch files. It allows the names a state dict
// needs — collections.OrderedDict, torch._utils' tensor and parameter rebuilders, the storage
// classes, torch dtypes, torch.Size — and refuses every other global as a request to run code.
// Tensors and storages become records; nothing is read from the storages here.
//
// Rules from torch/serialization.py (_save, _legacy_save: the persistent-id tuples) and
// torch/_utils.py (the rebuilders' arguments).

#include "common/error.h"
#include "io/pickle/pickle_machine.h"
#include "tensor/dtype.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace qs::torch_file {

enum class Layout
{
    Zip,    // torch >= 1.6: data.pkl and one record per storage
    Legacy, // torch < 1.6: pickles followed by the raw storages
};

// torch's element type of a storage or tensor: QuantScope's dtype when it can read it.
struct TorchDtype
{
    std::string name;           // torch's own ("float32", "complex64", "qint8")
    std::optional<Dtype> dtype; // nullopt: not readable
    std::size_t size = 1;       // bytes per element (also for the unreadable ones)
};

struct StorageRecord
{
    std::string key; // the record data/KEY (zip) or the storage key (legacy)
    TorchDtype dtype;
    std::uint64_t elements = 0; // as the pickle claims, in `dtype`
    // A legacy view of another storage: that storage's index and where the view starts in it.
    std::optional<std::size_t> root;
    std::uint64_t rootOffset = 0; // elements
};

struct TensorRecord
{
    std::optional<std::size_t> storage;
    TorchDtype dtype;         // the storage's, or _rebuild_tensor_v3's own over an untyped storage
    std::uint64_t offset = 0; // elements of `dtype` into the storage
    Shape shape;
    std::vector<std::int64_t> strides;
    std::string unsupported; // non-empty: listed, not readable, and why
};

class TorchHost final : public pickle::Host
{
public:
    explicit TorchHost(Layout layout) : m_layout(layout) {}

    Result<std::int64_t> global(std::string_view module, std::string_view name) override;
    Result<pickle::NodeId> call(pickle::Graph& graph, pickle::NodeId callable,
                                pickle::NodeId arguments) override;
    Result<pickle::NodeId> persistent(pickle::Graph& graph, pickle::NodeId id) override;

    const std::vector<StorageRecord>& storages() const { return m_storages; }
    const std::vector<TensorRecord>& tensors() const { return m_tensors; }

    // The record a Host node stands for (nullopt: not a tensor / not a storage).
    static std::optional<std::size_t> tensorOf(const pickle::Graph& graph, pickle::NodeId id);
    static std::optional<std::size_t> storageOf(const pickle::Graph& graph, pickle::NodeId id);

private:
    enum class Role
    {
        OrderedDict,
        Set,
        CodecsEncode,
        TorchSize,
        Device,
        Layout,
        RebuildTensor,
        RebuildTensorV2,
        RebuildTensorV3,
        RebuildParameter,
        UnsupportedRebuild,
        StorageClass,
        DtypeValue,
        InertValue,
    };
    struct GlobalInfo
    {
        Role role;
        TorchDtype dtype; // StorageClass, DtypeValue
        std::string name; // "module.name"
    };

    Result<pickle::NodeId> rebuildTensor(pickle::Graph& graph, const GlobalInfo& rebuilder,
                                         const std::vector<pickle::NodeId>& arguments);
    // The storage a persistent id of `items` items (`form`, for the error) names, added on
    // its first mention; the index into m_storages.
    Result<std::size_t> rootStorage(const pickle::Graph& graph,
                                    const std::vector<pickle::NodeId>& id, std::size_t items,
                                    const char* form);
    Result<pickle::NodeId> zipStorage(pickle::Graph& graph, const std::vector<pickle::NodeId>& id);
    Result<pickle::NodeId> legacyStorage(pickle::Graph& graph,
                                         const std::vector<pickle::NodeId>& id);
    pickle::NodeId storageNode(pickle::Graph& graph, std::size_t index);
    pickle::NodeId tensorNode(pickle::Graph& graph, TensorRecord record);

    Layout m_layout;
    std::vector<GlobalInfo> m_globals;
    std::vector<StorageRecord> m_storages;
    std::vector<TensorRecord> m_tensors;
    std::unordered_map<std::string, std::size_t> m_storageByKey;
};

// torch's name of a storage's or tensor's element type as the file's pickle spells it.
std::optional<TorchDtype> torchDtypeOfStorageClass(std::string_view className);
std::optional<TorchDtype> torchDtypeOfName(std::string_view dtypeName);

} // namespace qs::torch_file
