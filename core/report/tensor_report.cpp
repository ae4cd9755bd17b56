#include "report/tensor_report.h"

#include "report/csv_fields.h"
#include "report/text_escape.h"

#include <string_view>

namespace qs {
namespace {

constexpr std::array kSchemeKeys{"general", "symmetric", "asymmetric"};

// A number exactly as the JSON holds it ("null" for an infinite SQNR shows as ∞).
std::string cell(const json& value)
{
    if (value.is_null()) {
        return "∞";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.dump();
}

// The formulas of the scheme, with the tutorial's names.
json formulas(const QuantSpec& spec)
{
    switch (spec.scheme) {
    case Scheme::General:
        return {"Scale = (Rmax − Rmin) / (Qmax − Qmin)", "Q = Clip(Round(R / Scale), Qmin, Qmax)",
                "R′ = Q · Scale"};
    case Scheme::Symmetric:
        return {"Scale = max|R| / Qmax", "Q = Clip(Round(R / Scale + Z), Qmin, Qmax), Z = 0",
                "R′ = (Q − Z) · Scale"};
    case Scheme::Asymmetric:
        return {"Scale = (Rmax − Rmin) / (Qmax − Qmin)",
                spec.zeroPointAnchor == ZeroPointAnchor::Max ? "Z = Qmax − Round(Rmax / Scale)"
                                                             : "Z = Qmin − Round(Rmin / Scale)",
                "Q = Clip(Round(R / Scale + Z), Qmin, Qmax)", "R′ = (Q − Z) · Scale"};
    }
    return json::array();
}

// Rows for the tables every format shares: [label, key] of the metrics in order.
std::vector<std::pair<std::string, std::string>> metricRows(const json& document)
{
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& [key, value] : document.at("metrics").items()) {
        rows.emplace_back(key, key);
    }
    return rows;
}

// (label, value) pairs of the tensor and the parameters, as the text formats list them.
std::vector<std::pair<std::string, std::string>> facts(const json& d)
{
    const json& t = d.at("tensor");
    const json& p = d.at("params");
    const json& s = d.at("scheme");
    std::vector<std::pair<std::string, std::string>> out{
        {"source", cell(d.at("source"))},
        {"tensor", cell(t.at("name"))},
        {"shape", t.at("shape").dump()},
        {"dtype", cell(t.at("dtype"))},
        {"count", cell(t.at("count"))},
        {"min / max", cell(t.at("min")) + " / " + cell(t.at("max"))},
        {"mean / std", cell(t.at("mean")) + " / " + cell(t.at("std"))},
        {"scheme", cell(s.at("name")) + ", " + cell(s.at("bits")) + "-bit " +
                       (s.at("signed").get<bool>() ? "signed" : "unsigned") + ", rounding " +
                       cell(s.at("rounding"))},
        {"calibration", cell(s.at("calibration")) + " " + s.at("calibration_args").dump()},
        {"granularity", cell(s.at("granularity")) + " (" + cell(p.at("groups")) + " group" +
                            (p.at("groups").get<std::size_t>() == 1 ? "" : "s") + ")"},
        {"Qmin .. Qmax", cell(p.at("qmin")) + " .. " + cell(p.at("qmax"))},
    };
    if (p.at("groups").get<std::size_t>() == 1) {
        out.emplace_back("Scale", cell(p.at("scale")[0]));
        out.emplace_back("Z (zero point)", cell(p.at("zero_point")[0]));
        out.emplace_back("clip range",
                         "[" + cell(p.at("clip_min")[0]) + ", " + cell(p.at("clip_max")[0]) + "]");
    }
    return out;
}

const std::array<const char*, 8> kWalkColumns{"index",   "input", "scaled",      "rounded",
                                              "clipped", "code",  "dequantized", "error"};

} // namespace

json tensorReportDocument(const TensorReportInput& input)
{
    json document;
    document["report"] = kReportVersion;
    document["source"] = input.source;
    const json analysis = analysisDocument(input.current);
    for (const auto& [key, value] : analysis.items()) {
        document[key] = value;
    }
    const Analysis& current = input.current.analysis;
    document["formulas"] = formulas(current.spec);
    json compare = json::object();
    for (std::size_t i = 0; i < kSchemeKeys.size(); ++i) {
        if (input.schemes[i] != nullptr) {
            compare[kSchemeKeys[i]] = metricsJson(input.schemes[i]->metrics);
        }
    }
    document["compare"] = compare;
    json walk = json::array();
    for (const WalkthroughRow& r : input.walkthrough) {
        walk.push_back({{"index", r.index},
                        {"input", r.input},
                        {"scaled", r.scaled},
                        {"rounded", r.rounded},
                        {"clipped", r.clipped},
                        {"code", r.code},
                        {"dequantized", r.dequantized},
                        {"error", r.error}});
    }
    document["walkthrough"] = walk;
    if (current.groups.size() > 1) {
        json groups = json::array();
        for (std::size_t g = 0; g < current.groups.size(); ++g) {
            const GroupSummary& s = current.groups[g];
            groups.push_back({{"group", g},
                              {"min", number(s.min)},
                              {"max", number(s.max)},
                              {"scale", current.params[g].scale},
                              {"zero_point", current.params[g].zeroPoint},
                              {"sqnr_db", number(s.sqnrDb)},
                              {"clipped", s.clipped}});
        }
        document["groups"] = groups;
    }
    return document;
}

std::string tensorReportCsv(const json& document)
{
    std::string out = "metric,current";
    for (const char* key : kSchemeKeys) {
        out += std::string(",") + key;
    }
    out += "\n";
    const json& compare = document.at("compare");
    for (const auto& [label, key] : metricRows(document)) {
        out += csvField(label) + "," + cell(document.at("metrics").at(key));
        for (const char* scheme : kSchemeKeys) {
            out += "," + (compare.contains(scheme) ? cell(compare.at(scheme).at(key)) : "");
        }
        out += "\n";
    }
    return out;
}

std::string tensorReportMarkdown(const json& d, const std::vector<ReportFigure>& figures)
{
    std::string out = "# QuantScope report: " + escapeMarkdown(cell(d.at("tensor").at("name"))) +
                      "\n\n| | |\n|---|---|\n";
    for (const auto& [label, value] : facts(d)) {
        out += "| " + label + " | " + escapeMarkdown(value) + " |\n";
    }
    out += "\n## Formulas\n\n";
    for (const json& formula : d.at("formulas")) {
        out += "- `" + formula.get<std::string>() + "`\n";
    }
    for (const ReportFigure& figure : figures) {
        out += "\n![" + figure.caption + "](" + figure.reference + ")\n";
    }
    out += "\n## Error and the three schemes\n\n| metric | current | general | symmetric | "
           "asymmetric |\n|---|---|---|---|---|\n";
    const json& compare = d.at("compare");
    for (const auto& [label, key] : metricRows(d)) {
        out += "| " + escapeMarkdown(label) + " | " + cell(d.at("metrics").at(key));
        for (const char* scheme : kSchemeKeys) {
            out += " | " + (compare.contains(scheme) ? cell(compare.at(scheme).at(key)) : "");
        }
        out += " |\n";
    }
    out += "\n## Walkthrough\n\n| R | R/Scale + Z | Round | Clip | Q | R′ | R′ − R |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const json& row : d.at("walkthrough")) {
        out += "|";
        for (std::size_t c = 1; c < kWalkColumns.size(); ++c) {
            out += " " + cell(row.at(kWalkColumns[c])) + " |";
        }
        out += "\n";
    }
    if (!d.at("warnings").empty()) {
        out += "\n## Warnings\n\n";
        for (const json& warning : d.at("warnings")) {
            out += "- " + escapeMarkdown(warning.get<std::string>()) + "\n";
        }
    }
    return out;
}

std::string tensorReportHtml(const json& d, const std::vector<ReportFigure>& figures)
{
    const std::string title = "QuantScope report: " + escapeHtml(cell(d.at("tensor").at("name")));
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
        "</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em "
        "auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid "
        "#ccc;padding:.2em .6em;text-align:right}td:first-child,th:first-child{text-align:left}"
        ".figure{margin:1.5em 0}.caption{color:#555}</style></head>"
        "<body>\n<h1>" +
        title + "</h1>\n<table>\n";
    for (const auto& [label, value] : facts(d)) {
        out += "<tr><th>" + escapeHtml(label) + "</th><td>" + escapeHtml(value) + "</td></tr>\n";
    }
    out += "</table>\n<h2>Formulas</h2>\n<ul>\n";
    for (const json& formula : d.at("formulas")) {
        out += "<li><code>" + escapeHtml(formula.get<std::string>()) + "</code></li>\n";
    }
    out += "</ul>\n";
    for (const ReportFigure& figure : figures) {
        // Plain blocks rather than <figure>: Qt's rich text, which prints the PDF, knows these.
        out += "<div class=\"figure\">" + figure.reference + "<p class=\"caption\">" +
               escapeHtml(figure.caption) + "</p></div>\n";
    }
    out += "<h2>Error and the three schemes</h2>\n<table "
           "width=\"100%\">\n<tr><th>metric</th><th>current</th>"
           "<th>general</th><th>symmetric</th><th>asymmetric</th></tr>\n";
    const json& compare = d.at("compare");
    for (const auto& [label, key] : metricRows(d)) {
        out +=
            "<tr><td>" + escapeHtml(label) + "</td><td>" + cell(d.at("metrics").at(key)) + "</td>";
        for (const char* scheme : kSchemeKeys) {
            out += "<td>" + (compare.contains(scheme) ? cell(compare.at(scheme).at(key)) : "") +
                   "</td>";
        }
        out += "</tr>\n";
    }
    out +=
        "</table>\n<h2>Walkthrough</h2>\n<table width=\"100%\">\n<tr><th>R</th><th>R/Scale + Z</th>"
        "<th>Round</th><th>Clip</th><th>Q</th><th>R′</th><th>R′ − R</th></tr>\n";
    for (const json& row : d.at("walkthrough")) {
        out += "<tr>";
        for (std::size_t c = 1; c < kWalkColumns.size(); ++c) {
            out += "<td>" + cell(row.at(kWalkColumns[c])) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
    if (d.contains("groups")) {
        out += "<h2>Groups</h2>\n<table width=\"100%\">\n<tr><th>group</th><th>min</th><th>max</th>"
               "<th>Scale</th><th>Z</th><th>SQNR dB</th><th>clipped</th></tr>\n";
        for (const json& g : d.at("groups")) {
            out += "<tr>";
            for (const char* key :
                 {"group", "min", "max", "scale", "zero_point", "sqnr_db", "clipped"}) {
                out += "<td>" + cell(g.at(key)) + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    if (!d.at("warnings").empty()) {
        out += "<h2>Warnings</h2>\n<ul>\n";
        for (const json& warning : d.at("warnings")) {
            out += "<li>" + escapeHtml(warning.get<std::string>()) + "</li>\n";
        }
        out += "</ul>\n";
    }
    return out + "</body></html>\n";
}

} // namespace qs
