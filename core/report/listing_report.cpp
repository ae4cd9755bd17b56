#include "report/listing_report.h"

#include "common/printable_text.h"

#include <algorithm>
#include <cstdio>

namespace qs {

json unsafeListingJson(const std::string& path, const Error& error)
{
    json out;
    out["file"] = path;
    out["unsafe"] = true;
    out["reason"] = error.message;
    out["tensors"] = json::array();
    return out;
}

json listingJson(const TensorArchive& archive)
{
    json out;
    out["file"] = archive.path();
    out["format"] = std::string(archiveFormatName(archive.format()));
    if (!archive.metadata().empty()) {
        json metadata = json::object();
        for (const auto& [key, value] : archive.metadata()) {
            metadata[key] = value;
        }
        out["metadata"] = std::move(metadata);
    }
    json tensors = json::array();
    for (const TensorEntry& entry : archive.entries()) {
        json item;
        item["name"] = entry.name;
        item["shape"] = entry.shape;
        item["dtype"] = entry.dtype;
        item["count"] = entry.count;
        item["bytes"] = entry.bytes;
        if (entry.alreadyQuantized) {
            item["already_quantized"] = true;
        }
        if (!entry.unsupported.empty()) {
            item["unsupported"] = entry.unsupported;
        }
        tensors.push_back(std::move(item));
    }
    out["tensors"] = std::move(tensors);
    return out;
}

std::string listingText(const TensorArchive& archive)
{
    std::string text = printable(archive.path(), kPrintableLineBytes) + " (" +
                       std::string(archiveFormatName(archive.format())) + ", " +
                       std::to_string(archive.entries().size()) + " tensor" +
                       (archive.entries().size() == 1 ? "" : "s") + ")\n";
    for (const auto& [key, value] : archive.metadata()) {
        text.append("  ").append(printable(key)).append(": ").append(printable(value)).append("\n");
    }
    std::size_t nameWidth = 4;
    for (const TensorEntry& entry : archive.entries()) {
        nameWidth = std::max(nameWidth, printable(entry.name).size());
    }
    nameWidth = std::min<std::size_t>(nameWidth, 60);
    std::size_t dtypeWidth = 14; // wider for a decoded layer's "gptq int4 (group 128)"
    for (const TensorEntry& entry : archive.entries()) {
        dtypeWidth = std::max(dtypeWidth, std::min<std::size_t>(printable(entry.dtype).size(), 40));
    }
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-20s  %-*s  %12s  %10s\n", static_cast<int>(nameWidth),
                  "name", "shape", static_cast<int>(dtypeWidth), "dtype", "count", "size");
    text += line;
    for (const TensorEntry& entry : archive.entries()) {
        std::snprintf(line, sizeof line, "%-*s  %-20s  %-*s  %12llu  %10s",
                      static_cast<int>(nameWidth), printable(entry.name).c_str(),
                      shapeToString(entry.shape).c_str(), static_cast<int>(dtypeWidth),
                      printable(entry.dtype).c_str(), static_cast<unsigned long long>(entry.count),
                      formatBytes(entry.bytes).c_str());
        text += line;
        if (entry.alreadyQuantized) {
            text += "  already quantized";
        }
        if (!entry.unsupported.empty()) {
            text += "  unsupported: " + printable(entry.unsupported, kPrintableLineBytes);
        }
        text += "\n";
    }
    return text;
}

} // namespace qs
