#pragma once
// The archive of a file that holds one tensor: .npy, text (.csv, .tsv, .txt) or raw binary.

#include "io/tensor_archive.h"
#include "io/tensor_source.h"

#include <memory>
#include <optional>

namespace qs {

// An .npy file is described from its header alone; text and raw files are read whole when
// opened (their shape comes from the data) and that read is handed to the first load().
class SingleTensorArchive final : public TensorArchive
{
public:
    // Errors: the reader's own, naming the file.
    static Result<std::unique_ptr<TensorArchive>> open(const FileSpec& file, ArchiveFormat format);

    Result<LoadedTensor> loadEntry(std::size_t index) override;

private:
    SingleTensorArchive(const FileSpec& file, ArchiveFormat format);
    Result<void> scan();
    Result<LoadedTensor> readWhole() const;

    FileSpec m_file;
    std::optional<LoadedTensor> m_cached;
};

} // namespace qs
