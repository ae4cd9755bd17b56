#include "io/imatrix_file.h"

#include "io/archive_support.h"
#include "io/gguf_archive.h"
#include "io/mapped_file.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <new>
#include <optional>
#include <unordered_set>

namespace qs {
namespace {

constexpr std::uint32_t kGgufMagic = 0x46554747; // "GGUF" little-endian
// GGML_MAX_NAME: ggml's GGUF reader refuses a tensor name of this many bytes or more, and with
// it the whole file.
constexpr std::size_t kGgmlMaxName = 64;
constexpr std::string_view kSumsSuffix = ".in_sum2";
constexpr std::string_view kCountsSuffix = ".counts";
// A legacy entry holds at least its name length, call count, value count and one value.
constexpr std::uint64_t kMinDatEntryBytes = 16;

// A bounds-checked little-endian reader over the mapped file.
class Cursor
{
public:
    Cursor(std::span<const std::byte> bytes, const std::string& path) : m_bytes(bytes), m_path(path)
    {}

    std::uint64_t offset() const { return m_at; }
    std::uint64_t remaining() const { return m_bytes.size() - m_at; }

    template <typename T> Result<T> read(const std::string& what)
    {
        if (remaining() < sizeof(T)) {
            return error(ErrorCode::Truncated, "the file ends inside " + what);
        }
        T value;
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        if constexpr (std::endian::native == std::endian::big && sizeof(T) > 1) {
            value = std::byteswap(value);
        }
        m_at += sizeof(T);
        return value;
    }

    Result<std::span<const std::byte>> take(std::uint64_t count, const std::string& what)
    {
        if (count > remaining()) {
            return error(ErrorCode::Truncated, what + ": " + std::to_string(count) +
                                                   " bytes run past the end of the file");
        }
        const auto bytes = m_bytes.subspan(m_at, count);
        m_at += count;
        return bytes;
    }

    // A GGUF string: a uint64 length, then the bytes.
    Result<std::string> readGgufString(const std::string& what)
    {
        auto length = read<std::uint64_t>(what);
        auto bytes = length ? take(*length, what)
                            : Result<std::span<const std::byte>>(std::unexpected(length.error()));
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        return std::string(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    }

    std::unexpected<Error> error(ErrorCode code, std::string message) const
    {
        return fail(code, std::move(message), m_path, m_at);
    }

private:
    std::span<const std::byte> m_bytes;
    const std::string& m_path;
    std::uint64_t m_at = 0;
};

// Success or the error of `result`, its value dropped.
template <typename T> Result<void> status(const Result<T>& result)
{
    if (!result) {
        return std::unexpected(result.error());
    }
    return {};
}

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

std::string valueText(float value)
{
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

// A weight no quantizer can use (see the header): NaN, ±Inf or negative. -0 is zero.
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

// ---- legacy .dat ---------------------------------------------------------------------------

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

// ---- GGUF ----------------------------------------------------------------------------------

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

} // namespace

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
        return magic == kGgufMagic ? readGguf(bytes, path) : readDat(bytes, path);
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
