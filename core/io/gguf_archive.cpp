#include "io/gguf_archive.h"

#include "common/translatable.h"
#include "ggml/block_codec.h"
#include "io/archive_support.h"
#include "io/mapped_file.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>

namespace qs {
namespace {

constexpr std::uint32_t kMagic = 0x46554747; // "GGUF" little-endian
constexpr std::uint32_t kMaxDims = 4;        // GGML_MAX_DIMS
constexpr std::uint64_t kDefaultAlignment = 32;
constexpr std::size_t kShownText = 200; // metadata strings longer than this are cut

// The plain types read as values; the block types decode through ggml/block_codec.h.
std::optional<Dtype> plainDtype(std::uint32_t id)
{
    switch (id) {
    case 0:
        return Dtype::Float32;
    case 1:
        return Dtype::Float16;
    case 24:
        return Dtype::Int8;
    case 25:
        return Dtype::Int16;
    case 26:
        return Dtype::Int32;
    case 27:
        return Dtype::Int64;
    case 28:
        return Dtype::Float64;
    case 30:
        return Dtype::BFloat16;
    default:
        return std::nullopt;
    }
}

// Why a known type is listed but not read.
std::string unreadableReason(const ggml::TypeInfo& type)
{
    switch (type.kind) {
    case ggml::TypeKind::Lattice:
        return "stored as " + std::string(type.name) +
               ", a lattice type: its values come from ggml's own grid tables, which QuantScope "
               "does not carry, so it is listed but not decoded";
    case ggml::TypeKind::Other:
        return "stored as " + std::string(type.name) +
               ", one of ggml's intermediate types, which QuantScope does not decode";
    case ggml::TypeKind::Plain:
    case ggml::TypeKind::Block:
        break;
    }
    return {};
}

// GGUF metadata value types.
enum ValueType : std::uint32_t
{
    kUInt8 = 0,
    kInt8 = 1,
    kUInt16 = 2,
    kInt16 = 3,
    kUInt32 = 4,
    kInt32 = 5,
    kFloat32 = 6,
    kBool = 7,
    kString = 8,
    kArray = 9,
    kUInt64 = 10,
    kInt64 = 11,
    kFloat64 = 12,
};

std::size_t scalarSize(std::uint32_t type)
{
    switch (type) {
    case kUInt8:
    case kInt8:
    case kBool:
        return 1;
    case kUInt16:
    case kInt16:
        return 2;
    case kUInt32:
    case kInt32:
    case kFloat32:
        return 4;
    case kUInt64:
    case kInt64:
    case kFloat64:
        return 8;
    default:
        return 0;
    }
}

// A bounds-checked little-endian reader over the mapped header.
class Cursor
{
public:
    Cursor(std::span<const std::byte> bytes, std::string path)
        : m_bytes(bytes), m_path(std::move(path))
    {}

    std::uint64_t offset() const { return m_at; }
    std::uint64_t remaining() const { return m_bytes.size() - m_at; }

    template <typename T> Result<T> read(const char* what)
    {
        if (remaining() < sizeof(T)) {
            return truncated(what);
        }
        T value;
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        if constexpr (std::endian::native == std::endian::big && sizeof(T) > 1) {
            value = std::byteswap(value);
        }
        m_at += sizeof(T);
        return value;
    }

    Result<std::string> readString(const char* what)
    {
        auto length = read<std::uint64_t>(what);
        if (!length) {
            return std::unexpected(length.error());
        }
        if (*length > remaining()) {
            return fail(ErrorCode::Truncated,
                        std::string(what) + ": a string of " + std::to_string(*length) +
                            " bytes runs past the end of the file",
                        m_path, m_at - 8);
        }
        std::string text(reinterpret_cast<const char*>(m_bytes.data() + m_at), *length);
        m_at += *length;
        return text;
    }

    Result<void> skip(std::uint64_t count, const char* what)
    {
        if (count > remaining()) {
            return truncated(what);
        }
        m_at += count;
        return {};
    }

    std::unexpected<Error> truncated(const char* what) const
    {
        return fail(ErrorCode::Truncated,
                    std::string("the file ends inside the header (") + what + ")", m_path, m_at);
    }

private:
    std::span<const std::byte> m_bytes;
    std::string m_path;
    std::uint64_t m_at = 0;
};

std::string scalarText(Cursor& cursor, std::uint32_t type, Result<void>& status)
{
    const auto text = [&](auto result) -> std::string {
        if (!result) {
            status = std::unexpected(result.error());
            return {};
        }
        if constexpr (std::is_same_v<std::decay_t<decltype(*result)>, std::uint8_t>) {
            return std::to_string(static_cast<unsigned>(*result));
        } else if constexpr (std::is_same_v<std::decay_t<decltype(*result)>, std::int8_t>) {
            return std::to_string(static_cast<int>(*result));
        } else {
            return std::to_string(*result);
        }
    };
    switch (type) {
    case kUInt8:
        return text(cursor.read<std::uint8_t>("a value"));
    case kInt8:
        return text(cursor.read<std::int8_t>("a value"));
    case kUInt16:
        return text(cursor.read<std::uint16_t>("a value"));
    case kInt16:
        return text(cursor.read<std::int16_t>("a value"));
    case kUInt32:
        return text(cursor.read<std::uint32_t>("a value"));
    case kInt32:
        return text(cursor.read<std::int32_t>("a value"));
    case kUInt64:
        return text(cursor.read<std::uint64_t>("a value"));
    case kInt64:
        return text(cursor.read<std::int64_t>("a value"));
    case kFloat32: {
        auto bits = cursor.read<std::uint32_t>("a value");
        return bits ? std::to_string(std::bit_cast<float>(*bits)) : text(bits);
    }
    case kFloat64: {
        auto bits = cursor.read<std::uint64_t>("a value");
        return bits ? std::to_string(std::bit_cast<double>(*bits)) : text(bits);
    }
    case kBool: {
        auto value = cursor.read<std::uint8_t>("a value");
        return value ? (*value != 0 ? "true" : "false") : text(value);
    }
    default:
        return {};
    }
}

struct Location
{
    std::uint64_t begin = 0; // absolute, in the file
    std::uint64_t end = 0;
    std::optional<Dtype> dtype;
    const ggml::TypeInfo* blocks = nullptr; // a block type, decoded on load
};

class GgufArchive final : public TensorArchive
{
public:
    GgufArchive(std::string path, MappedFile file)
        : TensorArchive(std::move(path), ArchiveFormat::Gguf), m_file(std::move(file))
    {}

    Result<void> scan();

    Result<LoadedTensor> loadEntry(std::size_t index) override
    {
        const TensorEntry& entry = m_entries.at(index);
        const Location& location = m_locations.at(index);
        if (location.blocks != nullptr) {
            LoadedTensor loaded;
            loaded.tensor.name = entry.name;
            loaded.tensor.shape = entry.shape;
            loaded.tensor.sourceDtype = Dtype::Float32;
            loaded.tensor.values.resize(entry.count);
            const std::span<const std::byte> blocks = storedBlocks(index)->bytes;
            ggml::dequantizeBlocks(*location.blocks, blocks, loaded.tensor.values);
            loaded.storedBlocks =
                StoredGgmlBlocks{location.blocks->id, {blocks.begin(), blocks.end()}};
            loaded.warnings.push_back(makeWarning(
                WarningCode::AlreadyQuantized,
                QS_TRANSLATABLE("Warning", "%1 is stored quantized as %2: its values already sit "
                                           "on that type's block grids; another format's error "
                                           "is relative to them"),
                {entry.name, std::string(location.blocks->name)}));
            return loaded;
        }
        const auto bytes = stored(index);
        if (!bytes) {
            return archive::tensorError(ErrorCode::UnsupportedDtype, m_path, entry.name,
                                        entry.unsupported);
        }
        LoadedTensor loaded;
        loaded.tensor.name = entry.name;
        loaded.tensor.shape = entry.shape;
        loaded.tensor.sourceDtype = bytes->dtype;
        loaded.tensor.values = archive::convertAll(bytes->bytes, bytes->dtype, ByteOrder::Little);
        return loaded;
    }

    std::optional<StoredBytes> stored(std::size_t index) const override
    {
        const Location& location = m_locations.at(index);
        if (!location.dtype) {
            return std::nullopt;
        }
        return StoredBytes{m_file.bytes().subspan(location.begin, location.end - location.begin),
                           *location.dtype, ByteOrder::Little};
    }

    std::optional<StoredBlocks> storedBlocks(std::size_t index) const override
    {
        const Location& location = m_locations.at(index);
        if (location.blocks == nullptr) {
            return std::nullopt;
        }
        return StoredBlocks{location.blocks,
                            m_file.bytes().subspan(location.begin, location.end - location.begin)};
    }

private:
    Result<void> readMetadata(Cursor& cursor, std::uint64_t count, std::uint64_t& alignment);
    Result<void> readTensorInfos(Cursor& cursor, std::uint64_t count);
    Result<void> placeData(std::uint64_t infosEnd, std::uint64_t alignment);

    MappedFile m_file;
    std::vector<Location> m_locations; // begin/end relative to the data section until placed
};

Result<void> GgufArchive::readMetadata(Cursor& cursor, std::uint64_t count,
                                       std::uint64_t& alignment)
{
    for (std::uint64_t k = 0; k < count; ++k) {
        auto key = cursor.readString("a metadata key");
        auto type = key ? cursor.read<std::uint32_t>("a metadata type")
                        : Result<std::uint32_t>(std::unexpected(key.error()));
        if (!type) {
            return std::unexpected(type.error());
        }
        Result<void> status;
        std::string value;
        if (*type == kString) {
            auto text = cursor.readString("a metadata string");
            if (!text) {
                return std::unexpected(text.error());
            }
            value = text->size() > kShownText ? text->substr(0, kShownText) + "…" : *text;
        } else if (*type == kArray) {
            auto elementType = cursor.read<std::uint32_t>("an array type");
            auto length = elementType ? cursor.read<std::uint64_t>("an array length")
                                      : Result<std::uint64_t>(std::unexpected(elementType.error()));
            if (!length) {
                return std::unexpected(length.error());
            }
            if (*elementType == kString) {
                for (std::uint64_t i = 0; i < *length; ++i) {
                    if (auto text = cursor.readString("an array string"); !text) {
                        return std::unexpected(text.error());
                    }
                }
            } else if (const std::size_t size = scalarSize(*elementType); size > 0) {
                if (*length > cursor.remaining() / size) {
                    return cursor.truncated("an array");
                }
                status = cursor.skip(*length * size, "an array");
            } else {
                return fail(ErrorCode::BadHeader,
                            "metadata '" + *key + "' is an array of unknown type " +
                                std::to_string(*elementType),
                            m_path, cursor.offset());
            }
            value = "[" + std::to_string(*length) + " values]";
        } else if (scalarSize(*type) > 0) {
            value = scalarText(cursor, *type, status);
            const bool integer = *type != kFloat32 && *type != kFloat64 && *type != kBool;
            if (*key == "general.alignment" && status && integer && value.front() != '-') {
                const auto parsed = std::stoull(value);
                if (parsed == 0 || (parsed & (parsed - 1)) != 0) {
                    return fail(ErrorCode::BadHeader,
                                "general.alignment " + value + " is not a power of two", m_path);
                }
                alignment = parsed;
            }
        } else {
            return fail(ErrorCode::BadHeader,
                        "metadata '" + *key + "' has unknown type " + std::to_string(*type), m_path,
                        cursor.offset());
        }
        if (!status) {
            return status;
        }
        m_metadata.emplace_back(*key, value);
    }
    return {};
}

Result<void> GgufArchive::readTensorInfos(Cursor& cursor, std::uint64_t count)
{
    for (std::uint64_t t = 0; t < count; ++t) {
        auto name = cursor.readString("a tensor name");
        if (!name) {
            return std::unexpected(name.error());
        }
        auto dims = cursor.read<std::uint32_t>("a dimension count");
        if (!dims) {
            return std::unexpected(dims.error());
        }
        if (*dims > kMaxDims) {
            return archive::tensorError(ErrorCode::BadHeader, m_path, *name,
                                        std::to_string(*dims) + " dimensions, more than ggml's " +
                                            std::to_string(kMaxDims));
        }
        Shape shape(*dims);
        for (std::uint32_t d = 0; d < *dims; ++d) {
            auto extent = cursor.read<std::uint64_t>("a dimension");
            if (!extent) {
                return std::unexpected(extent.error());
            }
            if (*extent > static_cast<std::uint64_t>(INT64_MAX)) {
                return archive::tensorError(ErrorCode::TooLarge, m_path, *name,
                                            "dimension " + std::to_string(*extent) +
                                                " is too large");
            }
            shape[*dims - 1 - d] = static_cast<std::int64_t>(*extent); // fastest first → C order
        }
        auto type = cursor.read<std::uint32_t>("a tensor type");
        auto offset = type ? cursor.read<std::uint64_t>("a tensor offset")
                           : Result<std::uint64_t>(std::unexpected(type.error()));
        if (!offset) {
            return std::unexpected(offset.error());
        }
        const auto count = elementCount(shape);
        const ggml::TypeInfo* found = ggml::typeById(*type);
        TensorEntry entry;
        entry.name = *name;
        entry.shape = shape;
        entry.count = count.value_or(0);
        Location location{*offset, *offset, std::nullopt};
        if (found == nullptr) {
            entry.dtype = "ggml type " + std::to_string(*type);
            entry.unsupported =
                "ggml type " + std::to_string(*type) + " is not known to QuantScope";
        } else {
            // ggml's rows (the fastest dimension, C order's last) hold whole blocks.
            const std::uint64_t rowLength =
                shape.empty() ? 1 : static_cast<std::uint64_t>(shape.back());
            const auto bytes = count ? ggml::storedBytes(*found, *count) : std::nullopt;
            if (!bytes || rowLength % found->blockValues != 0) {
                return archive::tensorError(ErrorCode::BadHeader, m_path, *name,
                                            "rows of " + std::to_string(rowLength) +
                                                " values (shape " + shapeToString(shape) +
                                                ") are not whole " + std::string(found->name) +
                                                " blocks of " + std::to_string(found->blockValues));
            }
            entry.dtype = found->name;
            entry.bytes = *bytes;
            location.end = *offset + entry.bytes;
            if (location.end < *offset) {
                return archive::tensorError(ErrorCode::BadHeader, m_path, *name,
                                            "offset overflows");
            }
            location.dtype = plainDtype(*type);
            if (found->kind == ggml::TypeKind::Block) {
                location.blocks = found;
                entry.floating = true;
                entry.alreadyQuantized = true;
            } else if (location.dtype) {
                entry.floating = archive::isFloatingDtype(*location.dtype);
            } else {
                entry.unsupported = unreadableReason(*found);
            }
        }
        m_entries.push_back(std::move(entry));
        m_locations.push_back(location);
    }
    return {};
}

Result<void> GgufArchive::placeData(std::uint64_t infosEnd, std::uint64_t alignment)
{
    const std::uint64_t dataStart = (infosEnd + alignment - 1) / alignment * alignment;
    const std::uint64_t size = m_file.size();
    if (!m_entries.empty() && dataStart > size) {
        return fail(ErrorCode::Truncated, "the file ends before its tensor data", m_path, size);
    }
    std::vector<std::size_t> order(m_entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::ranges::sort(order, {}, [&](std::size_t i) { return m_locations[i].begin; });
    std::uint64_t previousEnd = 0;
    std::string previousName;
    for (const std::size_t i : order) {
        Location& location = m_locations[i];
        const std::string& name = m_entries[i].name;
        if (location.begin % alignment != 0) {
            return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                        "data offset " + std::to_string(location.begin) +
                                            " is not a multiple of the alignment " +
                                            std::to_string(alignment));
        }
        if (location.end > size - dataStart) {
            return archive::tensorError(ErrorCode::Truncated, m_path, name,
                                        "its data ends at " + std::to_string(location.end) +
                                            " but the data section holds only " +
                                            std::to_string(size - dataStart) + " bytes",
                                        dataStart + location.begin);
        }
        if (location.begin < previousEnd) {
            return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                        "its data overlaps tensor '" + previousName + "'",
                                        dataStart + location.begin);
        }
        previousEnd = std::max(previousEnd, location.end);
        previousName = name;
        location.begin += dataStart;
        location.end += dataStart;
    }
    return {};
}

Result<void> GgufArchive::scan()
{
    Cursor cursor(m_file.bytes(), m_path);
    auto magic = cursor.read<std::uint32_t>("the magic");
    if (!magic || *magic != kMagic) {
        return fail(ErrorCode::BadMagic, "not a GGUF file (missing the GGUF magic)", m_path, 0);
    }
    auto version = cursor.read<std::uint32_t>("the version");
    if (!version) {
        return std::unexpected(version.error());
    }
    if (*version < 2 || *version > 3) {
        return fail(ErrorCode::BadHeader,
                    "GGUF version " + std::to_string(*version) + " is not read (2 and 3 are)",
                    m_path, 4);
    }
    auto tensors = cursor.read<std::uint64_t>("the tensor count");
    auto entries = tensors ? cursor.read<std::uint64_t>("the metadata count")
                           : Result<std::uint64_t>(std::unexpected(tensors.error()));
    if (!entries) {
        return std::unexpected(entries.error());
    }
    // Each tensor info and metadata entry takes at least 8 + 4 bytes: claims beyond the file are
    // refused before anything is reserved for them.
    if (*tensors > cursor.remaining() / 12 || *entries > cursor.remaining() / 12) {
        return fail(ErrorCode::Truncated,
                    "the header claims " + std::to_string(*tensors) + " tensors and " +
                        std::to_string(*entries) + " metadata entries, more than the file holds",
                    m_path, 8);
    }
    std::uint64_t alignment = kDefaultAlignment;
    if (auto ok = readMetadata(cursor, *entries, alignment); !ok) {
        return ok;
    }
    if (auto ok = readTensorInfos(cursor, *tensors); !ok) {
        return ok;
    }
    return placeData(cursor.offset(), alignment);
}

} // namespace

Result<std::unique_ptr<TensorArchive>> openGguf(const std::string& path)
{
    auto file = MappedFile::open(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    auto archive = std::make_unique<GgufArchive>(path, std::move(*file));
    if (auto ok = archive->scan(); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

} // namespace qs
