#include "report/shootout_section.h"

#include "report/readable_numbers.h"
#include "report/shootout_report.h"
#include "report/text_escape.h"

#include <algorithm>
#include <array>
#include <limits>

namespace qs {
namespace {

// null is JSON's +∞ (a lossless row), which sorts first.
double sqnrOf(const json& row)
{
    const json& sqnr = row.at("sqnr_db");
    return sqnr.is_null() ? std::numeric_limits<double>::infinity() : sqnr.get<double>();
}

// The rows best SQNR first, fewer bits first among equals — as runShootout keeps them, but a
// document may come from elsewhere.
std::vector<const json*> sortedRows(const json& section)
{
    std::vector<const json*> rows;
    for (const json& row : section.at("rows")) {
        rows.push_back(&row);
    }
    std::ranges::stable_sort(rows, [](const json* a, const json* b) {
        const double sa = sqnrOf(*a);
        const double sb = sqnrOf(*b);
        return sa != sb
                   ? sa > sb
                   : a->at("bits_per_value").get<double>() < b->at("bits_per_value").get<double>();
    });
    return rows;
}

std::string numberOr(const json& value, std::string (*text)(double))
{
    return value.is_null() ? "∞" : text(value.get<double>());
}

constexpr std::size_t kColumnCount = 7;

std::array<std::string, kColumnCount> headings(const ReportWords& w)
{
    return {w.format,
            w.bitsPerValue,
            w.sqnrDb,
            metricLabel(w, "mse"),
            metricLabel(w, "max_abs_error"),
            metricLabel(w, "zero_code_fraction"),
            w.saturated};
}

// The cells of one row as people read them.
std::array<std::string, kColumnCount> cells(const json& row)
{
    // The front marked on the name: a column of its own would mostly be empty.
    return {row.at("format").get<std::string>() + (row.at("pareto").get<bool>() ? " ★" : ""),
            numberOr(row.at("bits_per_value"), bitsText),
            numberOr(row.at("sqnr_db"), [](double v) { return fixedText(v, 2); }),
            numberOr(row.at("mse"), float32Text),
            numberOr(row.at("max_abs_error"), float32Text),
            numberOr(row.at("zero_code_fraction"), percentText),
            row.at("saturated").dump()};
}

} // namespace

json shootoutSectionJson(const Shootout& shootout)
{
    json rows = json::array();
    for (const ShootoutRow& row : shootout.rows) {
        rows.push_back(shootoutRowJson(row));
    }
    return {{"rows", std::move(rows)}, {"warnings", warningsJson({}, shootout.warnings)}};
}

std::string shootoutSectionMarkdown(const json& section, const std::vector<ReportFigure>& figures,
                                    const ReportWords& w)
{
    std::string out = "\n## " + w.shootout + "\n\n" + escapeMarkdown(w.shootoutNote) + "\n\n|";
    std::string rule = "|";
    for (const std::string& heading : headings(w)) {
        out += " " + escapeMarkdown(heading) + " |";
        rule += "---|";
    }
    out += "\n" + rule + "\n";
    for (const json* row : sortedRows(section)) {
        out += "|";
        for (const std::string& cell : cells(*row)) {
            out += " " + escapeMarkdown(cell) + " |";
        }
        out += "\n";
    }
    for (const json& warning : section.at("warnings")) {
        out += "\n- " + escapeMarkdown(warning.get<std::string>()) + "\n";
    }
    for (const ReportFigure& figure : figures) {
        if (figure.placement == FigurePlacement::Shootout) {
            out += "\n![" + figure.caption + "](" + figure.reference + ")\n";
        }
    }
    return out;
}

std::string shootoutSectionHtml(const json& section, const std::vector<ReportFigure>& figures,
                                const ReportWords& w)
{
    std::string out = "<h2>" + escapeHtml(w.shootout) + "</h2>\n<p>" + escapeHtml(w.shootoutNote) +
                      "</p>\n<table width=\"100%\">\n<tr>";
    // Widths by the cells' usual lengths: left to itself, Qt's rich text (the PDF) gives the
    // first column the spare room and breaks the headings of the last ones inside words.
    // Numbers never wrap (class nowrap; "1.\n2633845e-05" was unreadable), so each
    // number column is given the width of its longest heading word.
    constexpr std::array<int, kColumnCount> kPercent{19, 11, 10, 18, 17, 12, 13};
    const auto columns = headings(w);
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        // A one-word heading ("saturated") must not break inside the word either.
        const bool oneWord = columns[c].find(' ') == std::string::npos;
        out += "<th width=\"" + std::to_string(kPercent[c]) + "%\"" +
               (oneWord ? " class=\"nowrap\"" : "") + ">" + escapeHtml(columns[c]) + "</th>";
    }
    out += "</tr>\n";
    for (const json* row : sortedRows(section)) {
        const bool pareto = row->at("pareto").get<bool>();
        out += "<tr>";
        const auto rowCells = cells(*row);
        for (std::size_t c = 0; c < kColumnCount; ++c) {
            // The front's names in bold, as the window's table has them.
            const std::string text = escapeHtml(rowCells[c]);
            out += (c == 0 ? std::string("<td>") : std::string("<td class=\"nowrap\">")) +
                   (pareto && c == 0 ? "<b>" + text + "</b>" : text) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
    if (!section.at("warnings").empty()) {
        out += "<ul>\n";
        for (const json& warning : section.at("warnings")) {
            out += "<li>" + escapeHtml(warning.get<std::string>()) + "</li>\n";
        }
        out += "</ul>\n";
    }
    for (const ReportFigure& figure : figures) {
        if (figure.placement == FigurePlacement::Shootout) {
            out += "<div class=\"figure\">" + figure.reference + "<p class=\"caption\">" +
                   escapeHtml(figure.caption) + "</p></div>\n";
        }
    }
    return out;
}

} // namespace qs
