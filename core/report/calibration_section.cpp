#include "report/calibration_section.h"

#include "report/readable_numbers.h"
#include "report/text_escape.h"

#include <array>
#include <vector>

namespace qs {
namespace {

constexpr std::size_t kColumnCount = 5;

std::array<std::string, kColumnCount> headings(const ReportWords& w)
{
    return {w.calibration, w.asComputedBy, w.threshold, metricLabel(w, "mse"), w.sqnrDb};
}

std::array<std::string, kColumnCount> cells(const json& row, const ReportWords& w)
{
    const json& sqnr = row.at("sqnr_db");
    std::string name = row.at("calibration").get<std::string>();
    if (row.at("chosen").get<bool>()) {
        name += " (" + w.chosen + ")";
    }
    return {name, row.at("variant").is_null() ? "—" : row.at("variant").get<std::string>(),
            float32Text(row.at("threshold").get<double>()),
            float32Text(row.at("mse").get<double>()),
            sqnr.is_null() ? "∞" : fixedText(sqnr.get<double>(), 2)};
}

// The rows as the pages show them: each method's first row (its default variant), then the
// frameworks' variants of that method, as the window's table has them.
std::vector<const json*> pageOrder(const json& section)
{
    std::vector<const json*> out;
    std::vector<bool> placed(section.size(), false);
    for (std::size_t r = 0; r < section.size(); ++r) {
        if (placed[r]) {
            continue;
        }
        const json& method = section[r].at("calibration");
        for (std::size_t v = r; v < section.size(); ++v) {
            if (!placed[v] && section[v].at("calibration") == method) {
                out.push_back(&section[v]);
                placed[v] = true;
            }
        }
    }
    return out;
}

} // namespace

json calibrationSectionJson(const std::vector<ClipMarker>& choices)
{
    json rows = json::array();
    for (const ClipMarker& m : choices) {
        rows.push_back({{"calibration", calibrationName(m.method)},
                        {"variant", m.variant.empty() ? json(nullptr) : json(m.variant)},
                        {"chosen", m.chosen},
                        {"threshold", m.point.threshold},
                        {"clip_min", m.point.clipMin},
                        {"clip_max", m.point.clipMax},
                        {"mse", m.point.mse},
                        {"sqnr_db", number(m.point.sqnrDb)}});
    }
    return rows;
}

std::string calibrationSectionMarkdown(const json& section, const ReportWords& w)
{
    std::string out =
        "\n## " + w.calibrationChoices + "\n\n" + escapeMarkdown(w.calibrationNote) + "\n\n|";
    std::string rule = "|";
    for (const std::string& heading : headings(w)) {
        out += " " + escapeMarkdown(heading) + " |";
        rule += "---|";
    }
    out += "\n" + rule + "\n";
    for (const json* row : pageOrder(section)) {
        out += "|";
        for (const std::string& cell : cells(*row, w)) {
            out += " " + escapeMarkdown(cell) + " |";
        }
        out += "\n";
    }
    return out;
}

std::string calibrationSectionHtml(const json& section, const ReportWords& w)
{
    std::string out = "<h2>" + escapeHtml(w.calibrationChoices) + "</h2>\n<p>" +
                      escapeHtml(w.calibrationNote) + "</p>\n<table width=\"100%\">\n<tr>";
    // Widths by the cells' usual lengths, so that Qt's rich text (the PDF) does not break the
    // variants' names.
    constexpr std::array<int, kColumnCount> kPercent{17, 29, 18, 23, 13};
    const auto columns = headings(w);
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        out += "<th width=\"" + std::to_string(kPercent[c]) + "%\">" + escapeHtml(columns[c]) +
               "</th>";
    }
    out += "</tr>\n";
    for (const json* row : pageOrder(section)) {
        const bool chosen = row->at("chosen").get<bool>();
        out += "<tr>";
        const auto rowCells = cells(*row, w);
        for (std::size_t c = 0; c < kColumnCount; ++c) {
            const std::string text = escapeHtml(rowCells[c]);
            out += "<td>" + (chosen ? "<b>" + text + "</b>" : text) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</table>\n";
}

} // namespace qs
