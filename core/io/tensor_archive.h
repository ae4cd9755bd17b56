#pragma once
// A file that holds named tensors — one (.npy, .csv, raw) or many (.safetensors, .npz, ONNX,
// TF.js, GGUF, PyTorch): the base every reader derives from (io/archive_factory.h opens one). Opening reads and validates only what describes the tensors (headers, manifests,
// directories); load() converts one tensor to float32 when it is asked for, so a listing of a
// large checkpoint costs its header and a model-wide report holds one tensor at a time.

#include "common/error.h"
#include "io/dtype_convert.h"
#include "io/loaded_tensor.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qs {

enum class ArchiveFormat
{
    Npy,
    Csv,
    Raw,
    Safetensors,
    Npz,
    Onnx,
    Tfjs,
    Gguf,
    Pytorch,
};

// "npy", "csv", "raw", "safetensors", "npz", "onnx", "tfjs", "gguf", "pytorch"
std::string_view archiveFormatName(ArchiveFormat format);

struct TensorEntry
{
    std::string name;
    Shape shape;
    std::string dtype;       // as the file stores it, in QuantScope's names ("bfloat16", "uint8")
    std::uint64_t count = 0; // elements
    std::uint64_t bytes = 0; // bytes the file stores for it
    bool floating = false;   // holds real-valued weights (a float dtype or dequantized codes)
    // Stored as integer codes with a scale (TF.js uint8/uint16 quantization): the values read are
    // already quantized once.
    bool alreadyQuantized = false;
    std::string unsupported; // non-empty: listed but not readable, and why
};

using Metadata = std::vector<std::pair<std::string, std::string>>;

namespace ggml {
struct TypeInfo;
}

// A tensor stored in one of ggml's block types (ggml/block_codec.h), its blocks readable in place.
struct StoredBlocks
{
    const ggml::TypeInfo* type = nullptr;
    std::span<const std::byte> bytes;
};

// A tensor's bytes as the file stores them, readable in place.
struct StoredBytes
{
    std::span<const std::byte> bytes;
    Dtype dtype = Dtype::Float32;
    ByteOrder order = ByteOrder::Little;
};

class TensorArchive
{
public:
    virtual ~TensorArchive() = default;

    const std::string& path() const { return m_path; }
    ArchiveFormat format() const { return m_format; }
    const std::vector<TensorEntry>& entries() const { return m_entries; }
    // Free-form key/value pairs the file carries (safetensors' __metadata__, ONNX producer...).
    const Metadata& metadata() const { return m_metadata; }

    // By a hash of the names, built on first use: a file of 10^5 tensors is searched in O(1).
    std::optional<std::size_t> find(std::string_view name) const;

    // Reads and converts entry `index`. Errors name the file and the tensor. Not thread-safe:
    // one caller loads at a time. A tensor whose float32 values would not fit in the memory this
    // process may use (common/memory_budget.h) is refused first (TooLarge, with the size it
    // needs), and running out of memory while converting is that error too, not a crash.
    Result<LoadedTensor> load(std::size_t index);
    // The entry's bytes when the archive can hand them out without a copy (a memory-mapped
    // file), for passes that convert slice by slice; nullopt otherwise. Valid while the archive
    // lives.
    virtual std::optional<StoredBytes> stored(std::size_t /*index*/) const { return std::nullopt; }
    // The entry's ggml blocks as the file stores them (GGUF), nullopt for any other storage.
    virtual std::optional<StoredBlocks> storedBlocks(std::size_t /*index*/) const
    {
        return std::nullopt;
    }

protected:
    // The reader's own reading and conversion of entry `index` (load checks the budget first).
    virtual Result<LoadedTensor> loadEntry(std::size_t index) = 0;

    TensorArchive(std::string path, ArchiveFormat format)
        : m_path(std::move(path)), m_format(format)
    {}

    std::string m_path;
    ArchiveFormat m_format;
    std::vector<TensorEntry> m_entries;
    Metadata m_metadata;

private:
    // Built by find() from m_entries (rebuilt should the entries have grown since: the views
    // point into them).
    mutable std::unordered_map<std::string_view, std::size_t> m_byName;
    mutable std::size_t m_indexed = 0; // entries m_byName was built from
};

// Picks the entry `file.tensorName` names, or the only one when it is empty. Errors
// (TensorNotFound) list the names the file does hold.
Result<std::size_t> selectEntry(const TensorArchive& archive, const std::string& tensorName);

// "12.3 MB" style, for listings.
std::string formatBytes(std::uint64_t bytes);

} // namespace qs
