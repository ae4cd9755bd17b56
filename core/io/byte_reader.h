#pragma once
// Sequential byte sources for the readers: a file on disk today, a zip member tomorrow. Readers
// check every size a header claims against size() before they allocate or read.

#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <span>
#include <string>

namespace qs {

// Errors: FileNotFound, or ReadFailed for a directory, FIFO, device or socket — what every
// reader says first (only regular files are read).
Result<void> checkIsFile(const std::string& path);

class ByteReader
{
public:
    virtual ~ByteReader() = default;

    virtual std::uint64_t size() const = 0;     // total bytes the source holds
    virtual std::uint64_t position() const = 0; // bytes consumed so far
    // Reads exactly into.size() bytes or fails with Truncated (naming the offset) / ReadFailed.
    virtual Result<void> read(std::span<std::byte> into) = 0;
    // Moves past `count` bytes, failing like read() when fewer remain.
    virtual Result<void> skip(std::uint64_t count) = 0;
    virtual const std::string& name() const = 0; // for error messages

    std::uint64_t remaining() const { return size() - position(); }
};

class FileByteReader final : public ByteReader
{
public:
    // Errors: FileNotFound, ReadFailed (a directory, no permission).
    static Result<FileByteReader> open(const std::string& path);

    std::uint64_t size() const override { return m_size; }
    std::uint64_t position() const override { return m_position; }
    Result<void> read(std::span<std::byte> into) override;
    Result<void> skip(std::uint64_t count) override;
    const std::string& name() const override { return m_path; }

private:
    FileByteReader(std::string path, std::ifstream stream, std::uint64_t size);

    std::string m_path;
    std::ifstream m_stream;
    std::uint64_t m_size = 0;
    std::uint64_t m_position = 0;
};

// Whole small files (text formats, JSON manifests): refuses files over `limit` bytes.
Result<std::string> readTextFile(const std::string& path, std::uint64_t limit);

} // namespace qs
