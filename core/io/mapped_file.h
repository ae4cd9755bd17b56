#pragma once
// A read-only memory map of a whole file. Tensor bytes are read straight from the page cache and
// converted one tensor at a time, so opening a multi-gigabyte checkpoint costs only its header.

#include "common/error.h"

#include <cstddef>
#include <span>
#include <string>

namespace qs {

class MappedFile
{
public:
    // Errors: FileNotFound, ReadFailed (a directory, no permission, mmap failure).
    static Result<MappedFile> open(const std::string& path);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const std::byte> bytes() const { return {m_data, m_size}; }
    std::size_t size() const { return m_size; }
    const std::string& path() const { return m_path; }

private:
    MappedFile(std::string path, const std::byte* data, std::size_t size);
    void release();

    std::string m_path;
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace qs
