#include "io/torch_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/mapped_file.h"
#include "io/pickle/pickle_machine.h"
#include "io/torch/state_names.h"
#include "io/torch/torch_pickle.h"
#include "io/torch/torch_storages.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

namespace qs {
namespace {

using torch_file::Layout;
using torch_file::StorageRecord;
using torch_file::TensorRecord;

// Where one listed tensor's elements are, once its storage is resolved.
struct Place
{
    std::optional<Dtype> dtype;
    std::size_t itemSize = 1;
    std::span<const std::byte> window; // the storage (or legacy view) the offsets count in
    std::uint64_t offset = 0;          // elements into the window
    std::vector<std::int64_t> strides;
    bool contiguous = true;
    ErrorCode refusal = ErrorCode::UnsupportedDtype;
};

bool isContiguous(const Shape& shape, const std::vector<std::int64_t>& strides)
{
    std::int64_t expected = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        if (shape[d] != 1 && strides[d] != expected) {
            return false;
        }
        expected *= shape[d];
    }
    return true;
}

// One past the last element the view reaches (offset + Σ (size_d − 1)·stride_d + 1), or nullopt
// on overflow. Zero for an empty tensor.
std::optional<std::uint64_t> extent(std::uint64_t offset, const Shape& shape,
                                    const std::vector<std::int64_t>& strides)
{
    if (std::ranges::find(shape, 0) != shape.end()) {
        return 0;
    }
    std::uint64_t last = offset;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        std::uint64_t step = 0;
        if (__builtin_mul_overflow(static_cast<std::uint64_t>(shape[d] - 1),
                                   static_cast<std::uint64_t>(strides[d]), &step) ||
            __builtin_add_overflow(last, step, &last)) {
            return std::nullopt;
        }
    }
    if (last == UINT64_MAX) {
        return std::nullopt;
    }
    return last + 1;
}

class TorchArchive final : public TensorArchive
{
public:
    TorchArchive(std::string path, MappedFile file, torch_file::StorageBytes storages)
        : TensorArchive(std::move(path), ArchiveFormat::Pytorch), m_file(std::move(file)),
          m_storages(std::move(storages))
    {}

    void build(const torch_file::TorchHost& host, const torch_file::StateNames& names)
    {
        for (const auto& named : names.tensors) {
            addTensor(named.name, host.tensors().at(named.tensor), host.storages());
        }
        m_metadata.emplace_back("pytorch layout", m_storages.layout == Layout::Zip
                                                      ? "zip (torch.save of torch 1.6 or later)"
                                                      : "legacy (torch.save of torch before 1.6)");
        for (const auto& item : names.metadata) {
            m_metadata.push_back(item);
        }
        if (names.metadataLeftOut > 0) {
            m_metadata.emplace_back("…", std::to_string(names.metadataLeftOut) +
                                             " more values not listed");
        }
    }

    Result<LoadedTensor> loadEntry(std::size_t index) override
    {
        const TensorEntry& entry = m_entries.at(index);
        const Place& place = m_places.at(index);
        if (!entry.unsupported.empty()) {
            return archive::tensorError(place.refusal, m_path, entry.name, entry.unsupported);
        }
        LoadedTensor loaded;
        loaded.tensor.name = entry.name;
        loaded.tensor.shape = entry.shape;
        loaded.tensor.sourceDtype = *place.dtype;
        const ByteOrder order = m_storages.order;
        if (place.contiguous) {
            loaded.tensor.values =
                archive::convertAll(elementBytes(place, entry.count), *place.dtype, order);
            return loaded;
        }
        // A view (a transpose, an expand): gather its elements in row-major order first.
        std::vector<std::byte> gathered(entry.count * place.itemSize);
        gatherView(place, entry.shape, gathered);
        loaded.tensor.values = archive::convertAll(gathered, *place.dtype, order);
        return loaded;
    }

    std::optional<StoredBytes> stored(std::size_t index) const override
    {
        const Place& place = m_places.at(index);
        if (!m_entries.at(index).unsupported.empty() || !place.contiguous) {
            return std::nullopt;
        }
        return StoredBytes{elementBytes(place, m_entries[index].count), *place.dtype,
                           m_storages.order};
    }

private:
    static std::span<const std::byte> elementBytes(const Place& place, std::uint64_t count)
    {
        if (count == 0) {
            return {}; // an empty view's offset need not lie inside its storage
        }
        return place.window.subspan(place.offset * place.itemSize, count * place.itemSize);
    }

    static void gatherView(const Place& place, const Shape& shape, std::span<std::byte> out)
    {
        const std::size_t dims = shape.size();
        std::vector<std::int64_t> index(dims, 0);
        std::uint64_t source = place.offset;
        for (std::size_t i = 0; i * place.itemSize < out.size(); ++i) {
            std::memcpy(out.data() + i * place.itemSize,
                        place.window.data() + source * place.itemSize, place.itemSize);
            for (std::size_t d = dims; d-- > 0;) { // odometer over the logical index
                source += static_cast<std::uint64_t>(place.strides[d]);
                if (++index[d] < shape[d]) {
                    break;
                }
                source -= static_cast<std::uint64_t>(place.strides[d] * shape[d]);
                index[d] = 0;
            }
        }
    }

    void addTensor(const std::string& name, const TensorRecord& record,
                   const std::vector<StorageRecord>& storages)
    {
        TensorEntry entry;
        entry.name = name;
        entry.shape = record.shape;
        entry.dtype = record.dtype.name;
        Place place;
        place.dtype = record.dtype.dtype;
        place.itemSize = record.dtype.size;
        place.offset = record.offset;
        place.strides = record.strides;
        const auto refuse = [&](ErrorCode code, std::string why) {
            entry.unsupported = std::move(why);
            place.refusal = code;
            m_entries.push_back(std::move(entry));
            m_places.push_back(std::move(place));
        };
        const auto count = elementCount(record.shape);
        if (!count) {
            return refuse(ErrorCode::BadHeader, "its shape's element count overflows");
        }
        entry.count = *count;
        entry.bytes = *count * record.dtype.size;
        entry.floating = record.dtype.dtype && archive::isFloatingDtype(*record.dtype.dtype);
        if (!record.unsupported.empty() || !record.storage) {
            return refuse(ErrorCode::UnsupportedDtype, record.unsupported);
        }
        const StorageRecord& storage = storages.at(*record.storage);
        auto window = m_storages.window(storages, *record.storage);
        if (!window) {
            return refuse(window.error().code, window.error().message);
        }
        place.window = *window;
        const auto reach = extent(record.offset, record.shape, record.strides);
        const std::uint64_t available = window->size() / record.dtype.size;
        if (!reach || *reach > available) {
            return refuse(ErrorCode::BadHeader,
                          "its view (offset " + std::to_string(record.offset) +
                              ", its strides) reaches past the " + std::to_string(available) +
                              " elements of storage '" + storage.key + "'");
        }
        place.contiguous = isContiguous(record.shape, record.strides);
        m_entries.push_back(std::move(entry));
        m_places.push_back(std::move(place));
    }

    MappedFile m_file;
    torch_file::StorageBytes m_storages;
    std::vector<Place> m_places;
};

} // namespace

bool looksLikeTorchFile(const std::string& path)
{
    if (!checkIsFile(path)) {
        return false;
    }
    std::ifstream stream(path, std::ios::binary);
    std::array<char, 4> head{};
    if (!stream.read(head.data(), head.size())) {
        return false;
    }
    return std::string_view(head.data(), 4) == "PK\x03\x04" ||
           static_cast<unsigned char>(head[0]) == 0x80;
}

Result<std::unique_ptr<TensorArchive>> openTorch(const std::string& path)
{
    auto file = MappedFile::open(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    auto pickled = torch_file::readTorchPickle(*file);
    if (!pickled) {
        return std::unexpected(pickled.error());
    }
    auto names = torch_file::nameState(pickled->graph, pickled->root, path);
    if (!names) {
        return std::unexpected(names.error());
    }
    auto storages = torch_file::locateStorages(*file, *pickled);
    if (!storages) {
        return std::unexpected(storages.error());
    }
    auto archive = std::make_unique<TorchArchive>(path, std::move(*file), std::move(*storages));
    archive->build(pickled->host, *names);
    return archive;
}

} // namespace qs
