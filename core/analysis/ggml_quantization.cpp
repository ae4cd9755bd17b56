#include "analysis/ggml_quantization.h"

#include "common/parallel_chunks.h"
#include "quant/ggml_formats.h"

#include <string>

namespace qs {
namespace {

// Rows per chunk so that a chunk holds about kDefaultChunkSize values (at least one row).
std::size_t rowsPerChunk(std::size_t rowLength)
{
    return std::max<std::size_t>(1, kDefaultChunkSize / rowLength);
}

void decodeInto(GgmlQuantization& q, const ggml::TypeInfo& type, unsigned threads)
{
    const std::size_t blockCount = q.blocks.size() / type.blockBytes;
    const std::size_t count = blockCount * type.blockValues;
    q.codes.resize(count);
    q.dequantized.resize(count);
    std::vector<ggml::SubBlockGrid> grids(count / type.gridValues);
    const ChunkPlan plan{blockCount,
                         std::max<std::size_t>(1, kDefaultChunkSize / type.blockValues)};
    forEachChunk(plan, resolveThreadCount(count, threads), [&](unsigned, std::size_t chunk) {
        const std::size_t first = plan.begin(chunk);
        const std::size_t blocks = plan.end(chunk) - first;
        const std::size_t values = blocks * type.blockValues;
        const std::size_t at = first * type.blockValues;
        ggml::decodeBlocks(
            type, std::span(q.blocks).subspan(first * type.blockBytes, blocks * type.blockBytes),
            std::span(q.codes).subspan(at, values),
            std::span(grids).subspan(at / type.gridValues, values / type.gridValues));
        for (std::size_t i = at; i < at + values; ++i) {
            q.dequantized[i] = ggml::dequantize(type, grids[i / type.gridValues], q.codes[i]);
        }
    });
    q.params = ggmlGridParams(type, grids);
}

} // namespace

Result<GgmlQuantization> quantizeToGgml(std::span<const float> values, std::size_t rowLength,
                                        const ggml::TypeInfo& type,
                                        std::span<const float> importance, unsigned threads,
                                        const ProgressFn& progress)
{
    if (type.kind != ggml::TypeKind::Block) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(type.name) + " is not a type QuantScope quantizes into");
    }
    if (auto ok = ggml::checkRowLength(type, rowLength); !ok) {
        return std::unexpected(ok.error());
    }
    if (values.size() % rowLength != 0) {
        return fail(ErrorCode::InvalidArgument, "the values are not a whole number of rows");
    }
    const std::size_t rows = values.size() / rowLength;
    const std::size_t matrices = importance.size() / rowLength;
    if (!importance.empty() && (importance.size() % rowLength != 0 || rows % matrices != 0)) {
        return fail(ErrorCode::InvalidArgument,
                    "the importance matrix holds " + std::to_string(importance.size()) +
                        " weights, not one per value of a row (" + std::to_string(rowLength) +
                        ") for each of the tensor's matrices");
    }
    const std::size_t rowsPerMatrix = importance.empty() ? rows : rows / matrices;
    GgmlQuantization q;
    const std::size_t rowBytes = rowLength / type.blockValues * type.blockBytes;
    q.blocks.resize(rows * rowBytes);
    const ChunkPlan plan{rows, rowsPerChunk(rowLength)};
    const bool finished = forEachChunk(
        plan, resolveThreadCount(values.size(), threads),
        [&](unsigned, std::size_t chunk) {
            // Row by row: the rows of one chunk may belong to two matrices of an expert tensor.
            for (std::size_t row = plan.begin(chunk); row < plan.end(chunk); ++row) {
                const auto weights =
                    importance.empty()
                        ? importance
                        : importance.subspan(row / rowsPerMatrix * rowLength, rowLength);
                ggml::quantizeRows(type, values.subspan(row * rowLength, rowLength), rowLength,
                                   std::span(q.blocks).subspan(row * rowBytes, rowBytes), weights);
            }
        },
        progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    decodeInto(q, type, threads);
    return q;
}

Result<GgmlQuantization> decodeGgml(std::span<const std::byte> blocks, const ggml::TypeInfo& type,
                                    unsigned threads)
{
    if (type.kind != ggml::TypeKind::Block || blocks.size() % type.blockBytes != 0) {
        return fail(ErrorCode::InvalidArgument,
                    "the data is not a whole number of " + std::string(type.name) + " blocks");
    }
    GgmlQuantization q;
    q.blocks.assign(blocks.begin(), blocks.end());
    decodeInto(q, type, threads);
    return q;
}

} // namespace qs
