// The GGUF importance matrix (llama-imatrix's default), as llama-quantize's load_imatrix reads
// it; the tensors, the metadata and the rules are in io/imatrix_file.h.

#include "io/archive_support.h"
#include "io/gguf_archive.h"
#include "io/imatrix_parts.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace qs::imatrix_detail {
namespace {

// GGML_MAX_NAME: ggml's GGUF reader refuses a tensor name of this many bytes or more, and with
// it the whole file.
constexpr std::size_t kGgmlMaxName = 64;
constexpr std::string_view kSumsSuffix = ".in_sum2";
constexpr std::string_view kCountsSuffix = ".counts";

// Success or the error of `result`, its value dropped.
template <typename T> Result<void> status(const Result<T>& result)
{
    if (!result) {
        return std::unexpected(result.error());
    }
    return {};
}

// GGUF metadata value types, by id: the name and the size of a scalar (0: string, array).
struct GgufType
{
    const char* name;
    std::size_t size;
};
constexpr GgufType kGgufTypes[] = {{"uint8", 1},  {"int8", 1},  {"uint16", 2},  {"int16", 2},
                                   {"uint32", 4}, {"int32", 4}, {"float32", 4}, {"bool", 1},
                                   {"string", 0}, {"array", 0}, {"uint64", 8},  {"int64", 8},
                                   {"float64", 8}};
constexpr std::uint32_t kUInt32 = 4;
constexpr std::uint32_t kString = 8;
constexpr std::uint32_t kArray = 9;

std::size_t ggufScalarSize(std::uint32_t type)
{
    return type < std::size(kGgufTypes) ? kGgufTypes[type].size : 0;
}

std::string ggufTypeName(std::uint32_t type)
{
    return type < std::size(kGgufTypes) ? kGgufTypes[type].name : "type " + std::to_string(type);
}

// The metadata llama-quantize reads from an imatrix GGUF.
struct GgufImatrixKeys
{
    std::optional<std::string> type; // general.type
    std::optional<std::vector<std::string>> datasets;
    std::optional<std::uint32_t> chunkCount;
    std::optional<std::uint32_t> chunkSize;
};

Result<void> skipGgufValue(Cursor& cursor, std::uint32_t type, const std::string& key)
{
    const std::string what = "the value of '" + key + "'";
    if (type == kString) {
        return status(cursor.readGgufString(what));
    }
    if (const std::size_t size = ggufScalarSize(type); size > 0) {
        return status(cursor.take(size, what));
    }
    if (type != kArray) {
        return cursor.error(ErrorCode::BadHeader,
                            "metadata '" + key + "' has unknown type " + std::to_string(type));
    }
    auto elementType = cursor.read<std::uint32_t>("the array type of '" + key + "'");
    auto length = elementType ? cursor.read<std::uint64_t>("the array length of '" + key + "'")
                              : Result<std::uint64_t>(std::unexpected(elementType.error()));
    if (!length) {
        return std::unexpected(length.error());
    }
    if (*elementType == kString) { // each one at least its 8-byte length: the loop is bounded
        for (std::uint64_t i = 0; i < *length; ++i) {
            if (auto text = cursor.readGgufString(what); !text) {
                return std::unexpected(text.error());
            }
        }
        return {};
    }
    const std::size_t size = ggufScalarSize(*elementType);
    if (size == 0) {
        return cursor.error(ErrorCode::BadHeader,
                            "metadata '" + key + "' is an array of " + ggufTypeName(*elementType));
    }
    if (*length > cursor.remaining() / size) {
        return cursor.error(ErrorCode::Truncated, what + " runs past the end of the file");
    }
    return status(cursor.take(*length * size, what));
}

Result<std::uint32_t> readGgufUInt32(Cursor& cursor, std::uint32_t type, const std::string& key)
{
    if (type != kUInt32) {
        return cursor.error(ErrorCode::BadHeader,
                            "metadata '" + key + "' is stored as " + ggufTypeName(type) +
                                "; llama-quantize reads it as uint32 (and stops otherwise)");
    }
    return cursor.read<std::uint32_t>("the value of '" + key + "'");
}

// A string array, or (as ggml's reader also answers for it) a single string.
Result<std::vector<std::string>> readGgufStrings(Cursor& cursor, std::uint32_t type,
                                                 const std::string& key)
{
    const std::string what = "a string of '" + key + "'";
    if (type == kString) {
        auto text = cursor.readGgufString(what);
        if (!text) {
            return std::unexpected(text.error());
        }
        return std::vector<std::string>{std::move(*text)};
    }
    auto elementType = type == kArray
                           ? cursor.read<std::uint32_t>("the array type of '" + key + "'")
                           : Result<std::uint32_t>(type);
    if (!elementType) {
        return std::unexpected(elementType.error());
    }
    if (type != kArray || *elementType != kString) {
        return cursor.error(ErrorCode::BadHeader,
                            "metadata '" + key + "' is " +
                                (type == kArray ? "an array of " + ggufTypeName(*elementType)
                                                : "stored as " + ggufTypeName(type)) +
                                "; llama-quantize reads it as strings (and stops otherwise)");
    }
    auto length = cursor.read<std::uint64_t>("the array length of '" + key + "'");
    if (!length) {
        return std::unexpected(length.error());
    }
    std::vector<std::string> strings; // grows with strings read, not with the claimed length
    for (std::uint64_t i = 0; i < *length; ++i) {
        auto text = cursor.readGgufString(what);
        if (!text) {
            return std::unexpected(text.error());
        }
        strings.push_back(std::move(*text));
    }
    return strings;
}

// Walks the metadata of a file openGguf has already validated, reading the keys' types and
// values (its listing keeps only their text), still checking every length it meets.
Result<GgufImatrixKeys> readGgufKeys(std::span<const std::byte> bytes, const std::string& path)
{
    Cursor cursor(bytes, path);
    auto header = cursor.take(4 + 4 + 8, "the header"); // magic, version, tensor count
    auto count = header ? cursor.read<std::uint64_t>("the metadata count")
                        : Result<std::uint64_t>(std::unexpected(header.error()));
    if (!count) {
        return std::unexpected(count.error());
    }
    GgufImatrixKeys keys;
    std::unordered_set<std::string> seen; // grows with keys read
    for (std::uint64_t k = 0; k < *count; ++k) {
        auto key = cursor.readGgufString("a metadata key");
        auto type = key ? cursor.read<std::uint32_t>("a metadata type")
                        : Result<std::uint32_t>(std::unexpected(key.error()));
        if (!type) {
            return std::unexpected(type.error());
        }
        if (!seen.insert(*key).second) {
            return cursor.error(ErrorCode::BadHeader, "metadata '" + *key +
                                                          "' appears twice (ggml's reader "
                                                          "refuses the file)");
        }
        Result<void> ok;
        if (*key == "general.type" && *type == kString) {
            auto value = cursor.readGgufString("the value of 'general.type'");
            ok = status(value);
            keys.type = value.value_or(std::string());
        } else if (*key == "imatrix.datasets") {
            auto value = readGgufStrings(cursor, *type, *key);
            ok = status(value);
            keys.datasets = std::move(value).value_or(std::vector<std::string>());
        } else if (*key == "imatrix.chunk_count" || *key == "imatrix.chunk_size") {
            auto value = readGgufUInt32(cursor, *type, *key);
            ok = status(value);
            (*key == "imatrix.chunk_count" ? keys.chunkCount : keys.chunkSize) = value.value_or(0);
        } else {
            ok = skipGgufValue(cursor, *type, *key);
        }
        if (!ok) {
            return std::unexpected(ok.error());
        }
    }
    return keys;
}

Result<void> checkGgufKeys(const GgufImatrixKeys& keys, const std::string& path)
{
    if (keys.type && *keys.type != "imatrix") {
        return fail(ErrorCode::BadHeader,
                    "a GGUF file of general.type '" + *keys.type +
                        "', not an importance matrix (general.type 'imatrix')",
                    path);
    }
    std::string missing;
    for (const auto& [present, key] :
         {std::pair{keys.datasets.has_value(), "imatrix.datasets"},
          std::pair{keys.chunkCount.has_value(), "imatrix.chunk_count"},
          std::pair{keys.chunkSize.has_value(), "imatrix.chunk_size"}}) {
        if (!present) {
            missing += (missing.empty() ? "" : ", ") + std::string(key);
        }
    }
    if (!missing.empty()) {
        return fail(ErrorCode::BadHeader,
                    "missing the imatrix metadata llama-quantize requires: " + missing, path);
    }
    return {};
}

struct SumsAndCounts
{
    std::optional<std::size_t> sums;   // index of NAME.in_sum2
    std::optional<std::size_t> counts; // index of NAME.counts
};

// The tensors by base name, with ggml's own refusals of a name (too long, twice).
Result<std::map<std::string, SumsAndCounts, std::less<>>> pairTensors(const TensorArchive& archive)
{
    std::map<std::string, SumsAndCounts, std::less<>> pairs;
    std::unordered_set<std::string_view> names;
    const auto& entries = archive.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string& name = entries[i].name;
        if (name.size() >= kGgmlMaxName) {
            return archive::tensorError(ErrorCode::BadHeader, archive.path(), name,
                                        "a name of " + std::to_string(name.size()) +
                                            " bytes; ggml's reader refuses names of " +
                                            std::to_string(kGgmlMaxName) + " or more");
        }
        if (!names.insert(name).second) {
            return archive::tensorError(ErrorCode::BadHeader, archive.path(), name,
                                        "appears twice (ggml's reader refuses the file)");
        }
        if (name.ends_with(kSumsSuffix)) {
            pairs[name.substr(0, name.size() - kSumsSuffix.size())].sums = i;
        } else if (name.ends_with(kCountsSuffix)) {
            pairs[name.substr(0, name.size() - kCountsSuffix.size())].counts = i;
        }
    }
    return pairs;
}

// weight[j·ne0 + i] = in_sum2[j·ne0 + i] / counts[j], or 1 where counts[j] is 0.
Result<std::vector<float>> ggufWeights(TensorArchive& archive, const std::string& name,
                                       const SumsAndCounts& pair)
{
    const std::string& path = archive.path();
    if (!pair.sums || !pair.counts) {
        const std::string_view has = pair.sums ? kSumsSuffix : kCountsSuffix;
        const std::string_view lacks = pair.sums ? kCountsSuffix : kSumsSuffix;
        return archive::tensorError(ErrorCode::BadHeader, path, name,
                                    "'" + name + std::string(has) + "' has no matching '" + name +
                                        std::string(lacks) + "'");
    }
    const TensorEntry& sums = archive.entries()[*pair.sums];
    const TensorEntry& counts = archive.entries()[*pair.counts];
    for (const TensorEntry* entry : {&sums, &counts}) {
        if (entry->dtype != "f32") {
            return archive::tensorError(ErrorCode::UnsupportedDtype, path, entry->name,
                                        "stored as " + entry->dtype +
                                            "; llama-quantize reads importance data as float32 "
                                            "whatever the type says, so only f32 is read");
        }
    }
    // ggml's ne[0] is the last of QuantScope's C-order shape, ne[1] the one before.
    const Shape& shape = sums.shape;
    const std::uint64_t ne0 = shape.empty() ? 1 : static_cast<std::uint64_t>(shape.back());
    const std::uint64_t ne1 =
        shape.size() < 2 ? 1 : static_cast<std::uint64_t>(shape[shape.size() - 2]);
    if (sums.count == 0) {
        return archive::tensorError(ErrorCode::BadHeader, path, sums.name, "holds no values");
    }
    if (sums.count != ne0 * ne1) {
        return archive::tensorError(ErrorCode::BadHeader, path, sums.name,
                                    "shape " + shapeToString(shape) +
                                        " has more than two dimensions; llama-imatrix writes "
                                        "[n_per_row, n_matrices] and llama-quantize reads only "
                                        "those two");
    }
    if (counts.count != ne1) {
        return archive::tensorError(ErrorCode::BadHeader, path, counts.name,
                                    "holds " + std::to_string(counts.count) + " counts but '" +
                                        sums.name + "' has " + std::to_string(ne1) + " slices of " +
                                        std::to_string(ne0) +
                                        "; llama-quantize reads one count per slice");
    }
    auto loadedSums = archive.load(*pair.sums);
    if (!loadedSums) {
        return std::unexpected(loadedSums.error());
    }
    auto loadedCounts = archive.load(*pair.counts);
    if (!loadedCounts) {
        return std::unexpected(loadedCounts.error());
    }
    std::vector<float> weights = std::move(loadedSums->tensor.values);
    const std::vector<float>& count = loadedCounts->tensor.values;
    for (std::uint64_t j = 0; j < ne1; ++j) {
        if (!std::isfinite(count[j]) || count[j] < 0) {
            return archive::tensorError(ErrorCode::BadValue, path, counts.name,
                                        "count " + std::to_string(j) + " is " +
                                            valueText(count[j]) +
                                            "; llama-imatrix writes token counts, finite and "
                                            "non-negative");
        }
        float* slice = weights.data() + j * ne0;
        for (std::uint64_t i = 0; i < ne0; ++i) {
            slice[i] = count[j] > 0 ? slice[i] / count[j] : 1.0f;
        }
    }
    if (auto ok = checkWeights(weights, path, name); !ok) {
        return std::unexpected(ok.error());
    }
    return weights;
}

} // namespace

Result<ImportanceMatrix> readGguf(std::span<const std::byte> bytes, const std::string& path)
{
    auto archive = openGguf(path); // the structure: lengths, dimensions, tensor data in the file
    if (!archive) {
        return std::unexpected(archive.error());
    }
    auto keys = readGgufKeys(bytes, path);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    if ((*archive)->entries().empty()) {
        return fail(ErrorCode::BadHeader,
                    "holds no tensors; an importance matrix has NAME.in_sum2 and NAME.counts",
                    path);
    }
    if (auto ok = checkGgufKeys(*keys, path); !ok) {
        return std::unexpected(ok.error());
    }
    auto pairs = pairTensors(**archive);
    if (!pairs) {
        return std::unexpected(pairs.error());
    }
    ImportanceMatrix m{path, "gguf", {}, std::move(*keys->datasets), *keys->chunkCount};
    for (const auto& [name, pair] : *pairs) {
        auto weights = ggufWeights(**archive, name, pair);
        if (!weights) {
            return std::unexpected(weights.error());
        }
        m.entries.emplace(name, std::move(*weights));
    }
    return m;
}

} // namespace qs::imatrix_detail
