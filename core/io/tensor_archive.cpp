#include "io/tensor_archive.h"

#include "common/memory_budget.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <new>

namespace qs {

std::string_view archiveFormatName(ArchiveFormat format)
{
    static constexpr std::array kNames{"npy",  "csv",  "raw",  "safetensors", "npz",
                                       "onnx", "tfjs", "gguf", "pytorch"};
    return kNames[static_cast<std::size_t>(format)];
}

std::optional<std::size_t> TensorArchive::find(std::string_view name) const
{
    if (m_indexed != m_entries.size()) {
        m_indexed = m_entries.size();
        m_byName.clear();
        m_byName.reserve(m_entries.size());
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            m_byName.try_emplace(m_entries[i].name, i); // the first of equal names, as before
        }
    }
    const auto it = m_byName.find(name);
    if (it == m_byName.end()) {
        return std::nullopt;
    }
    return it->second;
}

Result<LoadedTensor> TensorArchive::load(std::size_t index)
{
    const TensorEntry& entry = m_entries.at(index);
    const std::string label = m_path + "#" + entry.name;
    if (entry.unsupported.empty()) {
        // The float32 values, and the stored bytes a reader copies beside them (a mapped file
        // hands them out in place). Saturating: a header's count cannot wrap the sum.
        const std::uint64_t copied = stored(index) ? 0 : entry.bytes;
        constexpr std::uint64_t kMax = UINT64_MAX / 2;
        const std::uint64_t needed = entry.count > kMax / sizeof(float) || copied > kMax
                                         ? UINT64_MAX
                                         : entry.count * sizeof(float) + copied;
        if (const std::uint64_t budget = memoryBudgetBytes(); needed > budget) {
            return fail(ErrorCode::TooLarge,
                        "converting its " + std::to_string(entry.count) + " values needs " +
                            formatBytes(needed) + ", more than the " + formatBytes(budget) +
                            " of memory this process may use",
                        label);
        }
    }
    try {
        return loadEntry(index);
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::TooLarge,
                    "out of memory converting its " + std::to_string(entry.count) + " values (" +
                        formatBytes(entry.count * sizeof(float)) + " as float32)",
                    label);
    }
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
