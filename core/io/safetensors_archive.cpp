#include "io/safetensors_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/json_nesting.h"
#include "io/mapped_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string_view>
#include <unordered_set>

namespace qs {
namespace {

using nlohmann::json;

// The largest header the reference implementation accepts (100 MB); a bigger claim is refused
// before anything is read.
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;
constexpr std::uint64_t kMaxIndexBytes = 64'000'000;

std::optional<Dtype> dtypeFromSafetensors(std::string_view name)
{
    static const std::map<std::string_view, Dtype> names{
        {"F64", Dtype::Float64},        {"F32", Dtype::Float32},
        {"F16", Dtype::Float16},        {"BF16", Dtype::BFloat16},
        {"I64", Dtype::Int64},          {"I32", Dtype::Int32},
        {"I16", Dtype::Int16},          {"I8", Dtype::Int8},
        {"U64", Dtype::UInt64},         {"U32", Dtype::UInt32},
        {"U16", Dtype::UInt16},         {"U8", Dtype::UInt8},
        {"BOOL", Dtype::Bool},          {"F8_E4M3", Dtype::Float8E4M3},
        {"F8_E5M2", Dtype::Float8E5M2},
    };
    const auto it = names.find(name);
    return it == names.end() ? std::nullopt : std::optional(it->second);
}

struct Location
{
    std::size_t shard = 0;
    std::uint64_t begin = 0; // absolute byte offsets in the shard file
    std::uint64_t end = 0;
    std::optional<Dtype> dtype; // nullopt: listed but not readable
    // Why a listed tensor cannot be read: its dtype, or its data missing from a truncated file.
    ErrorCode refusal = ErrorCode::UnsupportedDtype;
};

struct ParsedShard
{
    std::vector<TensorEntry> entries;
    std::vector<Location> locations;
    Metadata metadata;
};

std::uint64_t littleEndian64(std::span<const std::byte> bytes)
{
    std::uint64_t value = 0;
    for (std::size_t i = 8; i-- > 0;) {
        value = (value << 8) | std::to_integer<std::uint64_t>(bytes[i]);
    }
    return value;
}

Result<Shape> parseShape(const json& shape, const std::string& path, const std::string& name)
{
    if (!shape.is_array() || shape.size() > 64) {
        return archive::tensorError(ErrorCode::BadHeader, path, name,
                                    "\"shape\" must be an array of at most 64 dimensions");
    }
    Shape result;
    for (const json& dim : shape) {
        if (!dim.is_number_unsigned()) {
            return archive::tensorError(ErrorCode::BadHeader, path, name,
                                        "\"shape\" holds " + dim.dump() +
                                            ", not a non-negative integer");
        }
        const auto value = dim.get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(INT64_MAX)) {
            return archive::tensorError(ErrorCode::TooLarge, path, name,
                                        "dimension " + dim.dump() + " is too large");
        }
        result.push_back(static_cast<std::int64_t>(value));
    }
    return result;
}

Result<ParsedShard> parseShard(const MappedFile& file, std::size_t shard)
{
    const std::string& path = file.path();
    const auto bytes = file.bytes();
    if (bytes.size() < 8) {
        return fail(ErrorCode::Truncated,
                    "file is only " + std::to_string(bytes.size()) +
                        " bytes, too short for a safetensors header length",
                    path, 0);
    }
    const std::uint64_t headerLength = littleEndian64(bytes.first(8));
    if (headerLength > bytes.size() - 8) {
        return fail(ErrorCode::Truncated,
                    "header length " + std::to_string(headerLength) +
                        " runs past the end of the file (" + std::to_string(bytes.size()) +
                        " bytes)",
                    path, 0);
    }
    if (headerLength > kMaxHeaderBytes) {
        return fail(ErrorCode::TooLarge,
                    "header length " + std::to_string(headerLength) + " exceeds the " +
                        std::to_string(kMaxHeaderBytes) + " bytes safetensors allows",
                    path, 0);
    }
    const auto text = bytes.subspan(8, headerLength);
    if (auto ok = checkJsonNesting({reinterpret_cast<const char*>(text.data()), text.size()}, path,
                                   "the header's JSON", 8);
        !ok) {
        return std::unexpected(ok.error());
    }
    json header = json::parse(reinterpret_cast<const char*>(text.data()),
                              reinterpret_cast<const char*>(text.data() + text.size()), nullptr,
                              /*allow_exceptions=*/false);
    if (header.is_discarded() || !header.is_object()) {
        return fail(ErrorCode::BadHeader,
                    header.is_discarded() ? "the header is not valid JSON"
                                          : "the header is JSON but not an object",
                    path, 8);
    }
    const std::uint64_t dataStart = 8 + headerLength;
    const std::uint64_t dataSize = bytes.size() - dataStart;

    ParsedShard parsed;
    for (const auto& [name, value] : header.items()) {
        if (name == "__metadata__") {
            if (!value.is_object()) {
                return fail(ErrorCode::BadHeader, "__metadata__ is not an object", path, 8);
            }
            for (const auto& [key, text] : value.items()) {
                parsed.metadata.emplace_back(key, text.is_string() ? text.get<std::string>()
                                                                   : text.dump());
            }
            continue;
        }
        if (!value.is_object() || !value.contains("dtype") || !value["dtype"].is_string() ||
            !value.contains("shape") || !value.contains("data_offsets")) {
            return archive::tensorError(ErrorCode::BadHeader, path, name,
                                        "needs \"dtype\" (a string), \"shape\" and "
                                        "\"data_offsets\"");
        }
        auto shape = parseShape(value["shape"], path, name);
        if (!shape) {
            return std::unexpected(shape.error());
        }
        const json& offsets = value["data_offsets"];
        if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
            !offsets[1].is_number_unsigned()) {
            return archive::tensorError(ErrorCode::BadHeader, path, name,
                                        "\"data_offsets\" must be [begin, end], two "
                                        "non-negative integers");
        }
        const auto begin = offsets[0].get<std::uint64_t>();
        const auto end = offsets[1].get<std::uint64_t>();
        if (begin > end) {
            return archive::tensorError(ErrorCode::BadHeader, path, name,
                                        "data_offsets [" + std::to_string(begin) + ", " +
                                            std::to_string(end) + "] end before they begin");
        }
        const std::string dtypeText = value["dtype"].get<std::string>();
        if (end > dataSize) {
            // A file cut short (a download stopped early) still has a whole header: list every
            // tensor, and refuse only those whose bytes are missing.
            const auto known = dtypeFromSafetensors(dtypeText);
            TensorEntry entry;
            entry.name = name;
            entry.count = elementCount(*shape).value_or(0);
            entry.shape = std::move(*shape);
            entry.dtype = known ? std::string(dtypeName(*known)) : dtypeText;
            entry.floating = known && archive::isFloatingDtype(*known);
            entry.bytes = end - begin;
            entry.unsupported = "truncated: data_offsets end at " + std::to_string(end) +
                                " but the data holds only " + std::to_string(dataSize) + " bytes";
            parsed.entries.push_back(std::move(entry));
            parsed.locations.push_back(
                {shard, dataStart + begin, dataStart + end, std::nullopt, ErrorCode::Truncated});
            continue;
        }
        const auto dtype = dtypeFromSafetensors(dtypeText);
        TensorEntry entry;
        if (dtype) {
            const auto expected = archive::byteSize(*shape, dtypeSize(*dtype));
            if (!expected || *expected != end - begin) {
                return archive::tensorError(
                    ErrorCode::BadHeader, path, name,
                    "shape " + shapeToString(*shape) + " of " + dtypeText + " needs " +
                        (expected ? std::to_string(*expected) : std::string("too many")) +
                        " bytes but data_offsets hold " + std::to_string(end - begin),
                    dataStart + begin);
            }
            if (begin % dtypeSize(*dtype) != 0) {
                return archive::tensorError(ErrorCode::BadHeader, path, name,
                                            "data starts at " + std::to_string(begin) +
                                                ", not a multiple of its " +
                                                std::to_string(dtypeSize(*dtype)) + "-byte element",
                                            dataStart + begin);
            }
            entry = archive::makeEntry(name, std::move(*shape), *dtype);
        } else {
            entry.name = name;
            entry.count = elementCount(*shape).value_or(0);
            entry.shape = std::move(*shape);
            entry.dtype = dtypeText;
            entry.bytes = end - begin;
            entry.unsupported = "dtype " + dtypeText + " is not read by QuantScope";
        }
        parsed.entries.push_back(std::move(entry));
        parsed.locations.push_back({shard, dataStart + begin, dataStart + end, dtype});
    }

    // File order (by offset) reads naturally and makes the overlap check one sweep.
    std::vector<std::size_t> order(parsed.entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::ranges::sort(order, [&](std::size_t a, std::size_t b) {
        return std::pair(parsed.locations[a].begin, parsed.locations[a].end) <
               std::pair(parsed.locations[b].begin, parsed.locations[b].end);
    });
    for (std::size_t k = 1; k < order.size(); ++k) {
        const Location& previous = parsed.locations[order[k - 1]];
        const Location& current = parsed.locations[order[k]];
        if (current.begin < previous.end) {
            return archive::tensorError(ErrorCode::BadHeader, path, parsed.entries[order[k]].name,
                                        "its data [" + std::to_string(current.begin - dataStart) +
                                            ", " + std::to_string(current.end - dataStart) +
                                            ") overlaps tensor '" +
                                            parsed.entries[order[k - 1]].name + "'",
                                        current.begin);
        }
    }
    ParsedShard sorted;
    sorted.metadata = std::move(parsed.metadata);
    for (const std::size_t i : order) {
        sorted.entries.push_back(std::move(parsed.entries[i]));
        sorted.locations.push_back(parsed.locations[i]);
    }
    return sorted;
}

class SafetensorsArchive final : public TensorArchive
{
public:
    explicit SafetensorsArchive(std::string path)
        : TensorArchive(std::move(path), ArchiveFormat::Safetensors)
    {}

    Result<LoadedTensor> loadEntry(std::size_t index) override
    {
        const TensorEntry& entry = m_entries.at(index);
        const Location& location = m_locations.at(index);
        const MappedFile& shard = m_shards.at(location.shard);
        if (!location.dtype) {
            return archive::tensorError(location.refusal, shard.path(), entry.name,
                                        entry.unsupported);
        }
        const auto bytes = shard.bytes().subspan(location.begin, location.end - location.begin);
        LoadedTensor loaded;
        loaded.tensor.name = entry.name;
        loaded.tensor.shape = entry.shape;
        loaded.tensor.sourceDtype = *location.dtype;
        loaded.tensor.values = archive::convertAll(bytes, *location.dtype, ByteOrder::Little);
        return loaded;
    }

    std::optional<StoredBytes> stored(std::size_t index) const override
    {
        const Location& location = m_locations.at(index);
        if (!location.dtype) {
            return std::nullopt;
        }
        return StoredBytes{m_shards.at(location.shard)
                               .bytes()
                               .subspan(location.begin, location.end - location.begin),
                           *location.dtype, ByteOrder::Little};
    }

    void addShard(MappedFile file, ParsedShard parsed)
    {
        m_shards.push_back(std::move(file));
        for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
            m_entries.push_back(std::move(parsed.entries[i]));
            m_locations.push_back(parsed.locations[i]);
        }
        for (auto& item : parsed.metadata) {
            m_metadata.push_back(std::move(item));
        }
    }

    std::size_t shardCount() const { return m_shards.size(); }

private:
    std::vector<MappedFile> m_shards;
    std::vector<Location> m_locations;
};

} // namespace

Result<std::unique_ptr<TensorArchive>> openSafetensors(const std::string& path)
{
    auto file = MappedFile::open(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    auto parsed = parseShard(*file, 0);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    auto archive = std::make_unique<SafetensorsArchive>(path);
    archive->addShard(std::move(*file), std::move(*parsed));
    return archive;
}

Result<std::unique_ptr<TensorArchive>> openSafetensorsIndex(const std::string& indexPath)
{
    auto text = readTextFile(indexPath, kMaxIndexBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    if (auto ok = checkJsonNesting(*text, indexPath); !ok) {
        return std::unexpected(ok.error());
    }
    const json index = json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (index.is_discarded() || !index.is_object() || !index.contains("weight_map") ||
        !index["weight_map"].is_object()) {
        return fail(ErrorCode::BadHeader,
                    index.is_discarded() ? "not valid JSON"
                                         : "a safetensors index needs a \"weight_map\" object",
                    indexPath);
    }
    const std::filesystem::path folder = std::filesystem::path(indexPath).parent_path();

    // Shards in order of first mention; each opened and validated once.
    std::vector<std::string> shardNames;
    std::map<std::string, std::vector<std::string>> namesByShard;
    for (const auto& [name, shard] : index["weight_map"].items()) {
        if (!shard.is_string()) {
            return archive::tensorError(ErrorCode::BadHeader, indexPath, name,
                                        "its weight_map entry is not a file name");
        }
        const auto shardName = shard.get<std::string>();
        if (std::filesystem::path(shardName).has_parent_path() ||
            shardName.find("..") != std::string::npos) {
            return archive::tensorError(ErrorCode::BadHeader, indexPath, name,
                                        "shard '" + shardName +
                                            "' is not a file name beside the index");
        }
        if (!namesByShard.contains(shardName)) {
            shardNames.push_back(shardName);
        }
        namesByShard[shardName].push_back(name);
    }

    auto archive = std::make_unique<SafetensorsArchive>(indexPath);
    for (const std::string& shardName : shardNames) {
        auto file = MappedFile::open((folder / shardName).string());
        if (!file) {
            Error error = file.error();
            error.message = "shard named by " + indexPath + ": " + error.message;
            return std::unexpected(error);
        }
        auto parsed = parseShard(*file, archive->shardCount());
        if (!parsed) {
            return std::unexpected(parsed.error());
        }
        // One pass over the shard's names, then a hash lookup per name the index maps to it:
        // an index of 10^5 names stays linear.
        std::unordered_set<std::string_view> held;
        held.reserve(parsed->entries.size());
        for (const TensorEntry& entry : parsed->entries) {
            held.insert(entry.name);
        }
        for (const std::string& name : namesByShard[shardName]) {
            if (!held.contains(name)) {
                return archive::tensorError(ErrorCode::TensorNotFound, indexPath, name,
                                            "the index maps it to '" + shardName +
                                                "', which does not hold it");
            }
        }
        archive->addShard(std::move(*file), std::move(*parsed));
    }
    return archive;
}

} // namespace qs
