#include "io/mapped_file.h"

#include "io/byte_reader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace qs {

MappedFile::MappedFile(std::string path, const std::byte* data, std::size_t size)
    : m_path(std::move(path)), m_data(data), m_size(size)
{}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0))
{}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

MappedFile::~MappedFile()
{
    release();
}

void MappedFile::release()
{
    if (m_data != nullptr) {
        ::munmap(const_cast<std::byte*>(m_data), m_size);
        m_data = nullptr;
    }
}

Result<MappedFile> MappedFile::open(const std::string& path)
{
    if (auto ok = checkIsFile(path); !ok) {
        return std::unexpected(ok.error());
    }
    // O_NONBLOCK: should the path have become a FIFO since the check, opening it must not wait
    // for a writer; fstat below then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return fail(ErrorCode::ReadFailed,
                    std::string("cannot open the file for reading: ") + std::strerror(errno), path);
    }
    struct stat info{};
    if (::fstat(fd, &info) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorCode::ReadFailed, std::string("cannot stat: ") + std::strerror(err), path);
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(ErrorCode::ReadFailed, "is not a regular file: only files are read", path);
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size == 0) { // mmap refuses empty mappings; an empty span says the same
        ::close(fd);
        return MappedFile(path, nullptr, 0);
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    const int err = errno;
    ::close(fd); // the mapping keeps the file open
    if (data == MAP_FAILED) {
        return fail(ErrorCode::ReadFailed,
                    std::string("cannot map the file: ") + std::strerror(err), path);
    }
    return MappedFile(path, static_cast<const std::byte*>(data), size);
}

} // namespace qs
