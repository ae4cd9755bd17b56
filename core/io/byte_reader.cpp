#include "io/byte_reader.h"

#include <filesystem>
#include <system_error>

namespace qs {

FileByteReader::FileByteReader(std::string path, std::ifstream stream, std::uint64_t size)
    : m_path(std::move(path)), m_stream(std::move(stream)), m_size(size)
{}

Result<void> checkIsFile(const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        return fail(ErrorCode::FileNotFound, "no such file", path);
    }
    if (std::filesystem::is_directory(status)) {
        return fail(ErrorCode::ReadFailed, "is a directory, not a file", path);
    }
    // A FIFO, device or socket would block a read or never end: only regular files are read.
    if (!std::filesystem::is_regular_file(status)) {
        const auto type = status.type();
        const char* what = type == std::filesystem::file_type::fifo        ? "a FIFO (named pipe)"
                           : type == std::filesystem::file_type::character ? "a character device"
                           : type == std::filesystem::file_type::block     ? "a block device"
                           : type == std::filesystem::file_type::socket    ? "a socket"
                                                                           : "not a regular file";
        return fail(ErrorCode::ReadFailed,
                    std::string("is ") + what + ", not a regular file: only files are read", path);
    }
    return {};
}

Result<FileByteReader> FileByteReader::open(const std::string& path)
{
    if (auto ok = checkIsFile(path); !ok) {
        return std::unexpected(ok.error());
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return fail(ErrorCode::ReadFailed, "cannot read the file size: " + ec.message(), path);
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return fail(ErrorCode::ReadFailed, "cannot open the file for reading", path);
    }
    return FileByteReader(path, std::move(stream), size);
}

Result<void> FileByteReader::read(std::span<std::byte> into)
{
    if (into.size() > remaining()) {
        return skip(into.size()); // fails with the Truncated error, naming the offset
    }
    m_stream.read(reinterpret_cast<char*>(into.data()), static_cast<std::streamsize>(into.size()));
    if (static_cast<std::size_t>(m_stream.gcount()) != into.size()) {
        return fail(ErrorCode::ReadFailed, "read error", m_path, m_position);
    }
    m_position += into.size();
    return {};
}

Result<void> FileByteReader::skip(std::uint64_t count)
{
    if (count > remaining()) {
        return fail(ErrorCode::Truncated,
                    "file ends after " + std::to_string(m_size) + " bytes, " +
                        std::to_string(count) + " more were expected",
                    m_path, m_position);
    }
    m_stream.seekg(static_cast<std::streamoff>(m_position + count));
    if (!m_stream) {
        return fail(ErrorCode::ReadFailed, "seek error", m_path, m_position);
    }
    m_position += count;
    return {};
}

Result<std::string> readTextFile(const std::string& path, std::uint64_t limit)
{
    auto reader = FileByteReader::open(path);
    if (!reader) {
        return std::unexpected(reader.error());
    }
    if (reader->size() > limit) {
        return fail(ErrorCode::TooLarge,
                    "file has " + std::to_string(reader->size()) + " bytes, more than the " +
                        std::to_string(limit) + " this reader accepts",
                    path);
    }
    std::string text(reader->size(), '\0');
    if (auto ok = reader->read(std::as_writable_bytes(std::span(text))); !ok) {
        return std::unexpected(ok.error());
    }
    return text;
}

} // namespace qs
