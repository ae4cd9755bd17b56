#include "io/archive_support.h"

#include "common/parallel_chunks.h"

namespace qs::archive {

std::optional<std::uint64_t> byteSize(const Shape& shape, std::size_t itemSize)
{
    const auto count = elementCount(shape, UINT64_MAX / itemSize);
    if (!count) {
        return std::nullopt;
    }
    return *count * itemSize;
}

std::unexpected<Error> tensorError(ErrorCode code, const std::string& path,
                                   const std::string& tensor, const std::string& message,
                                   std::optional<std::uint64_t> offset)
{
    return fail(code, "tensor '" + tensor + "': " + message, path, offset);
}

TensorEntry makeEntry(std::string name, Shape shape, Dtype dtype)
{
    TensorEntry entry;
    entry.name = std::move(name);
    entry.count = elementCount(shape).value_or(0);
    entry.bytes = entry.count * dtypeSize(dtype);
    entry.shape = std::move(shape);
    entry.dtype = std::string(dtypeName(dtype));
    entry.floating = isFloatingDtype(dtype);
    return entry;
}

std::vector<float> convertAll(std::span<const std::byte> bytes, Dtype dtype, ByteOrder order)
{
    const std::size_t itemSize = dtypeSize(dtype);
    std::vector<float> values(bytes.size() / itemSize);
    const ChunkPlan plan{values.size(), kDefaultChunkSize * 4};
    forEachChunk(plan, resolveThreadCount(values.size(), 0),
                 [&](unsigned /*worker*/, std::size_t chunk) {
                     const std::size_t begin = plan.begin(chunk);
                     const std::size_t end = plan.end(chunk);
                     convertToFloat(bytes.subspan(begin * itemSize, (end - begin) * itemSize),
                                    dtype, order, std::span(values).subspan(begin, end - begin));
                 });
    return values;
}

bool isFloatingDtype(Dtype dtype)
{
    switch (dtype) {
    case Dtype::Float16:
    case Dtype::BFloat16:
    case Dtype::Float32:
    case Dtype::Float64:
    case Dtype::Float8E4M3:
    case Dtype::Float8E5M2:
        return true;
    default:
        return false;
    }
}

} // namespace qs::archive
