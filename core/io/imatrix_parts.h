#pragma once
// Internal to the two importance-matrix readers (imatrix_dat.cpp, imatrix_gguf.cpp) and
// imatrix_file.cpp, which picks one by content: what they share. Not part of the public API,
// which is io/imatrix_file.h.

#include "common/error.h"
#include "io/imatrix_file.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace qs::imatrix_detail {

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

// The shortest text that reads back as `value`, for messages.
std::string valueText(float value);

// A weight no quantizer can use (see io/imatrix_file.h): NaN, ±Inf or negative. -0 is zero.
Result<void> checkWeights(const std::vector<float>& weights, const std::string& path,
                          const std::string& tensor);

// The two readers, over the whole mapped file `bytes` at `path`. Either may throw
// std::bad_alloc, which readImportanceMatrix turns into TooLarge.
Result<ImportanceMatrix> readDat(std::span<const std::byte> bytes, const std::string& path);
Result<ImportanceMatrix> readGguf(std::span<const std::byte> bytes, const std::string& path);

} // namespace qs::imatrix_detail
