// The legacy .dat importance matrix (llama-imatrix --output-format dat), as llama-quantize's
// load_legacy_imatrix reads it; the layout and the rules are in io/imatrix_file.h.

#include "io/archive_support.h"
#include "io/imatrix_parts.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace qs::imatrix_detail {
namespace {

// A legacy entry holds at least its name length, call count, value count and one value.
constexpr std::uint64_t kMinDatEntryBytes = 16;

std::vector<float> floatsFrom(std::span<const std::byte> bytes)
{
    std::vector<float> values(bytes.size() / sizeof(float));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
    if constexpr (std::endian::native == std::endian::big) {
        for (float& v : values) {
            v = std::bit_cast<float>(std::byteswap(std::bit_cast<std::uint32_t>(v)));
        }
    }
    return values;
}

Result<void> readDatEntry(Cursor& cursor, std::int32_t index, ImportanceMatrix& m)
{
    const std::uint64_t start = cursor.offset();
    const std::string label = "entry " + std::to_string(index + 1);
    auto length = cursor.read<std::int32_t>("the name length of " + label);
    if (!length) {
        return std::unexpected(length.error());
    }
    if (*length < 0) {
        return fail(ErrorCode::BadHeader,
                    label + ": name length " + std::to_string(*length) + " is negative", m.path,
                    start);
    }
    auto stored = cursor.take(static_cast<std::uint64_t>(*length), "the name of " + label);
    if (!stored) {
        return std::unexpected(stored.error());
    }
    // llama-quantize reads the name as a C string: it ends at the first NUL.
    const char* text = reinterpret_cast<const char*>(stored->data());
    std::string name(text, std::find(text, text + stored->size(), '\0'));
    const std::string what = label + " ('" + name + "')";
    auto ncall = cursor.read<std::int32_t>("the call count of " + what);
    auto count = ncall ? cursor.read<std::int32_t>("the value count of " + what)
                       : Result<std::int32_t>(std::unexpected(ncall.error()));
    if (!count) {
        return std::unexpected(count.error());
    }
    if (*count < 1) {
        return archive::tensorError(ErrorCode::BadHeader, m.path, name,
                                    "the entry holds " + std::to_string(*count) +
                                        " values; llama-quantize needs at least 1",
                                    cursor.offset() - 4);
    }
    auto bytes =
        cursor.take(static_cast<std::uint64_t>(*count) * sizeof(float), "the values of " + what);
    if (!bytes) {
        return std::unexpected(bytes.error());
    }
    std::vector<float> weights = floatsFrom(*bytes);
    // The stored values are ncall × the mean of x²: llama-quantize divides by ncall when it is
    // positive and takes them as they are otherwise.
    if (*ncall > 0) {
        const auto divisor = static_cast<float>(*ncall);
        for (float& w : weights) {
            w /= divisor;
        }
    }
    if (auto ok = checkWeights(weights, m.path, name); !ok) {
        return ok;
    }
    m.entries.insert_or_assign(std::move(name), std::move(weights)); // a repeated name: the last
    return {};
}

// The chunk count and the dataset name llama-imatrix appends after the entries.
Result<void> readDatTrailer(Cursor& cursor, ImportanceMatrix& m)
{
    auto chunks = cursor.read<std::int32_t>("the chunk count after the entries");
    if (!chunks) {
        return std::unexpected(chunks.error());
    }
    if (*chunks < 0) {
        return fail(ErrorCode::BadHeader,
                    "the chunk count after the entries is negative (" + std::to_string(*chunks) +
                        ")",
                    m.path, cursor.offset() - 4);
    }
    auto length = cursor.read<std::int32_t>("the dataset name length");
    if (!length) {
        return std::unexpected(length.error());
    }
    if (*length < 0) {
        return fail(ErrorCode::BadHeader,
                    "the dataset name length " + std::to_string(*length) + " is negative", m.path,
                    cursor.offset() - 4);
    }
    auto name = cursor.take(static_cast<std::uint64_t>(*length), "the dataset name");
    if (!name) {
        return std::unexpected(name.error());
    }
    m.chunks = *chunks;
    m.datasets = {std::string(reinterpret_cast<const char*>(name->data()), name->size())};
    return {};
}

} // namespace

Result<ImportanceMatrix> readDat(std::span<const std::byte> bytes, const std::string& path)
{
    ImportanceMatrix m{path, "dat", {}, {}, 0};
    Cursor cursor(bytes, path);
    auto entries = cursor.read<std::int32_t>(
        "the entry count (read as a legacy .dat importance matrix: the file has no GGUF magic)");
    if (!entries) {
        return std::unexpected(entries.error());
    }
    if (*entries < 1) {
        return fail(ErrorCode::BadHeader,
                    "read as a legacy .dat importance matrix (the file has no GGUF magic), it "
                    "claims " +
                        std::to_string(*entries) + " entries; llama-quantize needs at least 1",
                    path, 0);
    }
    if (static_cast<std::uint64_t>(*entries) > cursor.remaining() / kMinDatEntryBytes) {
        return fail(ErrorCode::Truncated,
                    "read as a legacy .dat importance matrix (the file has no GGUF magic), it "
                    "claims " +
                        std::to_string(*entries) + " entries, more than its " +
                        std::to_string(cursor.remaining()) + " remaining bytes can hold",
                    path, 0);
    }
    for (std::int32_t i = 0; i < *entries; ++i) {
        if (auto ok = readDatEntry(cursor, i, m); !ok) {
            return std::unexpected(ok.error());
        }
    }
    // Files from before the trailer end here; llama-quantize reads it when any byte follows.
    if (cursor.remaining() > 0) {
        if (auto ok = readDatTrailer(cursor, m); !ok) {
            return std::unexpected(ok.error());
        }
    }
    return m;
}

} // namespace qs::imatrix_detail
