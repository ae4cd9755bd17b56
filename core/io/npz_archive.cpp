#include "io/npz_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/npy_reader.h"
#include "io/zip_handles.h"

#include <zip.h>

#include <array>
#include <memory>

namespace qs {
namespace {

// DEFLATE cannot expand data by more than about 1032:1; a member that claims more than that
// (plus slack for tiny members) has a lying directory, and is refused before it is read.
constexpr std::uint64_t kMaxDeflateRatio = 1032;
constexpr std::uint64_t kDeflateSlack = std::uint64_t{64} * 1024;

std::string zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

// One member, decompressed as it is read. size() is the uncompressed size the directory claims;
// a member that ends before that is Truncated.
class ZipMemberReader final : public ByteReader
{
public:
    ZipMemberReader(ZipFileHandle file, std::uint64_t size, std::string name)
        : m_file(std::move(file)), m_size(size), m_name(std::move(name))
    {}

    std::uint64_t size() const override { return m_size; }
    std::uint64_t position() const override { return m_position; }
    const std::string& name() const override { return m_name; }

    Result<void> read(std::span<std::byte> into) override
    {
        if (into.size() > remaining()) {
            return fail(ErrorCode::Truncated,
                        "member ends after " + std::to_string(m_size) + " bytes, " +
                            std::to_string(into.size()) + " more were expected",
                        m_name, m_position);
        }
        std::size_t done = 0;
        while (done < into.size()) {
            const zip_int64_t got = zip_fread(m_file.get(), into.data() + done, into.size() - done);
            if (got < 0) {
                return fail(ErrorCode::ReadFailed,
                            std::string("cannot decompress: ") + zip_file_strerror(m_file.get()),
                            m_name, m_position + done);
            }
            if (got == 0) {
                return fail(ErrorCode::Truncated, "member data ends early", m_name,
                            m_position + done);
            }
            done += static_cast<std::size_t>(got);
        }
        m_position += into.size();
        return {};
    }

    // libzip compares the member's CRC-32 when a read reaches its end: read the rest, then ask
    // once more, as NumPy does, so that a member whose data does not match is refused.
    Result<void> verifyChecksum()
    {
        if (auto rest = skip(remaining()); !rest) {
            return rest;
        }
        std::byte probe{};
        if (zip_fread(m_file.get(), &probe, 1) < 0) {
            return fail(ErrorCode::BadValue,
                        std::string("the member's data does not match its zip directory: ") +
                            zip_file_strerror(m_file.get()),
                        m_name);
        }
        return {};
    }

    Result<void> skip(std::uint64_t count) override
    {
        std::array<std::byte, 4096> scratch{};
        while (count > 0) {
            const std::size_t n = std::min<std::uint64_t>(count, scratch.size());
            if (auto ok = read(std::span(scratch).first(n)); !ok) {
                return ok;
            }
            count -= n;
        }
        return {};
    }

private:
    ZipFileHandle m_file;
    std::uint64_t m_size = 0;
    std::uint64_t m_position = 0;
    std::string m_name;
};

class NpzArchive final : public TensorArchive
{
public:
    NpzArchive(std::string path, ZipHandle zip)
        : TensorArchive(std::move(path), ArchiveFormat::Npz), m_zip(std::move(zip))
    {}

    Result<void> scan()
    {
        const zip_int64_t count = zip_get_num_entries(m_zip.get(), 0);
        for (zip_int64_t i = 0; i < count; ++i) {
            zip_stat_t stat;
            zip_stat_init(&stat);
            if (zip_stat_index(m_zip.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
                return fail(ErrorCode::BadHeader,
                            std::string("cannot read zip entry: ") + zip_strerror(m_zip.get()),
                            m_path);
            }
            std::string member = stat.name != nullptr ? stat.name : "";
            if (member.ends_with('/')) {
                continue; // a directory entry
            }
            auto entry = scanMember(static_cast<zip_uint64_t>(i), stat, member);
            if (!entry) {
                return std::unexpected(entry.error());
            }
            m_entries.push_back(std::move(*entry));
            m_members.push_back(static_cast<zip_uint64_t>(i));
        }
        return {};
    }

    Result<LoadedTensor> loadEntry(std::size_t index) override
    {
        const TensorEntry& entry = m_entries.at(index);
        if (!entry.unsupported.empty()) {
            return fail(ErrorCode::UnsupportedDtype, entry.unsupported, memberLabel(entry.name));
        }
        auto reader = openMember(m_members.at(index), entry.name);
        if (!reader) {
            return std::unexpected(reader.error());
        }
        auto loaded = readNpy(*reader, entry.name);
        if (!loaded) {
            return loaded;
        }
        if (auto ok = reader->verifyChecksum(); !ok) {
            return std::unexpected(ok.error());
        }
        return loaded;
    }

private:
    std::string memberLabel(const std::string& tensor) const { return m_path + "#" + tensor; }

    Result<ZipMemberReader> openMember(zip_uint64_t member, const std::string& tensor)
    {
        zip_stat_t stat;
        zip_stat_init(&stat);
        zip_stat_index(m_zip.get(), member, 0, &stat);
        ZipFileHandle file(zip_fopen_index(m_zip.get(), member, 0));
        if (!file) {
            return fail(ErrorCode::ReadFailed,
                        std::string("cannot open the member: ") + zip_strerror(m_zip.get()),
                        memberLabel(tensor));
        }
        return ZipMemberReader(std::move(file), stat.size, memberLabel(tensor));
    }

    Result<TensorEntry> scanMember(zip_uint64_t member, const zip_stat_t& stat,
                                   const std::string& memberName)
    {
        TensorEntry entry;
        entry.name =
            memberName.ends_with(".npy") ? memberName.substr(0, memberName.size() - 4) : memberName;
        entry.dtype = "?";
        const std::string label = memberLabel(entry.name);
        if (!memberName.ends_with(".npy")) {
            entry.unsupported = "member '" + memberName + "' is not an .npy array";
            return entry;
        }
        const bool stored = stat.comp_method == ZIP_CM_STORE;
        if ((stored && stat.size != stat.comp_size) ||
            (!stored && stat.size > stat.comp_size * kMaxDeflateRatio + kDeflateSlack)) {
            return fail(ErrorCode::BadHeader,
                        "the zip directory claims " + std::to_string(stat.size) +
                            " bytes uncompressed from " + std::to_string(stat.comp_size) +
                            (stored ? " stored bytes" : " compressed bytes, more than DEFLATE can"),
                        label);
        }
        auto reader = openMember(member, entry.name);
        if (!reader) {
            return std::unexpected(reader.error());
        }
        auto header = readNpyHeader(*reader);
        if (!header) {
            if (header.error().code == ErrorCode::UnsupportedDtype) {
                entry.unsupported = header.error().message;
                return entry;
            }
            return std::unexpected(header.error());
        }
        entry.shape = header->shape;
        entry.count = elementCount(header->shape).value_or(0);
        entry.bytes = entry.count * dtypeSize(header->dtype.dtype);
        entry.dtype = std::string(dtypeName(header->dtype.dtype));
        entry.floating = archive::isFloatingDtype(header->dtype.dtype);
        return entry;
    }

    ZipHandle m_zip;
    std::vector<zip_uint64_t> m_members;
};

} // namespace

Result<std::unique_ptr<TensorArchive>> openNpz(const std::string& path)
{
    int code = 0;
    ZipHandle zip(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
    if (!zip) {
        if (code == ZIP_ER_NOENT) {
            return fail(ErrorCode::FileNotFound, "no such file", path);
        }
        return fail(code == ZIP_ER_OPEN || code == ZIP_ER_READ ? ErrorCode::ReadFailed
                                                               : ErrorCode::BadHeader,
                    "not a readable .npz (zip) archive: " + zipErrorText(code), path);
    }
    auto archive = std::make_unique<NpzArchive>(path, std::move(zip));
    if (auto ok = archive->scan(); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

} // namespace qs
