#include "analysis/gguf_audit.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

namespace qs {
namespace {

struct FileTypeName
{
    std::uint32_t id;
    const char* name;
    const char* type;
};

// llama.h's llama_ftype: the name llama-quantize takes and the type most tensors get.
constexpr std::array kFileTypes{
    FileTypeName{0, "F32", "f32"},          FileTypeName{1, "F16", "f16"},
    FileTypeName{2, "Q4_0", "q4_0"},        FileTypeName{3, "Q4_1", "q4_1"},
    FileTypeName{7, "Q8_0", "q8_0"},        FileTypeName{8, "Q5_0", "q5_0"},
    FileTypeName{9, "Q5_1", "q5_1"},        FileTypeName{10, "Q2_K", "q2_k"},
    FileTypeName{11, "Q3_K_S", "q3_k"},     FileTypeName{12, "Q3_K_M", "q3_k"},
    FileTypeName{13, "Q3_K_L", "q3_k"},     FileTypeName{14, "Q4_K_S", "q4_k"},
    FileTypeName{15, "Q4_K_M", "q4_k"},     FileTypeName{16, "Q5_K_S", "q5_k"},
    FileTypeName{17, "Q5_K_M", "q5_k"},     FileTypeName{18, "Q6_K", "q6_k"},
    FileTypeName{19, "IQ2_XXS", "iq2_xxs"}, FileTypeName{20, "IQ2_XS", "iq2_xs"},
    FileTypeName{21, "Q2_K_S", "q2_k"},     FileTypeName{22, "IQ3_XS", "iq3_s"},
    FileTypeName{23, "IQ3_XXS", "iq3_xxs"}, FileTypeName{24, "IQ1_S", "iq1_s"},
    FileTypeName{25, "IQ4_NL", "iq4_nl"},   FileTypeName{26, "IQ3_S", "iq3_s"},
    FileTypeName{27, "IQ3_M", "iq3_s"},     FileTypeName{28, "IQ2_S", "iq2_s"},
    FileTypeName{29, "IQ2_M", "iq2_s"},     FileTypeName{30, "IQ4_XS", "iq4_xs"},
    FileTypeName{31, "IQ1_M", "iq1_m"},     FileTypeName{32, "BF16", "bf16"},
    FileTypeName{36, "TQ1_0", "tq1_0"},     FileTypeName{37, "TQ2_0", "tq2_0"},
    FileTypeName{38, "MXFP4_MOE", "mxfp4"},
};

std::optional<std::uint32_t> fileTypeOf(const Metadata& metadata)
{
    for (const auto& [key, value] : metadata) {
        if (key == "general.file_type") {
            std::uint32_t id = 0;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), id);
            if (error == std::errc() && end == value.data() + value.size()) {
                return id;
            }
        }
    }
    return std::nullopt;
}

std::string percentOf(std::uint64_t part, std::uint64_t whole)
{
    const double share =
        whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", share);
    return text;
}

void judgeLabel(GgufAudit& audit, const std::map<std::string, std::uint64_t>& matrixValues)
{
    std::uint64_t matrices = 0;
    for (const auto& [type, values] : matrixValues) {
        matrices += values;
        if (audit.dominantType.empty() || values > matrixValues.at(audit.dominantType)) {
            audit.dominantType = type;
        }
    }
    if (audit.claimedType.empty() || audit.dominantType.empty() ||
        audit.dominantType == audit.claimedType) {
        return;
    }
    audit.labelDisagrees = true;
    const auto claimed = matrixValues.find(audit.claimedType);
    const std::uint64_t claimedValues = claimed == matrixValues.end() ? 0 : claimed->second;
    audit.note = "general.file_type says " + audit.fileTypeName + " (mostly " + audit.claimedType +
                 "), but " + audit.claimedType + " holds " + percentOf(claimedValues, matrices) +
                 " of the matrices' values and " + audit.dominantType + " " +
                 percentOf(matrixValues.at(audit.dominantType), matrices);
}

} // namespace

double GgufTypeTotal::bitsPerValue() const
{
    return values == 0 ? 0.0 : 8.0 * static_cast<double>(bytes) / static_cast<double>(values);
}

double GgufAudit::bitsPerValue() const
{
    return values == 0 ? 0.0 : 8.0 * static_cast<double>(bytes) / static_cast<double>(values);
}

std::pair<std::string, std::string> llamaFileType(std::uint32_t fileType)
{
    const auto* found = std::ranges::find(kFileTypes, fileType, &FileTypeName::id);
    if (found == kFileTypes.end()) {
        return {};
    }
    return {found->name, found->type};
}

TypeMapCell typeMapCell(const std::string& name, const std::string& type)
{
    TypeMapCell cell{-1, name, name, type};
    std::string_view rest = name;
    if (rest.starts_with("blk.")) {
        rest.remove_prefix(4);
        int layer = 0;
        const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), layer);
        if (error == std::errc() && end < rest.data() + rest.size() && *end == '.') {
            cell.layer = layer;
            rest = std::string_view(end + 1, rest.data() + rest.size());
        } else {
            rest = name;
        }
    }
    for (const std::string_view suffix : {".weight", ".bias"}) {
        if (rest.ends_with(suffix)) {
            rest.remove_suffix(suffix.size());
        }
    }
    cell.role = std::string(rest);
    return cell;
}

std::optional<GgufAudit> auditGguf(const TensorArchive& archive)
{
    if (archive.format() != ArchiveFormat::Gguf) {
        return std::nullopt;
    }
    GgufAudit audit;
    std::map<std::string, GgufTypeTotal> byType;
    std::map<std::string, std::uint64_t> matrixValues; // of the 2-D and larger tensors
    for (const TensorEntry& entry : archive.entries()) {
        GgufTypeTotal& total = byType[entry.dtype];
        total.type = entry.dtype;
        ++total.tensors;
        total.values += entry.count;
        total.bytes += entry.bytes;
        audit.values += entry.count;
        audit.bytes += entry.bytes;
        if (entry.shape.size() >= 2) {
            matrixValues[entry.dtype] += entry.count;
        }
        audit.typeMap.push_back(typeMapCell(entry.name, entry.dtype));
    }
    for (auto& [type, total] : byType) {
        audit.types.push_back(std::move(total));
    }
    std::ranges::stable_sort(audit.types, std::greater<>(), &GgufTypeTotal::bytes);
    audit.fileType = fileTypeOf(archive.metadata());
    if (audit.fileType) {
        std::tie(audit.fileTypeName, audit.claimedType) = llamaFileType(*audit.fileType);
    }
    judgeLabel(audit, matrixValues);
    return audit;
}

} // namespace qs
