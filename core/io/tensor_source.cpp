#include "io/tensor_source.h"

#include "generate/data_presets.h"
#include "generate/generator.h"
#include "io/csv_reader.h"
#include "io/npy_reader.h"

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

Result<LoadedTensor> readFile(const FileSpec& file, FileFormat format)
{
    switch (format) {
    case FileFormat::Npy:
        return readNpyFile(file.path);
    case FileFormat::Csv:
        return readCsvFile(file.path);
    case FileFormat::Raw:
        return readRawFile(file.path, *file.raw);
    }
    return fail(ErrorCode::UnsupportedFormat, "unknown format", file.path);
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

Result<FileFormat> detectFileFormat(const FileSpec& file)
{
    if (file.raw) {
        return FileFormat::Raw;
    }
    const std::string extension = lowerExtension(file.path);
    if (extension == ".npy") {
        return FileFormat::Npy;
    }
    if (extension == ".csv" || extension == ".tsv" || extension == ".txt") {
        return FileFormat::Csv;
    }
    return fail(ErrorCode::UnsupportedFormat,
                "unsupported file type '" + extension +
                    "' (QuantScope reads .npy, .csv/.tsv/.txt, and raw binary given a dtype)",
                file.path);
}

Result<LoadedTensor> loadTensorFile(const FileSpec& file)
{
    // Say "no such file" or "is a directory" before anything about the file's type.
    std::error_code ec;
    const auto status = std::filesystem::status(file.path, ec);
    if (!std::filesystem::exists(status)) {
        return fail(ErrorCode::FileNotFound, "no such file", file.path);
    }
    if (std::filesystem::is_directory(status)) {
        return fail(ErrorCode::ReadFailed, "is a directory, not a file", file.path);
    }
    const auto format = detectFileFormat(file);
    if (!format) {
        return std::unexpected(format.error());
    }
    auto loaded = readFile(file, *format);
    if (!loaded) {
        return loaded;
    }
    // These formats hold exactly one tensor, named after the file.
    if (!file.tensorName.empty() && file.tensorName != loaded->tensor.name) {
        return fail(ErrorCode::TensorNotFound,
                    "has no tensor '" + file.tensorName + "' (its only tensor is '" +
                        loaded->tensor.name + "')",
                    file.path);
    }
    return loaded;
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
