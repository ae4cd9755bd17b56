#include "io/value_source.h"

#include "common/parallel_chunks.h"
#include "ggml/block_codec.h"

namespace qs {

ValueSource ValueSource::floats(std::span<const float> values)
{
    ValueSource source;
    source.m_floats = values;
    source.m_count = values.size();
    return source;
}

ValueSource ValueSource::stored(std::span<const std::byte> bytes, Dtype dtype, ByteOrder order)
{
    ValueSource source;
    source.m_bytes = bytes;
    source.m_dtype = dtype;
    source.m_order = order;
    source.m_count = bytes.size() / dtypeSize(dtype);
    return source;
}

ValueSource ValueSource::ggmlBlocks(std::span<const std::byte> blocks, const ggml::TypeInfo& type)
{
    ValueSource source;
    source.m_bytes = blocks;
    source.m_blockType = &type;
    source.m_count = blocks.size() / type.blockBytes * type.blockValues;
    return source;
}

std::span<const float> ValueSource::read(SliceRange range, std::vector<float>& scratch) const
{
    if (m_bytes.empty()) {
        return m_floats.subspan(range.begin, range.size());
    }
    if (m_blockType != nullptr) {
        const std::size_t perBlock = m_blockType->blockValues;
        const std::size_t first = range.begin / perBlock;
        const std::size_t last = (range.end + perBlock - 1) / perBlock;
        scratch.resize((last - first) * perBlock);
        ggml::dequantizeBlocks(*m_blockType,
                               m_bytes.subspan(first * m_blockType->blockBytes,
                                               (last - first) * m_blockType->blockBytes),
                               scratch);
        return std::span<const float>(scratch).subspan(range.begin - first * perBlock,
                                                       range.size());
    }
    scratch.resize(range.size());
    const std::size_t itemSize = dtypeSize(m_dtype);
    convertToFloat(m_bytes.subspan(range.begin * itemSize, range.size() * itemSize), m_dtype,
                   m_order, scratch);
    return scratch;
}

std::vector<SliceRange> evenSlices(std::size_t count, std::size_t sliceSize)
{
    std::vector<SliceRange> slices;
    for (std::size_t begin = 0; begin < count; begin += sliceSize) {
        slices.push_back({begin, std::min(count, begin + sliceSize)});
    }
    return slices;
}

void forEachSlice(const ValueSource& source, std::span<const SliceRange> slices, unsigned threads,
                  const std::function<void(unsigned, std::size_t, std::span<const float>)>& work)
{
    std::vector<std::vector<float>> scratch(std::max(1u, threads));
    const ChunkPlan plan{slices.size(), 1};
    forEachChunk(plan, threads, [&](unsigned worker, std::size_t slice) {
        work(worker, slice, source.read(slices[slice], scratch[worker]));
    });
}

} // namespace qs
