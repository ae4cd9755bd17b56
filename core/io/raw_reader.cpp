#include "io/raw_reader.h"

#include "io/byte_reader.h"
#include "io/element_reader.h"
#include "io/npy_format.h"

#include <filesystem>

namespace qs {

Result<RawSpec> rawSpecFromDtype(std::string_view dtype)
{
    RawSpec spec;
    if (const auto named = dtypeFromName(dtype); named && *named != Dtype::BFloat16) {
        spec.dtype = *named;
        return spec;
    }
    auto parsed = parseNpyDescr(dtype);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    spec.dtype = parsed->dtype;
    spec.order = parsed->order;
    return spec;
}

Result<LoadedTensor> readRawFile(const std::string& path, const RawSpec& spec)
{
    auto reader = FileByteReader::open(path);
    if (!reader) {
        return std::unexpected(reader.error());
    }
    const std::size_t itemSize = dtypeSize(spec.dtype);
    if (spec.offset > reader->size()) {
        return fail(ErrorCode::Truncated,
                    "offset " + std::to_string(spec.offset) + " lies past the end of the file (" +
                        std::to_string(reader->size()) + " bytes)",
                    path);
    }
    const std::uint64_t dataBytes = reader->size() - spec.offset;
    const std::string typeName(dtypeName(spec.dtype));
    if (dataBytes % itemSize != 0) {
        return fail(ErrorCode::BadHeader,
                    std::to_string(dataBytes) + " data bytes are not a whole number of " +
                        typeName + " values (" + std::to_string(itemSize) + " bytes each)",
                    path);
    }
    const std::uint64_t available = dataBytes / itemSize;
    Shape shape = spec.shape.value_or(Shape{static_cast<std::int64_t>(available)});
    const auto count = elementCount(shape, UINT64_MAX / itemSize);
    if (!count || *count != available) {
        return fail(ErrorCode::BadHeader,
                    "shape " + shapeToString(shape) + " does not match the file's " +
                        std::to_string(available) + " " + typeName + " values",
                    path);
    }
    if (available == 0) {
        return fail(ErrorCode::EmptyTensor, "file holds no data", path);
    }

    if (auto ok = reader->skip(spec.offset); !ok) {
        return std::unexpected(ok.error());
    }

    LoadedTensor loaded;
    loaded.tensor.name = std::filesystem::path(path).stem().string();
    loaded.tensor.shape = std::move(shape);
    loaded.tensor.sourceDtype = spec.dtype;
    loaded.tensor.values.resize(available);
    if (auto ok = readElements(*reader, spec.dtype, spec.order, loaded.tensor.values); !ok) {
        return std::unexpected(ok.error());
    }
    return loaded;
}

} // namespace qs
