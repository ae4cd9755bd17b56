#pragma once
// Where each member's data starts in a zip file held in memory (a mapped file), so that stored
// (uncompressed) members can be used in place. libzip opens and checks the archive; its public
// API does not say where a member's bytes sit, so this reads the central directory (and its
// zip64 records) and each local header for just that.
//
// Rules: PKWARE's APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory),
// 4.3.14–4.3.16 (zip64 and the end records), 4.5.3 (the zip64 extra field).

#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct ZipMemberData
{
    std::string name;
    std::uint16_t method = 0; // 0: stored
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
    std::uint64_t dataOffset = 0; // of the member's (possibly compressed) bytes in the file
};

// Every member in directory order. Errors (BadHeader, naming `path`): no end record, a
// directory or local header outside the file, data that runs past the end, more members than
// the directory has room for.
Result<std::vector<ZipMemberData>> readZipDirectory(std::span<const std::byte> file,
                                                    const std::string& path);

} // namespace qs
