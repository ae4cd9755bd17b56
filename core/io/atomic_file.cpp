#include "io/atomic_file.h"

#include "io/temporary_files.h"

#include <cstdio>
#include <filesystem>
#include <random>
#include <system_error>

namespace qs {
namespace {

std::string temporarySibling(const std::string& path)
{
    std::random_device device;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x.part", device());
    return path + suffix;
}

bool writeAll(std::FILE* file, std::span<const std::byte> bytes)
{
    return bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
}

} // namespace

Result<void> writeFileAtomically(const std::string& path, std::span<const std::byte> header,
                                 std::span<const std::byte> body)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return fail(ErrorCode::WriteFailed, "is a directory", path);
    }
    const std::string temporary = temporarySibling(path);
    const TemporaryFileGuard removedIfKilled(temporary);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) {
        return fail(ErrorCode::WriteFailed,
                    "cannot create the file (missing folder or no permission)", path);
    }
    const bool written = writeAll(file, header) && writeAll(file, body) && std::fflush(file) == 0;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        fs::remove(temporary, ec);
        return fail(ErrorCode::WriteFailed, "writing failed (disk full?)", path);
    }
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return fail(ErrorCode::WriteFailed, "cannot replace the file: " + ec.message(), path);
    }
    return {};
}

} // namespace qs
