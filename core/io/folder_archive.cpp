#include "io/folder_archive.h"

#include "io/archive_support.h"

namespace qs {

FolderArchive::FolderArchive(std::string folder, ArchiveFormat format)
    : TensorArchive(std::move(folder), format)
{}

void FolderArchive::addMetadata(std::string key, std::string value)
{
    m_metadata.emplace_back(std::move(key), std::move(value));
}

void FolderArchive::addFile(std::unique_ptr<TensorArchive> file)
{
    const std::size_t part = m_parts.size();
    for (std::size_t i = 0; i < file->entries().size(); ++i) {
        m_entries.push_back(file->entries()[i]);
        m_where.emplace_back(part, i);
    }
    if (m_parts.empty()) {
        for (const auto& item : file->metadata()) {
            m_metadata.push_back(item);
        }
    }
    m_parts.push_back(std::move(file));
}

void FolderArchive::addPackedLayers(const PackedLayerFormat& format)
{
    m_packedFormat = format;
    // Collected first and appended after: find() indexes the entries as they stand.
    std::vector<TensorEntry> decoded;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const std::string& name = m_entries[i].name;
        if (!name.ends_with(".qweight")) {
            continue;
        }
        PackedLayer layer;
        layer.module = name.substr(0, name.size() - 8);
        const auto qzeros = find(layer.module + ".qzeros");
        const auto scales = find(layer.module + ".scales");
        if (!qzeros || !scales || find(layer.module + ".weight")) {
            continue;
        }
        layer.qweight = i;
        layer.qzeros = *qzeros;
        layer.scales = *scales;
        layer.groupIndex = find(layer.module + ".g_idx");
        TensorEntry entry;
        entry.name = layer.module + ".weight";
        entry.dtype = packedLayerDtype(format);
        entry.floating = true;
        entry.alreadyQuantized = true;
        PackedLayerParts shapes;
        shapes.qweightShape = m_entries[i].shape;
        shapes.qzerosShape = m_entries[*qzeros].shape;
        shapes.scalesShape = m_entries[*scales].shape;
        if (auto shape = packedLayerShape(format, shapes, layer.module)) {
            entry.shape = *shape;
            entry.count = elementCount(*shape).value_or(0);
            entry.bytes = m_entries[i].bytes + m_entries[*qzeros].bytes + m_entries[*scales].bytes;
        } else {
            entry.unsupported = shape.error().message;
        }
        decoded.push_back(std::move(entry));
        m_packed.push_back(std::move(layer));
    }
    for (TensorEntry& entry : decoded) {
        m_entries.push_back(std::move(entry));
    }
}

std::optional<StoredBytes> FolderArchive::stored(std::size_t index) const
{
    if (index >= m_where.size()) {
        return std::nullopt; // a decoded layer has no bytes of its own
    }
    const auto [part, entry] = m_where.at(index);
    return m_parts[part]->stored(entry);
}

std::optional<StoredBlocks> FolderArchive::storedBlocks(std::size_t index) const
{
    if (index >= m_where.size()) {
        return std::nullopt;
    }
    const auto [part, entry] = m_where.at(index);
    return m_parts[part]->storedBlocks(entry);
}

Result<PackedLayerParts> FolderArchive::partsOf(const PackedLayer& layer)
{
    PackedLayerParts parts;
    const auto int32Bytes = [&](std::size_t index) -> Result<std::span<const std::byte>> {
        const auto bytes = stored(index);
        if (!bytes || bytes->dtype != Dtype::Int32 || bytes->order != ByteOrder::Little) {
            return archive::tensorError(ErrorCode::UnsupportedDtype, m_path, m_entries[index].name,
                                        "a packed part QuantScope decodes only as little-endian "
                                        "int32 stored in place");
        }
        return bytes->bytes;
    };
    auto qweight = int32Bytes(layer.qweight);
    auto qzeros = qweight ? int32Bytes(layer.qzeros) : qweight;
    if (!qzeros) {
        return std::unexpected(qzeros.error());
    }
    parts.qweight = *qweight;
    parts.qzeros = *qzeros;
    if (layer.groupIndex) {
        auto groups = int32Bytes(*layer.groupIndex);
        if (!groups) {
            return std::unexpected(groups.error());
        }
        parts.groupIndex = *groups;
    }
    auto scales = load(layer.scales); // float16: exact in float32
    if (!scales) {
        return std::unexpected(scales.error());
    }
    parts.scales = std::move(scales->tensor.values);
    parts.qweightShape = m_entries[layer.qweight].shape;
    parts.qzerosShape = m_entries[layer.qzeros].shape;
    parts.scalesShape = m_entries[layer.scales].shape;
    return parts;
}

Result<LoadedTensor> FolderArchive::loadEntry(std::size_t index)
{
    if (index < m_where.size()) {
        const auto [part, entry] = m_where.at(index);
        return m_parts[part]->load(entry);
    }
    const TensorEntry& entry = m_entries.at(index);
    if (!entry.unsupported.empty()) {
        return archive::tensorError(ErrorCode::BadHeader, m_path, entry.name, entry.unsupported);
    }
    const PackedLayer& layer = m_packed.at(index - m_where.size());
    auto parts = partsOf(layer);
    if (!parts) {
        return std::unexpected(parts.error());
    }
    auto decoded = decodePackedLayer(m_packedFormat, *parts, layer.module);
    if (!decoded) {
        return archive::tensorError(ErrorCode::BadHeader, m_path, entry.name,
                                    decoded.error().message);
    }
    LoadedTensor loaded;
    loaded.tensor.name = entry.name;
    loaded.tensor.shape = entry.shape;
    loaded.tensor.sourceDtype = Dtype::Int32;
    loaded.tensor.values = std::move(decoded->weight);
    loaded.warnings.push_back(makeWarning(
        WarningCode::AlreadyQuantized,
        QS_TRANSLATABLE("Warning", "%1 is stored quantized (%2: codes, zero points and scales "
                                   "per group): its values already sit on a grid"),
        {entry.name, entry.dtype}));
    return loaded;
}

} // namespace qs
