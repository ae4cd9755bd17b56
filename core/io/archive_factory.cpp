#include "io/archive_factory.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/gguf_archive.h"
#include "io/npz_archive.h"
#include "io/onnx_archive.h"
#include "io/safetensors_archive.h"
#include "io/single_tensor_archive.h"
#include "io/tfjs_archive.h"

namespace qs {
namespace {

// Manifests and indexes are small; a bigger .json is not one of them.
constexpr std::uint64_t kMaxJsonBytes = 64'000'000;

Result<std::unique_ptr<TensorArchive>> openJson(const std::string& path)
{
    auto text = readTextFile(path, kMaxJsonBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    // A safetensors index maps names to shard files; anything else is taken as TF.js.
    if (text->find("\"weight_map\"") != std::string::npos &&
        text->find("\"weightsManifest\"") == std::string::npos) {
        return openSafetensorsIndex(path);
    }
    return openTfjs(path, *text);
}

} // namespace

Result<std::unique_ptr<TensorArchive>> openTensorArchive(const FileSpec& file)
{
    // Say "no such file" or "is a directory" before anything about the file's type.
    if (auto ok = checkIsFile(file.path); !ok) {
        return std::unexpected(ok.error());
    }
    const auto format = detectFileFormat(file);
    if (!format) {
        return std::unexpected(format.error());
    }
    switch (*format) {
    case ArchiveFormat::Safetensors:
        return file.path.ends_with(".json") ? openSafetensorsIndex(file.path)
                                            : openSafetensors(file.path);
    case ArchiveFormat::Npz:
        return openNpz(file.path);
    case ArchiveFormat::Onnx:
        return openOnnx(file.path);
    case ArchiveFormat::Tfjs:
        return openJson(file.path);
    case ArchiveFormat::Gguf:
        return openGguf(file.path);
    case ArchiveFormat::Npy:
    case ArchiveFormat::Csv:
    case ArchiveFormat::Raw:
        break;
    }
    return SingleTensorArchive::open(file, *format);
}

} // namespace qs
