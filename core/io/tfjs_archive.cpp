#include "io/tfjs_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/json_nesting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

namespace qs {
namespace {

using nlohmann::json;

struct Quantization
{
    Dtype stored = Dtype::UInt8; // uint8, uint16 (codes) or float16
    double scale = 1;
    double min = 0;
};

struct Placement
{
    std::size_t group = 0;
    std::uint64_t offset = 0; // in the concatenation of the group's shards
    Dtype stored = Dtype::Float32;
    std::optional<Quantization> quantization;
    bool roundToInt = false; // an int32 weight stored quantized
};

std::optional<Dtype> tfjsDtype(std::string_view name)
{
    static const std::map<std::string_view, Dtype> names{
        {"float32", Dtype::Float32}, {"int32", Dtype::Int32}, {"float16", Dtype::Float16},
        {"bool", Dtype::Bool},       {"uint8", Dtype::UInt8}, {"uint16", Dtype::UInt16},
    };
    const auto it = names.find(name);
    return it == names.end() ? std::nullopt : std::optional(it->second);
}

class TfjsArchive final : public TensorArchive
{
public:
    explicit TfjsArchive(std::string path) : TensorArchive(std::move(path), ArchiveFormat::Tfjs) {}

    Result<void> scan(const json& manifest);
    Result<LoadedTensor> loadEntry(std::size_t index) override;

private:
    struct Shard
    {
        std::string path;
        std::uint64_t size = 0;
    };

    Result<void> scanGroup(const json& group, std::size_t groupIndex);
    Result<std::vector<std::byte>> readGroupBytes(std::size_t group, std::uint64_t offset,
                                                  std::uint64_t count) const;

    std::vector<std::vector<Shard>> m_groups;
    std::vector<Placement> m_placements;
};

Result<void> TfjsArchive::scan(const json& manifest)
{
    if (!manifest.is_array()) {
        return fail(ErrorCode::BadHeader, "\"weightsManifest\" must be an array of groups", m_path);
    }
    for (std::size_t g = 0; g < manifest.size(); ++g) {
        if (auto ok = scanGroup(manifest[g], g); !ok) {
            return ok;
        }
    }
    return {};
}

Result<void> TfjsArchive::scanGroup(const json& group, std::size_t groupIndex)
{
    const std::string where = "weights manifest group " + std::to_string(groupIndex);
    if (!group.is_object() || !group.contains("paths") || !group["paths"].is_array() ||
        !group.contains("weights") || !group["weights"].is_array()) {
        return fail(ErrorCode::BadHeader, where + " needs \"paths\" and \"weights\" arrays",
                    m_path);
    }
    const auto folder = std::filesystem::path(m_path).parent_path();
    std::vector<Shard> shards;
    std::uint64_t available = 0;
    for (const json& shardName : group["paths"]) {
        if (!shardName.is_string()) {
            return fail(ErrorCode::BadHeader, where + " lists a shard path that is not a string",
                        m_path);
        }
        const std::filesystem::path relative(shardName.get<std::string>());
        if (relative.is_absolute() ||
            std::ranges::any_of(relative, [](const auto& part) { return part == ".."; })) {
            return fail(ErrorCode::BadHeader,
                        where + " names shard '" + relative.string() +
                            "', which is not a file beside the manifest",
                        m_path);
        }
        const std::string shardPath = (folder / relative).string();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(shardPath, ec)) {
            return fail(ErrorCode::FileNotFound,
                        where + " names shard '" + shardName.get<std::string>() +
                            "', which is not beside the manifest",
                        m_path);
        }
        const std::uint64_t size = std::filesystem::file_size(shardPath, ec);
        shards.push_back({shardPath, size});
        available += size;
    }
    m_groups.push_back(std::move(shards));

    std::uint64_t offset = 0;
    std::string unreadableAfter; // a string weight makes every later offset unknowable
    for (const json& weight : group["weights"]) {
        if (!weight.is_object() || !weight.contains("name") || !weight["name"].is_string() ||
            !weight.contains("shape") || !weight["shape"].is_array() || !weight.contains("dtype") ||
            !weight["dtype"].is_string()) {
            return fail(ErrorCode::BadHeader,
                        where + " has a weight without \"name\", \"shape\" and \"dtype\"", m_path);
        }
        const auto name = weight["name"].get<std::string>();
        Shape shape;
        for (const json& dim : weight["shape"]) {
            if (!dim.is_number_unsigned()) {
                return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                            "shape holds " + dim.dump() +
                                                ", not a non-negative integer");
            }
            shape.push_back(static_cast<std::int64_t>(
                std::min<std::uint64_t>(dim.get<std::uint64_t>(), INT64_MAX)));
        }
        const auto dtypeText = weight["dtype"].get<std::string>();
        const auto dtype = tfjsDtype(dtypeText);

        TensorEntry entry;
        Placement placement{groupIndex, offset, dtype.value_or(Dtype::Float32), std::nullopt,
                            false};
        if (weight.contains("quantization")) {
            const json& q = weight["quantization"];
            const auto stored = q.is_object() && q.contains("dtype") && q["dtype"].is_string()
                                    ? tfjsDtype(q["dtype"].get<std::string>())
                                    : std::nullopt;
            if (!stored || (*stored != Dtype::UInt8 && *stored != Dtype::UInt16 &&
                            *stored != Dtype::Float16)) {
                return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                            "\"quantization\" needs a dtype of uint8, uint16 or "
                                            "float16");
            }
            placement.stored = *stored;
            if (*stored != Dtype::Float16) {
                if (!q.contains("scale") || !q["scale"].is_number() || !q.contains("min") ||
                    !q["min"].is_number()) {
                    return archive::tensorError(ErrorCode::BadHeader, m_path, name,
                                                "\"quantization\" needs numbers \"scale\" and "
                                                "\"min\"");
                }
                placement.quantization =
                    Quantization{*stored, q["scale"].get<double>(), q["min"].get<double>()};
                placement.roundToInt = dtype == Dtype::Int32;
            }
        }
        const auto bytes = archive::byteSize(shape, dtypeSize(placement.stored));
        if (!bytes) {
            return archive::tensorError(ErrorCode::TooLarge, m_path, name,
                                        "shape " + shapeToString(shape) +
                                            " overflows the element count");
        }
        entry = archive::makeEntry(name, shape, placement.stored);
        if (placement.quantization) {
            entry.dtype = dtypeText + " as " + std::string(dtypeName(placement.stored)) + " codes";
            entry.alreadyQuantized = true;
            entry.floating = dtype == Dtype::Float32;
        } else if (dtype == Dtype::Float32 && placement.stored == Dtype::Float16) {
            entry.dtype = "float32 as float16";
            entry.floating = true;
        }
        if (!dtype || dtype == Dtype::UInt8 || dtype == Dtype::UInt16) {
            entry.dtype = dtypeText;
            entry.unsupported = "TF.js dtype '" + dtypeText + "' is not read";
            if (dtypeText == "string" || dtypeText == "complex64") {
                unreadableAfter = name; // variable or unknown size: later offsets are unknown
            }
        } else if (!unreadableAfter.empty()) {
            entry.unsupported = "it follows '" + unreadableAfter +
                                "' in the manifest, whose byte size cannot be known";
        } else if (offset + *bytes > available) {
            return archive::tensorError(ErrorCode::Truncated, m_path, name,
                                        "needs bytes " + std::to_string(offset) + "–" +
                                            std::to_string(offset + *bytes) + " of " + where +
                                            ", whose shards hold only " +
                                            std::to_string(available) + " bytes");
        }
        // Offsets are summed with a check: an unread weight that claims 2^63 bytes must not
        // wrap the next weight's offset back to the start of the shards.
        if (*bytes > std::numeric_limits<std::uint64_t>::max() - offset) {
            return archive::tensorError(ErrorCode::TooLarge, m_path, name,
                                        "the weights up to it claim more than 2^64 bytes");
        }
        offset += *bytes;
        m_entries.push_back(std::move(entry));
        m_placements.push_back(placement);
    }
    return {};
}

Result<std::vector<std::byte>> TfjsArchive::readGroupBytes(std::size_t group, std::uint64_t offset,
                                                           std::uint64_t count) const
{
    std::vector<std::byte> bytes(count);
    std::uint64_t done = 0;
    std::uint64_t shardStart = 0;
    for (const Shard& shard : m_groups.at(group)) {
        const std::uint64_t shardEnd = shardStart + shard.size;
        const std::uint64_t want = offset + done;
        if (done < count && want < shardEnd) {
            auto reader = FileByteReader::open(shard.path);
            if (!reader) {
                return std::unexpected(reader.error());
            }
            const std::uint64_t n = std::min(count - done, shardEnd - want);
            if (auto ok = reader->skip(want - shardStart); !ok) {
                return std::unexpected(ok.error());
            }
            if (auto ok = reader->read(std::span(bytes).subspan(done, n)); !ok) {
                return std::unexpected(ok.error());
            }
            done += n;
        }
        shardStart = shardEnd;
    }
    if (done < count) { // a shard shrank since the manifest was checked
        return fail(ErrorCode::Truncated, "the group's shards end early", m_path);
    }
    return bytes;
}

Result<LoadedTensor> TfjsArchive::loadEntry(std::size_t index)
{
    const TensorEntry& entry = m_entries.at(index);
    if (!entry.unsupported.empty()) {
        return archive::tensorError(ErrorCode::UnsupportedDtype, m_path, entry.name,
                                    entry.unsupported);
    }
    const Placement& placement = m_placements.at(index);
    auto bytes = readGroupBytes(placement.group, placement.offset, entry.bytes);
    if (!bytes) {
        return std::unexpected(bytes.error());
    }
    LoadedTensor loaded;
    loaded.tensor.name = entry.name;
    loaded.tensor.shape = entry.shape;
    loaded.tensor.sourceDtype = placement.stored;
    loaded.tensor.values = archive::convertAll(*bytes, placement.stored, ByteOrder::Little);
    if (const auto& q = placement.quantization) {
        // TF.js dequantizes in double (JavaScript numbers) and stores float32.
        for (float& value : loaded.tensor.values) {
            const double real = static_cast<double>(value) * q->scale + q->min;
            value = static_cast<float>(placement.roundToInt ? std::round(real) : real);
        }
        loaded.warnings.push_back(makeWarning(
            WarningCode::AlreadyQuantized,
            QS_TRANSLATABLE("Warning", "%1 is stored quantized (%2 codes, scale %3, min %4): its "
                                       "values already sit on a grid"),
            {entry.name, std::string(dtypeName(q->stored)), std::to_string(q->scale),
             std::to_string(q->min)}));
    }
    return loaded;
}

} // namespace

Result<std::unique_ptr<TensorArchive>> openTfjs(const std::string& path, const std::string& text)
{
    if (auto ok = checkJsonNesting(text, path); !ok) {
        return std::unexpected(ok.error());
    }
    const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        return fail(ErrorCode::BadHeader, "not valid JSON", path);
    }
    const json* manifest = &document;
    if (document.is_object()) {
        if (!document.contains("weightsManifest")) {
            return fail(ErrorCode::BadHeader, "a TF.js model.json needs a \"weightsManifest\"",
                        path);
        }
        manifest = &document["weightsManifest"];
    }
    auto archive = std::make_unique<TfjsArchive>(path);
    if (auto ok = archive->scan(*manifest); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

} // namespace qs
