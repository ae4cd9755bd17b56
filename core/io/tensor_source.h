#pragma once
// Where a tensor comes from: a generator, a built-in data preset, or a file (with an optional
// tensor name). The GUI and the CLI both resolve a TensorSource through loadTensorSource.

#include "common/error.h"
#include "generate/generate_spec.h"
#include "io/loaded_tensor.h"
#include "io/raw_reader.h"
#include "io/tensor_archive.h"

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

// "weights.npz#layer1.weight" -> {path, tensor name}. The text after the last '#' is a tensor
// name unless the whole string names an existing file.
FileSpec parseInputLocation(std::string_view location);

// From the extension (.npy; .csv, .tsv, .txt; .safetensors; .npz; .onnx; .gguf; .json for a TF.js
// model.json / weights manifest or a safetensors index), or Raw when a RawSpec is given.
// Errors: UnsupportedFormat naming the extension and the formats that are read.
Result<ArchiveFormat> detectFileFormat(const FileSpec& file);

// Opens the file and loads the tensor `file.tensorName` names (or its only one).
Result<LoadedTensor> loadTensorFile(const FileSpec& file);
Result<LoadedTensor> loadTensorSource(const TensorSource& source);

} // namespace qs
