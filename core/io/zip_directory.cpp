#include "io/zip_directory.h"

#include <algorithm>

namespace qs {
namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kLocatorSize = 20;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::size_t kMaxComment = 0xffff;
constexpr std::uint16_t kZip64ExtraId = 0x0001;
constexpr std::uint32_t kSaturated32 = 0xffffffff;

class Cursor
{
public:
    Cursor(std::span<const std::byte> bytes, const std::string& path) : m_bytes(bytes), m_path(path)
    {}

    bool fits(std::uint64_t at, std::uint64_t count) const
    {
        return at <= m_bytes.size() && count <= m_bytes.size() - at;
    }

    std::uint64_t little(std::uint64_t at, std::size_t width) const
    {
        std::uint64_t value = 0;
        for (std::size_t i = width; i-- > 0;) {
            value = (value << 8) | std::to_integer<std::uint64_t>(m_bytes[at + i]);
        }
        return value;
    }

    std::string text(std::uint64_t at, std::size_t count) const
    {
        return {reinterpret_cast<const char*>(m_bytes.data()) + at, count};
    }

    std::unexpected<Error> bad(const std::string& message, std::uint64_t at) const
    {
        return fail(ErrorCode::BadHeader, "zip directory: " + message, m_path, at);
    }

    std::size_t size() const { return m_bytes.size(); }

private:
    std::span<const std::byte> m_bytes;
    const std::string& m_path;
};

struct DirectoryPlace
{
    std::uint64_t entries = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

Result<DirectoryPlace> findDirectory(const Cursor& file)
{
    if (file.size() < kEndSize) {
        return file.bad("the file is too short for a zip end record", 0);
    }
    // The end record is the last thing in the file but for a comment of up to 64 KiB.
    const std::uint64_t lowest =
        file.size() > kEndSize + kMaxComment ? file.size() - kEndSize - kMaxComment : 0;
    std::uint64_t end = file.size() - kEndSize + 1;
    bool found = false;
    while (end-- > lowest) {
        if (file.little(end, 4) == kEndSignature &&
            end + kEndSize + file.little(end + 20, 2) == file.size()) {
            found = true;
            break;
        }
    }
    if (!found) {
        return file.bad("no end-of-central-directory record", file.size());
    }
    DirectoryPlace place{file.little(end + 10, 2), file.little(end + 16, 4),
                         file.little(end + 12, 4)};
    const bool saturated =
        place.entries == 0xffff || place.offset == kSaturated32 || place.size == kSaturated32;
    if (saturated && end >= kLocatorSize &&
        file.little(end - kLocatorSize, 4) == kZip64LocatorSignature) {
        const std::uint64_t record = file.little(end - kLocatorSize + 8, 8);
        if (!file.fits(record, kZip64EndSize) || file.little(record, 4) != kZip64EndSignature) {
            return file.bad("the zip64 end record is not where its locator says", record);
        }
        place = {file.little(record + 32, 8), file.little(record + 48, 8),
                 file.little(record + 40, 8)};
    }
    if (!file.fits(place.offset, place.size)) {
        return file.bad("the central directory lies outside the file", place.offset);
    }
    if (place.entries > place.size / kCentralSize) {
        return file.bad("the directory claims " + std::to_string(place.entries) +
                            " members, more than its " + std::to_string(place.size) + " bytes hold",
                        place.offset);
    }
    return place;
}

// The zip64 extra field holds, in this order, whichever of the sizes and offset are saturated.
void applyZip64Extra(const Cursor& file, std::uint64_t extra, std::uint64_t extraLength,
                     ZipMemberData& member, std::uint64_t& localOffset)
{
    std::uint64_t at = extra;
    const std::uint64_t end = extra + extraLength;
    while (at + 4 <= end) {
        const auto id = file.little(at, 2);
        const auto length = file.little(at + 2, 2);
        std::uint64_t field = at + 4;
        const std::uint64_t fieldEnd = std::min(field + length, end);
        if (id == kZip64ExtraId) {
            const auto next = [&](std::uint64_t& value) {
                if (value == kSaturated32 && field + 8 <= fieldEnd) {
                    value = file.little(field, 8);
                    field += 8;
                }
            };
            next(member.size);
            next(member.compressedSize);
            next(localOffset);
            return;
        }
        at = field + length;
    }
}

} // namespace

Result<std::vector<ZipMemberData>> readZipDirectory(std::span<const std::byte> bytes,
                                                    const std::string& path)
{
    const Cursor file(bytes, path);
    auto place = findDirectory(file);
    if (!place) {
        return std::unexpected(place.error());
    }
    std::vector<ZipMemberData> members;
    members.reserve(static_cast<std::size_t>(place->entries));
    std::uint64_t at = place->offset;
    const std::uint64_t directoryEnd = place->offset + place->size;
    for (std::uint64_t i = 0; i < place->entries; ++i) {
        if (at + kCentralSize > directoryEnd || file.little(at, 4) != kCentralSignature) {
            return file.bad("member " + std::to_string(i) + "'s directory entry is malformed", at);
        }
        const auto nameLength = file.little(at + 28, 2);
        const auto extraLength = file.little(at + 30, 2);
        const auto commentLength = file.little(at + 32, 2);
        if (at + kCentralSize + nameLength + extraLength + commentLength > directoryEnd) {
            return file.bad("member " + std::to_string(i) +
                                "'s directory entry runs past the "
                                "directory",
                            at);
        }
        ZipMemberData member;
        member.method = static_cast<std::uint16_t>(file.little(at + 10, 2));
        member.compressedSize = file.little(at + 20, 4);
        member.size = file.little(at + 24, 4);
        std::uint64_t localOffset = file.little(at + 42, 4);
        member.name = file.text(at + kCentralSize, static_cast<std::size_t>(nameLength));
        applyZip64Extra(file, at + kCentralSize + nameLength, extraLength, member, localOffset);
        if (!file.fits(localOffset, kLocalSize) || file.little(localOffset, 4) != kLocalSignature) {
            return file.bad("member '" + member.name +
                                "' has no local header where the "
                                "directory says",
                            localOffset);
        }
        member.dataOffset = localOffset + kLocalSize + file.little(localOffset + 26, 2) +
                            file.little(localOffset + 28, 2);
        if (!file.fits(member.dataOffset, member.compressedSize)) {
            return file.bad("member '" + member.name + "''s data runs past the end of the file",
                            localOffset);
        }
        members.push_back(std::move(member));
        at += kCentralSize + nameLength + extraLength + commentLength;
    }
    return members;
}

} // namespace qs
