#pragma once
// Where a tensor comes from: a generator, a built-in data preset, or a file (with an optional
// tensor name). The GUI and the CLI both resolve a TensorSource through loadTensorSource.

#include "common/error.h"
#include "generate/generate_spec.h"
#include "io/loaded_tensor.h"
#include "io/raw_reader.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace qs {

struct FileSpec
{
    std::string path;
    std::string tensorName;     // empty: the file's only tensor
    std::optional<RawSpec> raw; // set: read as headerless raw data

    friend bool operator==(const FileSpec&, const FileSpec&) = default;
};

struct PresetSpec
{
    std::string name; // see dataPresets()
    friend bool operator==(const PresetSpec&, const PresetSpec&) = default;
};

using TensorSource = std::variant<GenerateSpec, PresetSpec, FileSpec>;

enum class FileFormat
{
    Npy,
    Csv,
    Raw
};

// "weights.npz#layer1.weight" -> {path, tensor name}. The text after the last '#' is a tensor
// name unless the whole string names an existing file.
FileSpec parseInputLocation(std::string_view location);

// From the extension (.npy; .csv, .tsv, .txt), or Raw when a RawSpec is given.
// Errors: UnsupportedFormat naming the extension and the formats that are read.
Result<FileFormat> detectFileFormat(const FileSpec& file);

Result<LoadedTensor> loadTensorFile(const FileSpec& file);
Result<LoadedTensor> loadTensorSource(const TensorSource& source);

} // namespace qs
