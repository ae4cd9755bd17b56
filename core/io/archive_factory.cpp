#include "io/archive_factory.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/gguf_archive.h"
#include "io/json_nesting.h"
#include "io/model_folder.h"
#include "io/npz_archive.h"
#include "io/onnx_archive.h"
#include "io/safetensors_archive.h"
#include "io/single_tensor_archive.h"
#include "io/tfjs_archive.h"
#include "io/torch_archive.h"

#include <nlohmann/json.hpp>

#include <filesystem>

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
    // A safetensors index is an object whose top level maps "weight_map"; anything else is taken
    // as TF.js (a model.json, or a bare weights manifest). Decided by the document's structure,
    // not by the words in it: a TF.js weight may well be named "weight_map".
    if (auto ok = checkJsonNesting(*text, path); !ok) {
        return std::unexpected(ok.error());
    }
    const auto document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (document.is_object() && document.contains("weight_map") &&
        !document.contains("weightsManifest")) {
        return openSafetensorsIndex(path);
    }
    return openTfjs(path, *text);
}

} // namespace

Result<std::unique_ptr<TensorArchive>> openTensorArchive(const FileSpec& file)
{
    // A folder is a Hugging Face model folder (config.json beside its weights).
    std::error_code ec;
    if (!file.raw && std::filesystem::is_directory(file.path, ec)) {
        return openModelFolder(file.path);
    }
    // Say "no such file" or "is a FIFO" before anything about the file's type.
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
    case ArchiveFormat::Pytorch:
        return openTorch(file.path);
    case ArchiveFormat::Npy:
    case ArchiveFormat::Csv:
    case ArchiveFormat::Raw:
        break;
    }
    return SingleTensorArchive::open(file, *format);
}

} // namespace qs
