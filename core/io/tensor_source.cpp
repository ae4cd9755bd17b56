#include "io/tensor_source.h"

#include "generate/data_presets.h"
#include "generate/generator.h"
#include "io/archive_factory.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace qs {
namespace {

std::string lowerExtension(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    std::ranges::transform(extension, extension.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

} // namespace

FileSpec parseInputLocation(std::string_view location)
{
    FileSpec spec;
    spec.path = std::string(location);
    std::error_code ec;
    if (std::filesystem::exists(spec.path, ec)) {
        return spec;
    }
    const std::size_t hash = location.rfind('#');
    if (hash != std::string_view::npos && hash > 0) {
        spec.path = std::string(location.substr(0, hash));
        spec.tensorName = std::string(location.substr(hash + 1));
    }
    return spec;
}

Result<ArchiveFormat> detectFileFormat(const FileSpec& file)
{
    if (file.raw) {
        return ArchiveFormat::Raw;
    }
    const std::string extension = lowerExtension(file.path);
    if (extension == ".npy") {
        return ArchiveFormat::Npy;
    }
    if (extension == ".csv" || extension == ".tsv" || extension == ".txt") {
        return ArchiveFormat::Csv;
    }
    if (extension == ".safetensors") {
        return ArchiveFormat::Safetensors;
    }
    if (extension == ".npz") {
        return ArchiveFormat::Npz;
    }
    if (extension == ".onnx") {
        return ArchiveFormat::Onnx;
    }
    if (extension == ".gguf") {
        return ArchiveFormat::Gguf;
    }
    // torch.save files go by several names; a .bin that is not one is told to give --raw-dtype.
    if (extension == ".pt" || extension == ".pth" || extension == ".bin" || extension == ".ckpt") {
        return ArchiveFormat::Pytorch;
    }
    if (extension == ".json") {
        return file.path.ends_with(".index.json") ? ArchiveFormat::Safetensors
                                                  : ArchiveFormat::Tfjs;
    }
    return fail(ErrorCode::UnsupportedFormat,
                "unsupported file type '" + extension +
                    "' (QuantScope reads .npy, .npz, .safetensors (and their .index.json), .onnx, "
                    ".gguf, PyTorch .pt/.pth/.bin/.ckpt, TF.js model.json, .csv/.tsv/.txt, and raw "
                    "binary given a dtype)",
                file.path);
}

Result<LoadedTensor> loadTensorFile(const FileSpec& file)
{
    auto archive = openTensorArchive(file);
    if (!archive) {
        return std::unexpected(archive.error());
    }
    const auto index = selectEntry(**archive, file.tensorName);
    if (!index) {
        return std::unexpected(index.error());
    }
    return (*archive)->load(*index);
}

Result<LoadedTensor> loadTensorSource(const TensorSource& source)
{
    if (const auto* generate = std::get_if<GenerateSpec>(&source)) {
        auto tensor = generateTensor(*generate);
        if (!tensor) {
            return std::unexpected(tensor.error());
        }
        return LoadedTensor{std::move(*tensor), {}};
    }
    if (const auto* preset = std::get_if<PresetSpec>(&source)) {
        auto tensor = makePresetTensor(preset->name);
        if (!tensor) {
            return std::unexpected(tensor.error());
        }
        return LoadedTensor{std::move(*tensor), {}};
    }
    return loadTensorFile(std::get<FileSpec>(source));
}

} // namespace qs
