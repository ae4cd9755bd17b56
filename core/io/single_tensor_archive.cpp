#include "io/single_tensor_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/csv_reader.h"
#include "io/npy_reader.h"
#include "io/raw_reader.h"

#include <cassert>
#include <filesystem>

namespace qs {

SingleTensorArchive::SingleTensorArchive(const FileSpec& file, ArchiveFormat format)
    : TensorArchive(file.path, format), m_file(file)
{}

Result<std::unique_ptr<TensorArchive>> SingleTensorArchive::open(const FileSpec& file,
                                                                 ArchiveFormat format)
{
    std::unique_ptr<SingleTensorArchive> archive(new SingleTensorArchive(file, format));
    if (auto ok = archive->scan(); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

Result<void> SingleTensorArchive::scan()
{
    TensorEntry entry;
    entry.name = std::filesystem::path(m_path).stem().string();
    if (m_format == ArchiveFormat::Npy) {
        auto reader = FileByteReader::open(m_path);
        if (!reader) {
            return std::unexpected(reader.error());
        }
        auto header = readNpyHeader(*reader);
        if (!header) {
            return std::unexpected(header.error());
        }
        entry.shape = header->shape;
        entry.dtype = std::string(dtypeName(header->dtype.dtype));
        entry.count = elementCount(entry.shape).value_or(0);
        entry.bytes = entry.count * dtypeSize(header->dtype.dtype);
        entry.floating = archive::isFloatingDtype(header->dtype.dtype);
    } else {
        auto loaded = readWhole();
        if (!loaded) {
            return std::unexpected(loaded.error());
        }
        const Tensor& tensor = loaded->tensor;
        entry.shape = tensor.shape;
        entry.dtype = std::string(dtypeName(tensor.sourceDtype));
        entry.count = tensor.values.size();
        entry.bytes = entry.count * dtypeSize(tensor.sourceDtype);
        entry.floating = true; // text is read as real numbers; raw as the dtype given
        m_cached = std::move(*loaded);
    }
    m_entries.push_back(std::move(entry));
    return {};
}

Result<LoadedTensor> SingleTensorArchive::loadEntry(std::size_t index)
{
    assert(index < m_entries.size());
    (void)index;
    // A text or raw file was read whole to be listed: hand that over once.
    if (m_cached) {
        LoadedTensor cached = std::move(*m_cached);
        m_cached.reset();
        return cached;
    }
    return readWhole();
}

Result<LoadedTensor> SingleTensorArchive::readWhole() const
{
    switch (m_format) {
    case ArchiveFormat::Npy:
        return readNpyFile(m_path);
    case ArchiveFormat::Csv:
        return readCsvFile(m_path);
    default:
        return m_file.raw ? readRawFile(m_path, *m_file.raw)
                          : fail(ErrorCode::InvalidArgument, "raw data needs a dtype", m_path);
    }
}

} // namespace qs
