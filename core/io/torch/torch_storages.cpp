#include "io/torch/torch_storages.h"

#include "io/zip_directory.h"
#include "io/zip_handles.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_map>

namespace qs::torch_file {
namespace {

using pickle::Kind;

constexpr std::uint64_t kMaxPickleBytes = std::uint64_t{1} << 30;
constexpr std::size_t kReadChunk = std::size_t{1} << 20;
constexpr std::int64_t kLegacyProtocolVersion = 1001;
// The legacy layout's first pickle: the integer 0x1950a86a20f9469cfc6c, little-endian bytes.
constexpr std::array<unsigned char, 10> kLegacyMagic{0x6c, 0xfc, 0x9c, 0x46, 0xf9,
                                                     0x20, 0x6a, 0xa8, 0x50, 0x19};

bool startsWith(std::span<const std::byte> bytes, std::string_view prefix)
{
    return bytes.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), bytes.begin(),
                      [](char c, std::byte b) { return static_cast<std::byte>(c) == b; });
}

Result<ZipHandle> openZip(const MappedFile& file)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(file.bytes().data(), file.size(), 0, &error);
    if (source == nullptr) {
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(ErrorCode::ReadFailed, "cannot read the zip archive: " + text, file.path());
    }
    ZipHandle zip(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip) {
        zip_source_free(source);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(ErrorCode::BadHeader, "not a readable zip archive: " + text, file.path());
    }
    zip_error_fini(&error);
    return zip;
}

// A member read whole through libzip, which checks its CRC-32 at the end. Grows with the data
// actually read, never with what the directory claims.
Result<std::vector<std::byte>> readMember(zip_t* zip, zip_uint64_t index, const std::string& label,
                                          std::uint64_t limit)
{
    zip_stat_t stat;
    zip_stat_init(&stat);
    zip_stat_index(zip, index, 0, &stat);
    if (stat.size > limit) {
        return fail(ErrorCode::TooLarge,
                    "the member holds " + std::to_string(stat.size) + " bytes, more than the " +
                        std::to_string(limit) + " QuantScope reads for it",
                    label);
    }
    ZipFileHandle member(zip_fopen_index(zip, index, 0));
    if (!member) {
        return fail(ErrorCode::ReadFailed,
                    std::string("cannot open the member: ") + zip_strerror(zip), label);
    }
    std::vector<std::byte> bytes;
    while (true) {
        const std::size_t at = bytes.size();
        bytes.resize(at + kReadChunk);
        const zip_int64_t got = zip_fread(member.get(), bytes.data() + at, kReadChunk);
        if (got < 0) {
            return fail(ErrorCode::BadValue,
                        std::string("cannot read the member: ") + zip_file_strerror(member.get()),
                        label);
        }
        bytes.resize(at + static_cast<std::size_t>(got));
        if (got == 0) {
            break;
        }
        if (bytes.size() > limit) {
            return fail(ErrorCode::TooLarge, "the member holds more than the directory says",
                        label);
        }
    }
    return bytes;
}

Result<void> readZipPickle(const MappedFile& file, TorchPickle& out)
{
    auto zip = openZip(file);
    if (!zip) {
        return std::unexpected(zip.error());
    }
    // The pickle is the one record "FOLDER/data.pkl"; the folder is the archive's name.
    std::optional<zip_uint64_t> pickleIndex;
    const zip_int64_t count = zip_get_num_entries(zip->get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* raw = zip_get_name(zip->get(), static_cast<zip_uint64_t>(i), 0);
        const std::string_view name = raw != nullptr ? raw : "";
        const std::size_t slash = name.find('/');
        if (slash != std::string_view::npos && name.substr(slash) == "/data.pkl") {
            pickleIndex = static_cast<zip_uint64_t>(i);
            out.prefix = std::string(name.substr(0, slash + 1));
            break;
        }
    }
    if (!pickleIndex) {
        return fail(ErrorCode::BadHeader,
                    "the zip archive holds no FOLDER/data.pkl record: not a torch.save file",
                    file.path());
    }
    const std::string member = out.prefix + "data.pkl";
    auto bytes =
        readMember(zip->get(), *pickleIndex, file.path() + " (" + member + ")", kMaxPickleBytes);
    if (!bytes) {
        return std::unexpected(bytes.error());
    }
    const zip_int64_t orderIndex =
        zip_name_locate(zip->get(), (out.prefix + "byteorder").c_str(), ZIP_FL_ENC_RAW);
    if (orderIndex >= 0) {
        auto order = readMember(zip->get(), static_cast<zip_uint64_t>(orderIndex),
                                file.path() + " (" + out.prefix + "byteorder)", 64);
        if (!order) {
            return std::unexpected(order.error());
        }
        const std::string text(reinterpret_cast<const char*>(order->data()), order->size());
        if (text != "little" && text != "big") {
            return fail(ErrorCode::BadHeader,
                        "the byteorder record says '" + text + "', not little or big", file.path());
        }
        out.order = text == "big" ? ByteOrder::Big : ByteOrder::Little;
    }
    out.layout = Layout::Zip;
    out.host = TorchHost(Layout::Zip);
    auto unpickled =
        pickle::unpickle(*bytes, out.graph, out.host, pickle::Origin{file.path(), member, 0});
    if (!unpickled) {
        return std::unexpected(unpickled.error());
    }
    out.root = unpickled->root;
    return {};
}

// The legacy layout's framing pickles, run with the same restricted host (they hold only
// numbers, a dict and a list).
Result<pickle::NodeId> nextPickle(const MappedFile& file, std::uint64_t& at, TorchPickle& out)
{
    auto unpickled = pickle::unpickle(file.bytes().subspan(static_cast<std::size_t>(at)), out.graph,
                                      out.host, pickle::Origin{file.path(), {}, at});
    if (!unpickled) {
        return std::unexpected(unpickled.error());
    }
    at += unpickled->consumed;
    return unpickled->root;
}

Result<void> readLegacyPickle(const MappedFile& file, TorchPickle& out)
{
    out.layout = Layout::Legacy;
    out.host = TorchHost(Layout::Legacy);
    std::uint64_t at = 0;
    const auto notTorch = [&] {
        return fail(ErrorCode::BadMagic,
                    "not a PyTorch file: neither a zip archive (torch 1.6 or later) nor a legacy "
                    "torch.save file (no magic number); for raw binary data give --raw-dtype",
                    file.path());
    };
    auto magic = nextPickle(file, at, out);
    if (!magic) {
        return magic.error().code == ErrorCode::UnsafeContent ? std::unexpected(magic.error())
                                                              : notTorch();
    }
    const pickle::Node& magicNode = out.graph[*magic];
    if (magicNode.kind != Kind::BigInt ||
        !std::equal(magicNode.text.begin(), magicNode.text.end(), kLegacyMagic.begin(),
                    kLegacyMagic.end(),
                    [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; })) {
        return notTorch();
    }
    auto version = nextPickle(file, at, out);
    if (!version) {
        return std::unexpected(version.error());
    }
    if (!out.graph.isInt(*version) || out.graph[*version].integer != kLegacyProtocolVersion) {
        return fail(ErrorCode::UnsupportedFormat,
                    "a legacy torch.save file of a protocol version other than 1001", file.path());
    }
    auto systemInfo = nextPickle(file, at, out);
    if (!systemInfo) {
        return std::unexpected(systemInfo.error());
    }
    const pickle::Node& info = out.graph[*systemInfo];
    for (std::size_t i = 0; info.kind == Kind::Dict && i + 1 < info.items.size(); i += 2) {
        const pickle::Node& key = out.graph[info.items[i]];
        const pickle::Node& value = out.graph[info.items[i + 1]];
        if (key.kind == Kind::Text && key.text == "little_endian" && value.kind == Kind::Bool) {
            out.order = value.integer != 0 ? ByteOrder::Little : ByteOrder::Big;
        }
    }
    auto root = nextPickle(file, at, out);
    if (!root) {
        return std::unexpected(root.error());
    }
    out.root = *root;
    auto keys = nextPickle(file, at, out);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    if (!out.graph.isSequence(*keys)) {
        return fail(ErrorCode::BadHeader, "the legacy file's storage keys are not a list",
                    file.path(), at);
    }
    for (const pickle::NodeId key : out.graph[*keys].items) {
        if (!out.graph.isText(key)) {
            return fail(ErrorCode::BadHeader, "a legacy storage key that is not a string",
                        file.path(), at);
        }
        out.legacyKeys.push_back(out.graph[key].text);
    }
    out.legacyDataStart = at;
    return {};
}

std::uint64_t readCount(std::span<const std::byte> bytes, ByteOrder order)
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const std::size_t at = order == ByteOrder::Little ? 7 - i : i;
        value = (value << 8) | std::to_integer<std::uint64_t>(bytes[at]);
    }
    return value;
}

void locateZip(const std::vector<ZipMemberData>& members, const TorchPickle& pickled,
               const MappedFile& file, StorageBytes& out)
{
    std::unordered_map<std::string_view, const ZipMemberData*> byName;
    for (const ZipMemberData& member : members) {
        byName.emplace(member.name, &member);
    }
    const auto& storages = pickled.host.storages();
    for (std::size_t i = 0; i < storages.size(); ++i) {
        const std::string record = pickled.prefix + "data/" + storages[i].key;
        const auto it = byName.find(record);
        if (it == byName.end()) {
            out.missing[i] = "its storage record '" + record + "' is not in the archive";
            out.missingCode[i] = ErrorCode::BadHeader;
            continue;
        }
        const ZipMemberData& member = *it->second;
        if (member.method != 0 || member.compressedSize != member.size) {
            out.missing[i] = "its storage record '" + record +
                             "' is compressed; torch.save stores records uncompressed, and "
                             "QuantScope reads only those";
            out.missingCode[i] = ErrorCode::UnsupportedFormat;
            continue;
        }
        out.data[i] = file.bytes().subspan(static_cast<std::size_t>(member.dataOffset),
                                           static_cast<std::size_t>(member.size));
    }
}

Result<void> locateLegacy(const TorchPickle& pickled, const MappedFile& file, StorageBytes& out)
{
    const auto& storages = pickled.host.storages();
    std::unordered_map<std::string_view, std::size_t> roots;
    for (std::size_t i = 0; i < storages.size(); ++i) {
        if (!storages[i].root) {
            roots.emplace(storages[i].key, i);
            out.missing[i] = "its storage '" + storages[i].key + "' has no data in the file";
            out.missingCode[i] = ErrorCode::BadHeader;
        }
    }
    std::uint64_t at = pickled.legacyDataStart;
    const std::uint64_t size = file.size();
    for (const std::string& key : pickled.legacyKeys) {
        const auto it = roots.find(key);
        if (it == roots.end()) {
            return fail(ErrorCode::BadHeader,
                        "the storage list names '" + key + "', which no tensor uses", file.path(),
                        at);
        }
        const StorageRecord& storage = storages[it->second];
        if (size - at < 8) {
            return fail(ErrorCode::Truncated, "the file ends before storage '" + key + "'",
                        file.path(), at);
        }
        const std::uint64_t count = readCount(file.bytes().subspan(at, 8), out.order);
        if (count != storage.elements) {
            return fail(ErrorCode::BadHeader,
                        "storage '" + key + "' holds " + std::to_string(count) +
                            " elements, the pickle says " + std::to_string(storage.elements),
                        file.path(), at);
        }
        at += 8;
        if (count > (size - at) / storage.dtype.size) {
            return fail(ErrorCode::Truncated,
                        "the file ends inside storage '" + key + "' (" + std::to_string(count) +
                            " elements of " + std::to_string(storage.dtype.size) + " bytes)",
                        file.path(), at);
        }
        const std::uint64_t bytes = count * storage.dtype.size;
        out.data[it->second] =
            file.bytes().subspan(static_cast<std::size_t>(at), static_cast<std::size_t>(bytes));
        out.missing[it->second].clear();
        at += bytes;
    }
    return {};
}

} // namespace

Result<TorchPickle> readTorchPickle(const MappedFile& file)
{
    TorchPickle out;
    const auto bytes = file.bytes();
    if (startsWith(bytes, "PK\x03\x04")) {
        if (auto ok = readZipPickle(file, out); !ok) {
            return std::unexpected(ok.error());
        }
        return out;
    }
    if (bytes.size() > 262 && startsWith(bytes.subspan(257), "ustar")) {
        return fail(ErrorCode::UnsupportedFormat,
                    "a tar archive: the torch.save layout of torch 0.1.x, which QuantScope does "
                    "not read (load and save it again with a newer torch)",
                    file.path());
    }
    if (bytes.empty() || std::to_integer<unsigned>(bytes[0]) != 0x80) {
        return fail(ErrorCode::BadMagic,
                    "not a PyTorch file: neither a zip archive (torch 1.6 or later) nor a legacy "
                    "torch.save file (no pickle); for raw binary data give --raw-dtype",
                    file.path());
    }
    if (auto ok = readLegacyPickle(file, out); !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

Result<StorageBytes> locateStorages(const MappedFile& file, const TorchPickle& pickled)
{
    StorageBytes out;
    out.layout = pickled.layout;
    out.order = pickled.order;
    const std::size_t count = pickled.host.storages().size();
    out.data.resize(count);
    out.missing.resize(count);
    out.missingCode.resize(count, ErrorCode::BadHeader);
    if (pickled.layout == Layout::Zip) {
        auto members = readZipDirectory(file.bytes(), file.path());
        if (!members) {
            return std::unexpected(members.error());
        }
        locateZip(*members, pickled, file, out);
        return out;
    }
    if (auto ok = locateLegacy(pickled, file, out); !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

Result<std::span<const std::byte>> StorageBytes::window(const std::vector<StorageRecord>& storages,
                                                        std::size_t index) const
{
    const StorageRecord& storage = storages.at(index);
    const std::size_t root = storage.root.value_or(index);
    if (!data.at(root)) {
        return fail(missingCode.at(root), missing.at(root));
    }
    const std::span<const std::byte> bytes = *data[root];
    const std::uint64_t itemSize = storage.dtype.size;
    const std::uint64_t begin = storage.rootOffset;
    if (begin > bytes.size() / itemSize || storage.elements > bytes.size() / itemSize - begin) {
        return fail(
            ErrorCode::BadHeader,
            "its storage '" + storage.key + "' claims " + std::to_string(storage.elements) +
                " elements" + (storage.root ? " from element " + std::to_string(begin) : "") +
                ", more than the " + std::to_string(bytes.size() / itemSize) + " the file holds");
    }
    return bytes.subspan(static_cast<std::size_t>(begin * itemSize),
                         static_cast<std::size_t>(storage.elements * itemSize));
}

} // namespace qs::torch_file
