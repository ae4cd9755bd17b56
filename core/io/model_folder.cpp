#include "io/model_folder.h"

#include "io/byte_reader.h"
#include "io/folder_archive.h"
#include "io/json_nesting.h"
#include "io/safetensors_archive.h"
#include "io/torch_archive.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_set>

namespace qs {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::uint64_t kMaxConfigBytes = 16'000'000;
constexpr std::uint64_t kMaxIndexBytes = 64'000'000;
constexpr std::size_t kMaxShards = 10'000;

Result<json> readJson(const fs::path& path, std::uint64_t limit)
{
    auto text = readTextFile(path.string(), limit);
    if (!text) {
        return std::unexpected(text.error());
    }
    if (auto ok = checkJsonNesting(*text, path.string()); !ok) {
        return std::unexpected(ok.error());
    }
    json document = json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded() || !document.is_object()) {
        return fail(ErrorCode::BadHeader, "not a JSON object", path.string());
    }
    return document;
}

std::string textOf(const json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string joined;
        for (const json& item : value) {
            if (item.is_string()) {
                joined += (joined.empty() ? "" : ", ") + item.get<std::string>();
            }
        }
        return joined;
    }
    return {};
}

std::int64_t integerOf(const json& object, const char* key, std::int64_t otherwise)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : otherwise;
}

// The packed layers a GPTQ or AWQ quantization_config describes (nullopt for other methods,
// and for AWQ layouts other than GEMM, whose packing differs).
std::optional<PackedLayerFormat> packedFormatOf(const json& config)
{
    const std::string method = textOf(config.value("quant_method", json()));
    PackedLayerFormat format;
    format.bits = static_cast<int>(integerOf(config, "bits", integerOf(config, "w_bit", 4)));
    format.groupSize = integerOf(config, "group_size", integerOf(config, "q_group_size", 128));
    if (method == "gptq") {
        format.method = PackedLayerFormat::Method::Gptq;
        // AutoGPTQ's checkpoints before GPTQModel's "gptq_v2" store each zero minus one.
        format.zeroStoredMinusOne = textOf(config.value("checkpoint_format", json())) != "gptq_v2";
        return format;
    }
    std::string version = textOf(config.value("version", json("gemm")));
    std::ranges::transform(version, version.begin(),
                           [](unsigned char c) { return std::tolower(c); });
    if (method == "awq" && version == "gemm") {
        format.method = PackedLayerFormat::Method::Awq;
        return format;
    }
    return std::nullopt;
}

// config.json's architecture, name, model type, dtype and quantization method, first in the
// metadata so that the picker and the reports lead with them; the packed-layer format of a
// GPTQ or AWQ checkpoint (from config.json or AutoGPTQ's quantize_config.json).
Result<std::optional<PackedLayerFormat>> addConfig(const fs::path& folder, FolderArchive& archive)
{
    std::optional<PackedLayerFormat> packed;
    std::error_code ec;
    if (const fs::path older = folder / "quantize_config.json"; fs::exists(older, ec)) {
        auto config = readJson(older, kMaxConfigBytes);
        if (!config) {
            return std::unexpected(config.error());
        }
        if (!config->contains("quant_method")) {
            (*config)["quant_method"] = "gptq"; // AutoGPTQ wrote this file for GPTQ alone
        }
        packed = packedFormatOf(*config);
    }
    const fs::path path = folder / "config.json";
    if (!fs::exists(path, ec)) {
        return packed;
    }
    auto config = readJson(path, kMaxConfigBytes);
    if (!config) {
        return std::unexpected(config.error());
    }
    const std::string architecture = textOf((*config)["architectures"]);
    std::string name = textOf((*config)["_name_or_path"]);
    if (name.empty()) {
        name = folder.filename().string();
    }
    archive.addMetadata("model", name);
    if (!architecture.empty()) {
        archive.addMetadata("architecture", architecture);
    }
    for (const char* key : {"model_type", "torch_dtype"}) {
        if (const std::string value = textOf((*config)[key]); !value.empty()) {
            archive.addMetadata(key, value);
        }
    }
    if (const auto quantization = config->find("quantization_config");
        quantization != config->end() && quantization->is_object()) {
        archive.addMetadata("quantization", textOf((*quantization)["quant_method"]));
        if (auto format = packedFormatOf(*quantization)) {
            packed = format;
        }
    }
    return packed;
}

std::vector<fs::path> filesEndingIn(const fs::path& folder, std::initializer_list<const char*> ends,
                                    const char* startingWith = "")
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(folder, ec)) {
        const std::string name = item.path().filename().string();
        const bool matches = std::ranges::any_of(ends, [&](const char* end) {
            return name.ends_with(end) && name.starts_with(startingWith);
        });
        if (matches && item.is_regular_file(ec)) {
            files.push_back(item.path());
        }
        if (files.size() > kMaxShards) {
            break;
        }
    }
    std::ranges::sort(files);
    return files;
}

// pytorch_model.bin.index.json: {"weight_map": {name: shard}}. Each shard is opened once, and
// every name must be in the shard the index gives it.
Result<void> addTorchShards(const fs::path& index, FolderArchive& archive)
{
    auto document = readJson(index, kMaxIndexBytes);
    if (!document) {
        return std::unexpected(document.error());
    }
    const json& map = (*document)["weight_map"];
    if (!map.is_object()) {
        return fail(ErrorCode::BadHeader, "no \"weight_map\" object", index.string());
    }
    std::vector<std::string> shards;
    std::unordered_set<std::string> seen;
    for (const auto& [name, shard] : map.items()) {
        if (!shard.is_string() || shard.get<std::string>().find('/') != std::string::npos) {
            return fail(ErrorCode::BadHeader,
                        "\"" + name + "\" maps to something that is not a file beside the index",
                        index.string());
        }
        if (seen.insert(shard.get<std::string>()).second) {
            shards.push_back(shard.get<std::string>());
        }
    }
    for (const std::string& shard : shards) {
        auto file = openTorch((index.parent_path() / shard).string());
        if (!file) {
            return std::unexpected(file.error());
        }
        for (const auto& [name, where] : map.items()) {
            if (where.get<std::string>() == shard && !(*file)->find(name)) {
                return fail(ErrorCode::BadHeader,
                            "the index puts \"" + name + "\" in " + shard +
                                ", which does not hold it",
                            index.string());
            }
        }
        archive.addFile(std::move(*file));
    }
    return {};
}

} // namespace

Result<std::unique_ptr<TensorArchive>> openModelFolder(const std::string& folderName)
{
    const fs::path folder(folderName);
    std::error_code ec;
    // Which weights, in order of preference, and how each kind is opened into the archive.
    using Adder = std::function<Result<void>(FolderArchive&)>;
    const auto eachFile = [](std::vector<fs::path> files, auto opener) -> Adder {
        return [files = std::move(files), opener](FolderArchive& archive) -> Result<void> {
            for (const fs::path& file : files) {
                auto opened = opener(file.string());
                if (!opened) {
                    return std::unexpected(opened.error());
                }
                archive.addFile(std::move(*opened));
            }
            return {};
        };
    };
    auto torchFiles = filesEndingIn(folder, {".bin"}, "pytorch_model");
    for (const fs::path& file : filesEndingIn(folder, {".pt", ".pth"})) {
        torchFiles.push_back(file);
    }
    const fs::path safetensorsIndex = folder / "model.safetensors.index.json";
    const fs::path torchIndex = folder / "pytorch_model.bin.index.json";
    std::optional<std::pair<ArchiveFormat, Adder>> weights;
    if (fs::exists(safetensorsIndex, ec)) {
        weights.emplace(ArchiveFormat::Safetensors,
                        eachFile({safetensorsIndex}, openSafetensorsIndex));
    } else if (auto files = filesEndingIn(folder, {".safetensors"}); !files.empty()) {
        weights.emplace(ArchiveFormat::Safetensors, eachFile(std::move(files), openSafetensors));
    } else if (fs::exists(torchIndex, ec)) {
        weights.emplace(ArchiveFormat::Pytorch, [torchIndex](FolderArchive& archive) {
            return addTorchShards(torchIndex, archive);
        });
    } else if (!torchFiles.empty()) {
        weights.emplace(ArchiveFormat::Pytorch, eachFile(std::move(torchFiles), openTorch));
    } else {
        return fail(ErrorCode::UnsupportedFormat,
                    "a folder without model weights QuantScope reads (it looks for "
                    "model.safetensors.index.json, *.safetensors, pytorch_model.bin.index.json, "
                    "pytorch_model*.bin, *.pt and *.pth beside config.json)",
                    folderName);
    }
    auto archive = std::make_unique<FolderArchive>(folderName, weights->first);
    auto packed = addConfig(folder, *archive);
    if (!packed) {
        return std::unexpected(packed.error());
    }
    if (auto ok = weights->second(*archive); !ok) {
        return std::unexpected(ok.error());
    }
    if (*packed) {
        archive->addPackedLayers(**packed);
    }
    return std::unique_ptr<TensorArchive>(std::move(archive));
}

} // namespace qs
