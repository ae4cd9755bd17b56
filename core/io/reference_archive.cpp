#include "io/reference_archive.h"

#include "io/archive_factory.h"
#include "io/tensor_source.h"

#include <filesystem>

namespace qs {

Result<std::unique_ptr<TensorArchive>> openReferenceArchive(const std::string& path)
{
    std::error_code error;
    if (!std::filesystem::is_directory(path, error)) {
        return openTensorArchive(FileSpec{path, {}, {}});
    }
    // The index first: a sharded checkpoint may also hold a stray single file.
    const std::filesystem::path folder(path);
    for (const char* name : {"model.safetensors.index.json", "model.safetensors"}) {
        if (std::filesystem::is_regular_file(folder / name, error)) {
            return openTensorArchive(FileSpec{(folder / name).string(), {}, {}});
        }
    }
    return fail(ErrorCode::FileNotFound,
                "the folder holds neither model.safetensors nor model.safetensors.index.json",
                path);
}

} // namespace qs
