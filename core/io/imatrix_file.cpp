#include "io/imatrix_file.h"

#include "io/archive_support.h"
#include "io/imatrix_parts.h"
#include "io/mapped_file.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <new>

namespace qs {
namespace {

constexpr std::uint32_t kGgufMagic = 0x46554747; // "GGUF" little-endian

} // namespace

namespace imatrix_detail {

std::string valueText(float value)
{
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

Result<void> checkWeights(const std::vector<float>& weights, const std::string& path,
                          const std::string& tensor)
{
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (!std::isfinite(weights[i]) || weights[i] < 0) {
            return archive::tensorError(
                ErrorCode::BadValue, path, tensor,
                "weight " + std::to_string(i) + " is " + valueText(weights[i]) +
                    "; importance weights must be finite and non-negative (llama-quantize does "
                    "not check them, and ggml's quantizers would compute bad scales from it)");
        }
    }
    return {};
}

} // namespace imatrix_detail

Result<ImportanceMatrix> readImportanceMatrix(const std::string& path)
{
    auto file = MappedFile::open(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    const auto bytes = file->bytes();
    std::uint32_t magic = 0;
    if (bytes.size() >= sizeof magic) {
        std::memcpy(&magic, bytes.data(), sizeof magic);
        if constexpr (std::endian::native == std::endian::big) {
            magic = std::byteswap(magic);
        }
    }
    try {
        return magic == kGgufMagic ? imatrix_detail::readGguf(bytes, path)
                                   : imatrix_detail::readDat(bytes, path);
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::TooLarge,
                    "out of memory holding its " + formatBytes(bytes.size()) + " of weights", path);
    }
}

Result<std::span<const float>> importanceFor(const ImportanceMatrix& m, std::string_view name,
                                             std::size_t rowLength, std::size_t matrices)
{
    const auto it = m.entries.find(name);
    if (it == m.entries.end()) {
        return fail(ErrorCode::TensorNotFound, "no entry for tensor '" + std::string(name) + "'",
                    m.path);
    }
    const std::size_t held = it->second.size();
    const bool fits = rowLength != 0 && matrices != 0 && rowLength <= SIZE_MAX / matrices &&
                      held == rowLength * matrices;
    if (!fits) {
        return archive::tensorError(
            ErrorCode::InvalidArgument, m.path, std::string(name),
            "the importance matrix holds " + std::to_string(held) +
                " weights but the tensor needs " + std::to_string(rowLength) + " × " +
                std::to_string(matrices) + " (rows of " + std::to_string(rowLength) + " values, " +
                std::to_string(matrices) + (matrices == 1 ? " matrix)" : " matrices)"));
    }
    return std::span<const float>(it->second);
}

} // namespace qs
