#pragma once
// The tensors of several files as one archive (a model folder's shards or weight files), each
// entry answered by the file that holds it; and, for GPTQ and AWQ checkpoints, one more entry
// per packed layer, `<module>.weight`, decoded from its qweight, qzeros, scales and g_idx
// (io/packed_layers.h) and marked already quantized. Internal to core/io.

#include "io/packed_layers.h"
#include "io/tensor_archive.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qs {

class FolderArchive final : public TensorArchive
{
public:
    FolderArchive(std::string folder, ArchiveFormat format);

    void addMetadata(std::string key, std::string value);
    // Its entries are appended; the first file's metadata too.
    void addFile(std::unique_ptr<TensorArchive> file);
    // A `<module>.weight` entry for every `<module>.qweight` with its qzeros and scales (after
    // the files are added). Parts that do not fit make the entry unsupported, with the reason.
    void addPackedLayers(const PackedLayerFormat& format);

    std::optional<StoredBytes> stored(std::size_t index) const override;
    std::optional<StoredBlocks> storedBlocks(std::size_t index) const override;

protected:
    Result<LoadedTensor> loadEntry(std::size_t index) override;

private:
    struct PackedLayer
    {
        std::string module;
        std::size_t qweight = 0, qzeros = 0, scales = 0;
        std::optional<std::size_t> groupIndex;
    };
    Result<PackedLayerParts> partsOf(const PackedLayer& layer);

    std::vector<std::unique_ptr<TensorArchive>> m_parts;
    std::vector<std::pair<std::size_t, std::size_t>> m_where; // file, entry in it
    PackedLayerFormat m_packedFormat;
    std::vector<PackedLayer> m_packed; // entries from m_where.size() on
};

} // namespace qs
