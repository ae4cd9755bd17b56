#include "analysis/ggml_scale_usage.h"

#include "ggml/block_scales.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace qs {
namespace {

SubScaleCounts emptyCounts(std::int32_t first, std::int32_t last, std::int32_t bias, int bits)
{
    SubScaleCounts counts;
    counts.first = first;
    counts.bias = bias;
    counts.bits = bits;
    counts.counts.assign(static_cast<std::size_t>(last - first + 1), 0);
    counts.lowest = last;
    counts.highest = first;
    return counts;
}

void countCode(SubScaleCounts& counts, std::int32_t code)
{
    const std::int32_t last = counts.first + static_cast<std::int32_t>(counts.counts.size()) - 1;
    code = std::clamp(code, counts.first, last); // the fields hold no other codes
    ++counts.counts[static_cast<std::size_t>(code - counts.first)];
    counts.lowest = std::min(counts.lowest, code);
    counts.highest = std::max(counts.highest, code);
}

// E8M0 or UE4M3: the stored byte of every scale field.
ScaleUsage countScaleBytes(const ggml::TypeInfo& type, std::span<const std::byte> blocks,
                           ScaleStorageKind storage)
{
    ScaleUsage usage;
    usage.storage = storage;
    const std::size_t grids =
        blocks.size() / type.blockBytes * (type.blockValues / type.gridValues);
    usage.blocks = grids;
    usage.lowestCode = 255;
    usage.highestCode = 0;
    for (std::size_t g = 0; g < grids; ++g) {
        const std::int32_t code = ggml::readGridScaleFields(type, blocks, g).dBits;
        ++usage.codeCounts[static_cast<std::size_t>(code)];
        usage.lowestCode = std::min(usage.lowestCode, code);
        usage.highestCode = std::max(usage.highestCode, code);
    }
    return usage;
}

} // namespace

ScaleStorageKind ggmlScaleStorage(const ggml::TypeInfo& type)
{
    switch (ggml::scaleLayoutOf(type).storage) {
    case ggml::BlockScaleStorage::E8M0:
        return ScaleStorageKind::E8M0;
    case ggml::BlockScaleStorage::UE4M3:
        return ScaleStorageKind::E4M3;
    case ggml::BlockScaleStorage::Fp16:
        break;
    }
    return ScaleStorageKind::Fp16;
}

ScaleUsage ggmlScaleUsage(const ggml::TypeInfo& type, std::span<const std::byte> blocks,
                          std::size_t valueBins)
{
    assert(type.kind == ggml::TypeKind::Block && blocks.size() % type.blockBytes == 0);
    const ScaleStorageKind storage = ggmlScaleStorage(type);
    if (blocks.empty()) {
        ScaleUsage usage;
        usage.storage = storage;
        return usage;
    }
    if (storage != ScaleStorageKind::Fp16) {
        return countScaleBytes(type, blocks, storage);
    }
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type);
    const std::size_t blockCount = blocks.size() / type.blockBytes;
    const std::size_t gridsPerBlock = type.blockValues / type.gridValues;
    ScaleUsage usage;
    usage.storage = storage;
    usage.blocks = blockCount;
    if (layout.hasSubScales()) {
        usage.subScales = emptyCounts(layout.subScaleLowest, layout.subScaleHighest,
                                      layout.subScaleBias, layout.subScaleBits);
        if (layout.hasSubMinimums) {
            usage.subMinimums = emptyCounts(0, layout.subScaleHighest, 0, layout.subScaleBits);
        }
    }
    std::vector<double> d(blockCount);
    std::vector<double> minimums(layout.hasMinimum ? blockCount : 0);
    for (std::size_t b = 0; b < blockCount; ++b) {
        for (std::size_t j = 0; j < gridsPerBlock; ++j) {
            const ggml::GridScaleFields fields =
                ggml::readGridScaleFields(type, blocks, b * gridsPerBlock + j);
            if (j == 0) { // d and the minimum are the block's, the same for all its grids
                d[b] = fields.d;
                if (layout.hasMinimum) {
                    minimums[b] = fields.minimum;
                }
            }
            if (!usage.subScales.empty()) {
                countCode(usage.subScales, fields.subScale);
            }
            if (!usage.subMinimums.empty()) {
                countCode(usage.subMinimums, fields.subMinimum);
            }
        }
    }
    usage.values = binScaleValues(d, valueBins);
    if (layout.hasMinimum) {
        usage.minimums = binScaleValues(minimums, valueBins);
    }
    return usage;
}

} // namespace qs
