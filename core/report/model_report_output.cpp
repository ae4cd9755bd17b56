#include "report/model_report_output.h"

#include "common/printable_text.h"
#include "report/csv_fields.h"
#include "report/json_fields.h"
#include "report/readable_numbers.h"
#include "report/text_escape.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>

namespace qs {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// The numeric columns every format shares, in order.
struct Column
{
    const char* key;
    double (*value)(const TensorReportRow&);
};

constexpr Column kColumns[] = {
    {"count",
     [](const TensorReportRow& r) {
         return static_cast<double>(r.count);
     }},
    {"min",
     [](const TensorReportRow& r) {
         return r.min;
     }},
    {"max",
     [](const TensorReportRow& r) {
         return r.max;
     }},
    {"mean",
     [](const TensorReportRow& r) {
         return r.mean;
     }},
    {"std",
     [](const TensorReportRow& r) {
         return r.std;
     }},
    {"max_over_std",
     [](const TensorReportRow& r) {
         return r.maxAbsOverStd;
     }},
    {"excess_kurtosis",
     [](const TensorReportRow& r) {
         return r.outliers.excessKurtosis;
     }},
    {"abs_p97_5",
     [](const TensorReportRow& r) {
         return r.outliers.absPercentile;
     }},
    {"peak_ratio",
     [](const TensorReportRow& r) {
         return r.outliers.peakRatio();
     }},
    {"beyond_6_sigma",
     [](const TensorReportRow& r) {
         return static_cast<double>(r.outliers.beyondSixSigma);
     }},
    {"magnitude_ge_6",
     [](const TensorReportRow& r) {
         return static_cast<double>(r.outliers.magnitudeAtLeastSix);
     }},
    {"sqnr_db",
     [](const TensorReportRow& r) {
         return r.sqnrDb;
     }},
    {"zero_code_fraction",
     [](const TensorReportRow& r) {
         return r.zeroCodeFraction;
     }},
    {"per_tensor_sqnr_db",
     [](const TensorReportRow& r) {
         return r.perTensorSqnrDb.value_or(kMissing);
     }},
    {"per_channel_sqnr_db",
     [](const TensorReportRow& r) {
         return r.perChannelSqnrDb.value_or(kMissing);
     }},
    {"per_channel_gain_db",
     [](const TensorReportRow& r) {
         return r.perChannelGainDb().value_or(kMissing);
     }},
};

bool isCountColumn(std::string_view key)
{
    return key == "count" || key == "beyond_6_sigma" || key == "magnitude_ge_6";
}

std::string flags(const TensorReportRow& row, const std::string& quantizedFlag = "quantized")
{
    std::string text;
    const auto add = [&](const char* flag) {
        text += (text.empty() ? "" : ",") + std::string(flag);
    };
    if (row.outliers.modelReportOutlier()) {
        add("p100/p97.5");
    }
    if (row.outliers.beyondSixSigma > 0) {
        add("6σ");
    }
    if (row.outliers.magnitudeAtLeastSix > 0) {
        add("|x|≥6");
    }
    if (row.alreadyQuantized) {
        add(quantizedFlag.c_str());
    }
    return text;
}

std::vector<const TensorReportRow*> worstFirst(const ModelReport& report)
{
    std::vector<const TensorReportRow*> rows;
    rows.reserve(report.tensors.size());
    for (const TensorReportRow& row : report.tensors) {
        rows.push_back(&row);
    }
    std::ranges::stable_sort(rows, [](const TensorReportRow* a, const TensorReportRow* b) {
        return a->sqnrDb < b->sqnrDb;
    });
    return rows;
}

// The columns a person reads (ReportWords::modelColumns), rounded for reading (JSON and CSV
// keep every digit).
std::string bestFormatCell(const TensorReportRow& row)
{
    if (!row.bestFormat) {
        return "—";
    }
    char text[96];
    std::snprintf(text, sizeof text, " (%.2f dB, %.2f bits)", row.bestFormat->sqnrDb,
                  row.bestFormat->bitsPerValue);
    return row.bestFormat->name + text;
}

std::vector<std::string> columnsOf(const ModelReport& report, const ReportWords& words)
{
    std::vector<std::string> columns = words.modelColumns;
    if (report.bestFormatBits != 0) {
        columns.push_back(
            fillPattern(words.bestFormatColumn, {std::to_string(report.bestFormatBits)}));
    }
    if (report.reference) {
        columns.push_back(words.referenceSqnrColumn);
    }
    return columns;
}

std::vector<std::string> shownCells(const ModelReport& report, const TensorReportRow& row,
                                    const ReportWords& words)
{
    const auto fixed = [](double value, const char* format) {
        if (std::isnan(value)) {
            return std::string("—");
        }
        if (std::isinf(value)) {
            return std::string("∞");
        }
        char text[32];
        std::snprintf(text, sizeof text, format, value);
        return std::string(text);
    };
    const auto gain = row.perChannelGainDb();
    std::vector<std::string> cells{printable(row.name),
                                   shapeToString(row.shape),
                                   row.dtype,
                                   fixed(row.sqnrDb, "%.2f"),
                                   gain ? fixed(*gain, "%.2f") : "—",
                                   fixed(100 * row.zeroCodeFraction, "%.1f%%"),
                                   fixed(row.maxAbsOverStd, "%.1f"),
                                   flags(row, words.quantizedFlag)};
    if (report.bestFormatBits != 0) {
        cells.push_back(bestFormatCell(row));
    }
    if (report.reference) {
        const auto& tensors = report.reference->tensors;
        const auto match = std::ranges::find(tensors, row.name, &ReferenceMatch::name);
        cells.push_back(match != tensors.end() && match->stored
                            ? fixed(match->stored->sqnrDb, "%.2f")
                            : std::string("—"));
    }
    return cells;
}

// "symmetric, 8-bit, tensor, calibration minmax" or "nvfp4, calibration minmax".
std::string schemeWords(const ModelReport& report, const ReportWords& w)
{
    const std::string calibration(calibrationName(report.spec.calibration.method));
    return report.spec.isIntegerGrid()
               ? fillPattern(w.modelScheme,
                             {std::string(schemeName(report.spec.scheme)),
                              std::to_string(report.spec.bits),
                              std::string(granularityName(report.spec.granularity)), calibration})
               : fillPattern(
                     w.modelFormat,
                     {std::string(numberFormatName(report.spec.format.format)), calibration});
}

// The file, and for a model folder the model it holds: "models/llama (tiny/llama, Llama...)".
std::string fileLabel(const ModelReport& report)
{
    return report.model.empty() ? report.file : report.file + " (" + report.model + ")";
}

std::string summaryLine(const ModelReport& report, const ReportWords& w)
{
    return fillPattern(w.modelSummary,
                       {fileLabel(report), std::string(archiveFormatName(report.format)),
                        std::to_string(report.tensors.size()), schemeWords(report, w),
                        std::to_string(report.skipped.size())});
}

// The number format's variant options in force (the analyze JSON's "format" object without what
// depends on one tensor: its bits per value and NVFP4's tensor scale).
json formatOptionsJson(const QuantSpec& spec)
{
    json format = formatJson(spec, 1, 1, std::nullopt);
    format.erase("name");
    format.erase("bits_per_value");
    // The spec asked for carries a block format's blocks in the format, not as groups.
    const FormatInfo& info = formatInfo(spec.format.format);
    if (info.fixedBlockSize > 0) {
        format["block_size"] = info.fixedBlockSize;
    } else if (info.family == FormatFamily::Bitsandbytes) {
        format["block_size"] = spec.format.blockSize;
    }
    return format;
}

} // namespace

namespace {

// The GGUF audit and the recipe as plain sentences (empty for other files), and the recipe's
// llama-quantize lines.
std::vector<std::string> ggufSentences(const ModelReport& report, const ReportWords& w)
{
    std::vector<std::string> out;
    if (const auto& audit = report.gguf) {
        std::string types;
        for (const GgufTypeTotal& t : audit->types) {
            types += (types.empty() ? "" : ", ") + t.type + " × " + std::to_string(t.tensors);
        }
        out.push_back(fillPattern(
            w.ggufAudit, {bitsText(audit->bitsPerValue()), std::to_string(audit->values), types,
                          audit->fileTypeName.empty() ? "—" : audit->fileTypeName}));
        if (audit->labelDisagrees) {
            out.push_back(fillPattern(w.labelDisagrees, {audit->note}));
        }
    }
    if (const auto& r = report.recipe) {
        out.push_back(fillPattern(
            w.recipeSummary, {bitsText(r->budget), bitsText(r->recipe.bitsPerValue),
                              float32Text(r->recipe.totalError), bitsText(r->currentBitsPerValue),
                              float32Text(r->currentError)}));
    }
    return out;
}

} // namespace

std::string modelReportHtml(const ModelReport& report, const std::string& chart,
                            const ReportWords& w)
{
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(w.language) +
        "\"><head><meta charset=\"utf-8\"><title>" + escapeHtml(w.modelTitle) +
        "</title>\n<style>body{font-family:'DejaVu Sans','WenQuanYi Micro Hei',sans-serif;"
        "margin:2em}table{border-collapse:collapse}tr{page-break-inside:avoid;break-inside:avoid}"
        "td,th{border:1px solid #ccc;padding:.2em .5em}td:first-child{overflow-wrap:anywhere}"
        ".flagged{background:#ffe8d0}pre{white-space:pre-wrap;overflow-wrap:anywhere}"
        ".chart svg{display:block;width:100%;height:auto}</style>"
        "</head><body>\n<h1>" +
        escapeHtml(w.modelTitle) + "</h1>\n<p>" + escapeHtml(summaryLine(report, w)) + "</p>\n";
    for (const std::string& sentence : ggufSentences(report, w)) {
        out += "<p>" + escapeHtml(sentence) + "</p>\n";
    }
    if (report.recipe && !report.recipe->arguments.empty()) {
        out += "<pre>" + escapeHtml(report.recipe->arguments) + "</pre>\n";
    }
    out += "<div class=\"chart\">" + chart + "</div>\n<table width=\"100%\">\n<tr>";
    for (const std::string& column : columnsOf(report, w)) {
        out += "<th>" + escapeHtml(column) + "</th>";
    }
    out += "</tr>\n";
    for (const TensorReportRow* row : worstFirst(report)) {
        out += isOutlierTensor(*row) ? "<tr class=\"flagged\">" : "<tr>";
        for (const std::string& cell : shownCells(report, *row, w)) {
            out += "<td>" + escapeHtml(cell) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</table>\n</body></html>\n";
}

std::string modelReportMarkdown(const ModelReport& report, const std::string& chart,
                                const ReportWords& w)
{
    std::string out =
        "# " + w.modelTitle + "\n\n" + escapeMarkdown(summaryLine(report, w)) + "\n\n";
    for (const std::string& sentence : ggufSentences(report, w)) {
        out += escapeMarkdown(sentence) + "\n\n";
    }
    if (report.recipe && !report.recipe->arguments.empty()) {
        out += "```\n" + report.recipe->arguments + "```\n\n";
    }
    if (!chart.empty()) {
        out += "![" + w.worstChart + "](" + chart + ")\n\n";
    }
    out += "|";
    const std::vector<std::string> columns = columnsOf(report, w);
    for (const std::string& column : columns) {
        out += " " + escapeMarkdown(column) + " |";
    }
    out += "\n|";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        out += "---|";
    }
    out += "\n";
    for (const TensorReportRow* row : worstFirst(report)) {
        out += "|";
        for (const std::string& cell : shownCells(report, *row, w)) {
            out += " " + escapeMarkdown(cell) + " |";
        }
        out += "\n";
    }
    return out;
}

bool isOutlierTensor(const TensorReportRow& row)
{
    return row.outliers.modelReportOutlier() || row.outliers.beyondSixSigma > 0 ||
           row.outliers.magnitudeAtLeastSix > 0;
}

namespace {

double bitsPerStoredValue(const TensorReportRow& row)
{
    return row.count == 0 ? 0.0
                          : 8.0 * static_cast<double>(row.bytes) / static_cast<double>(row.count);
}

json referenceMetricsJson(const ReferenceMetrics& m)
{
    return {{"sqnr_db", number(m.sqnrDb)},
            {"mse", number(m.mse)},
            {"max_abs_error", number(m.maxAbsError)},
            {"cosine_similarity", number(m.cosineSimilarity)}};
}

json typesOnReferenceJson(const std::vector<TypeOnReference>& types)
{
    json out = json::array();
    for (const TypeOnReference& t : types) {
        json item = referenceMetricsJson(t.metrics);
        item["type"] = t.type;
        item["bits_per_value"] = number(t.bitsPerValue);
        item["bytes"] = t.bytes;
        out.push_back(std::move(item));
    }
    return out;
}

// What the reference says of tensor `name`, in the tensor's JSON object.
void addReference(json& item, const ReferenceComparison& comparison, const std::string& name)
{
    const auto found = std::ranges::find(comparison.tensors, name, &ReferenceMatch::name);
    if (found == comparison.tensors.end()) {
        return;
    }
    if (found->stored) {
        item["reference"] = referenceMetricsJson(*found->stored);
        item["reference"]["name"] = found->referenceName;
        item["alternatives"] = typesOnReferenceJson(found->alternatives);
    } else {
        item["reference"] = nullptr;
        item["reference_note"] = found->note;
    }
}

json ggufAuditJson(const GgufAudit& audit)
{
    json types = json::array();
    for (const GgufTypeTotal& t : audit.types) {
        types.push_back({{"type", t.type},
                         {"tensors", t.tensors},
                         {"values", t.values},
                         {"bytes", t.bytes},
                         {"bits_per_value", number(t.bitsPerValue())}});
    }
    json map = json::array();
    for (const TypeMapCell& cell : audit.typeMap) {
        map.push_back({{"name", cell.name},
                       {"layer", cell.layer < 0 ? json(nullptr) : json(cell.layer)},
                       {"role", cell.role},
                       {"type", cell.type}});
    }
    return {
        {"file_type", audit.fileType ? json(*audit.fileType) : json(nullptr)},
        {"file_type_name", audit.fileTypeName.empty() ? json(nullptr) : json(audit.fileTypeName)},
        {"claimed_type", audit.claimedType.empty() ? json(nullptr) : json(audit.claimedType)},
        {"dominant_type", audit.dominantType},
        {"label_disagrees", audit.labelDisagrees},
        {"note", audit.note},
        {"values", audit.values},
        {"bytes", audit.bytes},
        {"bits_per_value", number(audit.bitsPerValue())},
        {"types", std::move(types)},
        {"type_map", std::move(map)}};
}

// Each tensor against the reference, and the best other type of its class.
std::string referenceText(const ReferenceComparison& comparison)
{
    std::string text = "against " + comparison.referenceFile + ":\n";
    char line[512];
    for (const ReferenceMatch& m : comparison.tensors) {
        if (!m.stored) {
            text += "  " + printable(m.name) + ": " + printable(m.note, kPrintableLineBytes) + "\n";
            continue;
        }
        std::string best;
        const auto top = std::ranges::max_element(
            m.alternatives, {}, [](const TypeOnReference& t) { return t.metrics.sqnrDb; });
        if (top != m.alternatives.end()) {
            std::snprintf(line, sizeof line, "; best alternative %s %.2f dB at %.4g bits",
                          top->type.c_str(), top->metrics.sqnrDb, top->bitsPerValue);
            best = line;
        }
        std::snprintf(line, sizeof line, "  %-40s %-8s SQNR %7.2f dB, cosine %.6f%s\n",
                      printable(m.name).c_str(), m.type.c_str(), m.stored->sqnrDb,
                      m.stored->cosineSimilarity, best.c_str());
        text += line;
    }
    return text;
}

json recipeJson(const ReferenceRecipe& r)
{
    json tensors = json::array();
    for (std::size_t t = 0; t < r.tensors.size(); ++t) {
        const RecipeTensor& tensor = r.tensors[t];
        const RecipeCandidate& chosen = tensor.candidates[r.recipe.choice[t]];
        tensors.push_back({{"name", tensor.name},
                           {"type", chosen.type},
                           {"current", tensor.current},
                           {"bytes", chosen.bytes},
                           {"error", number(chosen.error)}});
    }
    return {{"budget_bits_per_value", number(r.budget)},
            {"bits_per_value", number(r.recipe.bitsPerValue)},
            {"total_error", number(r.recipe.totalError)},
            {"current_bits_per_value", number(r.currentBitsPerValue)},
            {"current_total_error", number(r.currentError)},
            {"tensors", std::move(tensors)},
            {"arguments", r.arguments}};
}

// The recipe for the terminal: the figures, then the llama-quantize lines.
std::string recipeText(const ReferenceRecipe& r)
{
    char line[256];
    std::snprintf(line, sizeof line,
                  "recipe within %.4g bits per value: %.4g bits per value, total squared error "
                  "%.6g (the file: %.4g bits per value, %.6g)\n",
                  r.budget, r.recipe.bitsPerValue, r.recipe.totalError, r.currentBitsPerValue,
                  r.currentError);
    return line + (r.arguments.empty() ? std::string("  (no tensor changes type)\n") : r.arguments);
}

// The audit in a few lines for the terminal.
std::string ggufAuditText(const GgufAudit& audit)
{
    char line[256];
    std::string text = "GGUF: ";
    text += audit.fileType ? "general.file_type " + std::to_string(*audit.fileType) +
                                 (audit.fileTypeName.empty() ? "" : " (" + audit.fileTypeName + ")")
                           : std::string("no general.file_type");
    std::snprintf(line, sizeof line, "; %.4g bits per value over %llu values\n",
                  audit.bitsPerValue(), static_cast<unsigned long long>(audit.values));
    text += line;
    for (const GgufTypeTotal& t : audit.types) {
        std::snprintf(line, sizeof line,
                      "  %-8s %5zu tensors  %12llu values  %8.4g bits/value  %s\n", t.type.c_str(),
                      t.tensors, static_cast<unsigned long long>(t.values), t.bitsPerValue(),
                      formatBytes(t.bytes).c_str());
        text += line;
    }
    if (audit.labelDisagrees) {
        text += "  label disagrees: " + audit.note + "\n";
    }
    return text;
}

} // namespace

std::string modelReportJson(const ModelReport& report)
{
    json out;
    out["file"] = report.file;
    if (!report.model.empty()) {
        out["model"] = report.model;
    }
    out["format"] = std::string(archiveFormatName(report.format));
    out["scheme"] = schemeJson(report.spec);
    out["channel_axis"] = report.channelAxis;
    out["number_format"] = std::string(numberFormatName(report.spec.format.format));
    out["number_format_options"] = formatOptionsJson(report.spec);
    if (report.bestFormatBits != 0) {
        out["best_format_bits"] = report.bestFormatBits;
    }
    json tensors = json::array();
    for (const TensorReportRow& row : report.tensors) {
        json item;
        item["name"] = row.name;
        item["shape"] = row.shape;
        item["dtype"] = row.dtype;
        for (const Column& column : kColumns) {
            if (isCountColumn(column.key)) {
                item[column.key] = static_cast<std::uint64_t>(column.value(row));
            } else {
                item[column.key] = number(column.value(row));
            }
        }
        item["outlier_model_report"] = row.outliers.modelReportOutlier();
        item["outlier_llm_int8"] = row.outliers.magnitudeAtLeastSix > 0;
        item["already_quantized"] = row.alreadyQuantized;
        item["bytes"] = row.bytes;
        item["bits_per_value"] = number(bitsPerStoredValue(row));
        if (report.gguf) {
            item["type"] = row.dtype; // ggml's name of the stored type
        }
        if (report.reference) {
            addReference(item, *report.reference, row.name);
        }
        if (report.bestFormatBits != 0) {
            item["best_format"] = row.bestFormat
                                      ? json{{"format", row.bestFormat->name},
                                             {"sqnr_db", number(row.bestFormat->sqnrDb)},
                                             {"bits_per_value", row.bestFormat->bitsPerValue}}
                                      : json(nullptr);
        }
        tensors.push_back(std::move(item));
    }
    out["tensors"] = std::move(tensors);
    json skipped = json::array();
    for (const SkippedTensor& skip : report.skipped) {
        skipped.push_back({{"name", skip.name}, {"reason", skip.reason}});
    }
    out["skipped"] = std::move(skipped);
    if (report.gguf) {
        out["gguf"] = ggufAuditJson(*report.gguf);
    }
    if (report.recipe) {
        out["recipe"] = recipeJson(*report.recipe);
    }
    if (report.reference) {
        out["reference_file"] = report.reference->referenceFile;
        json unmatched = json::array();
        for (const ReferenceMatch& m : report.reference->tensors) {
            if (!m.stored) {
                unmatched.push_back({{"name", m.name}, {"note", m.note}});
            }
        }
        out["reference_unmatched"] = std::move(unmatched);
    }
    return dumpJson(out);
}

std::string modelReportCsv(const ModelReport& report)
{
    std::string out = "name,shape,dtype";
    for (const Column& column : kColumns) {
        out += std::string(",") + column.key;
    }
    out += ",outlier_model_report,outlier_llm_int8,already_quantized";
    const bool best = report.bestFormatBits != 0;
    out += best ? ",best_format,best_format_sqnr_db,best_format_bits_per_value" : "";
    out += ",bytes,bits_per_value"; // as stored
    out += report.reference ? ",reference_sqnr_db,reference_mse,reference_max_abs_error,"
                              "reference_cosine_similarity\n"
                            : "\n";
    for (const TensorReportRow& row : report.tensors) {
        out += csvField(row.name) + "," + csvField(shapeToString(row.shape)) + "," +
               csvField(row.dtype);
        for (const Column& column : kColumns) {
            const double value = column.value(row);
            out += "," + (std::isnan(value) && !isCountColumn(column.key) ? std::string()
                                                                          : csvNumber(value));
        }
        out += std::string(",") + (row.outliers.modelReportOutlier() ? "true" : "false") + "," +
               (row.outliers.magnitudeAtLeastSix > 0 ? "true" : "false") + "," +
               (row.alreadyQuantized ? "true" : "false");
        if (best) {
            out += row.bestFormat ? "," + csvField(row.bestFormat->name) + "," +
                                        csvNumber(row.bestFormat->sqnrDb) + "," +
                                        csvNumber(row.bestFormat->bitsPerValue)
                                  : std::string(",,,");
        }
        out += "," + std::to_string(row.bytes) + "," + csvNumber(bitsPerStoredValue(row));
        if (report.reference) {
            const auto& tensors = report.reference->tensors;
            const auto m = std::ranges::find(tensors, row.name, &ReferenceMatch::name);
            out += m != tensors.end() && m->stored
                       ? "," + csvNumber(m->stored->sqnrDb) + "," + csvNumber(m->stored->mse) +
                             "," + csvNumber(m->stored->maxAbsError) + "," +
                             csvNumber(m->stored->cosineSimilarity)
                       : std::string(",,,,");
        }
        out += "\n";
    }
    return out;
}

std::string modelReportText(const ModelReport& report)
{
    const std::vector<const TensorReportRow*> rows = worstFirst(report);
    std::size_t nameWidth = 6;
    for (const TensorReportRow* row : rows) {
        nameWidth = std::max(nameWidth, row->name.size());
    }
    nameWidth = std::min<std::size_t>(nameWidth, 60);

    std::string text = report.gguf ? ggufAuditText(*report.gguf) : std::string();
    if (report.reference) {
        text += referenceText(*report.reference);
    }
    if (report.recipe) {
        text += recipeText(*report.recipe);
    }
    text += fileLabel(report) + " (" + std::string(archiveFormatName(report.format)) +
            "): " + std::to_string(report.tensors.size()) + " tensors analysed under " +
            schemeWords(report, ReportWords{}) + ", worst SQNR first\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-16s  %9s  %9s  %8s  %9s  %9s  %9s  %s\n",
                  static_cast<int>(nameWidth), "tensor", "shape", "max/std", "kurtosis", "SQNR dB",
                  "zero code", "per-ch dB", "gain dB", "flags");
    text += line;
    const auto optional = [](std::optional<double> value) {
        char cell[32];
        if (!value) {
            return std::string("—");
        }
        std::snprintf(cell, sizeof cell, "%.2f", *value);
        return std::string(cell);
    };
    for (const TensorReportRow* row : rows) {
        std::snprintf(
            line, sizeof line, "%-*s  %-16s  %9.1f  %9.1f  %8.2f  %8.1f%%  %9s  %9s  %s\n",
            static_cast<int>(nameWidth), row->name.c_str(), shapeToString(row->shape).c_str(),
            row->maxAbsOverStd, row->outliers.excessKurtosis, row->sqnrDb,
            100.0 * row->zeroCodeFraction, optional(row->perChannelSqnrDb).c_str(),
            optional(row->perChannelGainDb()).c_str(), flags(*row).c_str());
        text += line;
        if (report.bestFormatBits != 0) {
            text += "    best " + std::to_string(report.bestFormatBits) +
                    "-bit format: " + bestFormatCell(*row) + "\n";
        }
    }
    // Integer tensors (shapes, indices) are many in ONNX graphs and expected: counted, not listed.
    const auto notFloat = std::ranges::count_if(report.skipped, [](const SkippedTensor& skip) {
        return skip.reason.starts_with(kNotFloatingPoint);
    });
    if (notFloat > 0) {
        text += std::to_string(notFloat) + " tensors skipped as " + std::string(kNotFloatingPoint) +
                "\n";
    }
    for (const SkippedTensor& skip : report.skipped) {
        if (!skip.reason.starts_with(kNotFloatingPoint)) {
            text += "skipped " + printable(skip.name) + ": " +
                    printable(skip.reason, kPrintableLineBytes) + "\n";
        }
    }
    return text;
}

} // namespace qs
