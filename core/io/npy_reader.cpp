#include "io/npy_reader.h"

#include "io/element_reader.h"
#include "io/tensor_layout.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <vector>

namespace qs {
namespace {

std::uint32_t littleEndian(std::span<const std::byte> bytes)
{
    std::uint32_t value = 0;
    for (std::size_t i = bytes.size(); i-- > 0;) {
        value = (value << 8) | std::to_integer<std::uint32_t>(bytes[i]);
    }
    return value;
}

// Errors raised below carry no file name; the caller's reader knows it.
Error inFile(Error error, const ByteReader& reader)
{
    if (error.file.empty()) {
        error.file = reader.name();
    }
    return error;
}

Result<NpyHeader> readHeaderImpl(ByteReader& reader)
{
    if (reader.size() == 0) {
        return fail(ErrorCode::Truncated, "file is empty (0 bytes), not an .npy array");
    }
    std::array<std::byte, 8> prefix{};
    if (reader.size() < prefix.size()) {
        return fail(ErrorCode::Truncated,
                    "file is only " + std::to_string(reader.size()) +
                        " bytes, too short for an .npy header",
                    {}, 0);
    }
    if (auto ok = reader.read(prefix); !ok) {
        return std::unexpected(ok.error());
    }
    if (!std::equal(kNpyMagic.begin(), kNpyMagic.end(), prefix.begin(),
                    [](char c, std::byte b) { return static_cast<std::byte>(c) == b; })) {
        return fail(ErrorCode::BadMagic, "not an .npy file (missing the \\x93NUMPY magic)", {}, 0);
    }
    const int major = std::to_integer<int>(prefix[6]);
    if (major < 1 || major > 3) {
        return fail(ErrorCode::BadHeader,
                    "unsupported .npy format version " + std::to_string(major) + "." +
                        std::to_string(std::to_integer<int>(prefix[7])),
                    {}, 6);
    }
    std::array<std::byte, 4> lengthBytes{};
    const std::size_t lengthSize = major == 1 ? 2 : 4;
    if (auto ok = reader.read(std::span(lengthBytes).first(lengthSize)); !ok) {
        return std::unexpected(ok.error());
    }
    const std::uint64_t headerLength = littleEndian(std::span(lengthBytes).first(lengthSize));
    const std::uint64_t dictOffset = reader.position();
    if (headerLength > reader.remaining()) {
        return fail(ErrorCode::Truncated,
                    "header length " + std::to_string(headerLength) +
                        " runs past the end of the file (" + std::to_string(reader.size()) +
                        " bytes)",
                    {}, 8);
    }
    std::string dict(headerLength, '\0');
    if (auto ok = reader.read(std::as_writable_bytes(std::span(dict))); !ok) {
        return std::unexpected(ok.error());
    }
    auto header = parseNpyHeaderDict(dict, dictOffset);
    if (!header) {
        return header;
    }
    header->majorVersion = major;
    header->dataOffset = reader.position();

    const std::size_t itemSize = dtypeSize(header->dtype.dtype);
    const auto count = elementCount(header->shape, UINT64_MAX / itemSize);
    if (!count) {
        return fail(ErrorCode::TooLarge,
                    "shape " + shapeToString(header->shape) + " overflows the element count", {},
                    dictOffset);
    }
    const std::uint64_t needed = *count * itemSize;
    if (needed > reader.remaining()) {
        return fail(ErrorCode::Truncated,
                    "shape " + shapeToString(header->shape) + " of " +
                        std::string(dtypeName(header->dtype.dtype)) + " needs " +
                        std::to_string(needed) + " data bytes but only " +
                        std::to_string(reader.remaining()) + " follow the header",
                    {}, header->dataOffset);
    }
    return header;
}

} // namespace

Result<NpyHeader> readNpyHeader(ByteReader& reader)
{
    auto header = readHeaderImpl(reader);
    if (!header) {
        return std::unexpected(inFile(header.error(), reader));
    }
    return header;
}

Result<LoadedTensor> readNpy(ByteReader& reader, const std::string& tensorName)
{
    auto header = readNpyHeader(reader);
    if (!header) {
        return std::unexpected(header.error());
    }
    const std::uint64_t count = *elementCount(header->shape); // validated by readNpyHeader

    LoadedTensor loaded;
    Tensor& tensor = loaded.tensor;
    tensor.name = tensorName;
    tensor.shape = header->shape;
    tensor.sourceDtype = header->dtype.dtype;
    tensor.values.resize(count);

    if (auto ok = readElements(reader, header->dtype.dtype, header->dtype.order, tensor.values);
        !ok) {
        return std::unexpected(inFile(ok.error(), reader));
    }
    if (header->fortranOrder && tensor.shape.size() > 1) {
        tensor.values = fortranToC(tensor.values, tensor.shape);
    }
    if (reader.remaining() > 0) {
        loaded.warnings.push_back(makeWarning(
            WarningCode::TrailingData,
            QS_TRANSLATABLE("Warning", "%1: %2 bytes after the array data were ignored"),
            {reader.name(), std::to_string(reader.remaining())}));
    }
    return loaded;
}

Result<LoadedTensor> readNpyFile(const std::string& path)
{
    auto reader = FileByteReader::open(path);
    if (!reader) {
        return std::unexpected(reader.error());
    }
    return readNpy(*reader, std::filesystem::path(path).stem().string());
}

} // namespace qs
