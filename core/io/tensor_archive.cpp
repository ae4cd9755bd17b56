#include "io/tensor_archive.h"

#include "io/archive_support.h"
#include "io/byte_reader.h"
#include "io/csv_reader.h"
#include "io/gguf_archive.h"
#include "io/npy_reader.h"
#include "io/npz_archive.h"
#include "io/onnx_archive.h"
#include "io/raw_reader.h"
#include "io/safetensors_archive.h"
#include "io/tensor_source.h"
#include "io/tfjs_archive.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>
#include <filesystem>

namespace qs {
namespace {

// Manifests and indexes are small; a bigger .json is not one of them.
constexpr std::uint64_t kMaxJsonBytes = 64'000'000;

// .npy, .csv and raw files hold one tensor. An .npy file is described from its header alone;
// text and raw files are read whole when opened (their shape comes from the data).
class SingleTensorArchive final : public TensorArchive
{
public:
    SingleTensorArchive(const FileSpec& file, ArchiveFormat format)
        : TensorArchive(file.path, format), m_file(file)
    {}

    Result<void> scan()
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

    Result<LoadedTensor> load(std::size_t index) override
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

private:
    Result<LoadedTensor> readWhole() const
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

    FileSpec m_file;
    std::optional<LoadedTensor> m_cached;
};

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

std::string_view archiveFormatName(ArchiveFormat format)
{
    static constexpr std::array kNames{"npy", "csv",  "raw",  "safetensors",
                                       "npz", "onnx", "tfjs", "gguf"};
    return kNames[static_cast<std::size_t>(format)];
}

std::optional<std::size_t> TensorArchive::find(std::string_view name) const
{
    const auto it = std::ranges::find(m_entries, name, &TensorEntry::name);
    if (it == m_entries.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - m_entries.begin());
}

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
    auto archive = std::make_unique<SingleTensorArchive>(file, *format);
    if (auto ok = archive->scan(); !ok) {
        return std::unexpected(ok.error());
    }
    return archive;
}

Result<std::size_t> selectEntry(const TensorArchive& archive, const std::string& tensorName)
{
    const auto& entries = archive.entries();
    if (tensorName.empty() && entries.size() == 1) {
        return 0;
    }
    if (!tensorName.empty()) {
        if (const auto index = archive.find(tensorName)) {
            return *index;
        }
    }
    if (entries.empty()) {
        return fail(ErrorCode::TensorNotFound, "holds no tensors", archive.path());
    }
    // List the names so the user can pick one without another command.
    constexpr std::size_t kListed = 12;
    std::string names;
    for (std::size_t i = 0; i < std::min(entries.size(), kListed); ++i) {
        names += (i > 0 ? ", " : "") + entries[i].name;
    }
    if (entries.size() > kListed) {
        names += ", … (" + std::to_string(entries.size() - kListed) +
                 " more; `quantscope-cli list` shows all)";
    }
    const std::string held = "holds " + std::to_string(entries.size()) + " tensor" +
                             (entries.size() == 1 ? "" : "s") + ": " + names;
    if (tensorName.empty()) {
        return fail(ErrorCode::TensorNotFound, held + "; pick one with FILE#NAME", archive.path());
    }
    return fail(ErrorCode::TensorNotFound, "has no tensor '" + tensorName + "'; it " + held,
                archive.path());
}

std::string formatBytes(std::uint64_t bytes)
{
    static constexpr std::array kUnits{"B", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1000 && unit + 1 < kUnits.size()) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
    return text;
}

} // namespace qs
