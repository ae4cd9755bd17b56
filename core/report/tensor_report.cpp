#include "report/tensor_report.h"

#include "report/calibration_section.h"
#include "report/csv_fields.h"
#include "report/format_facts.h"
#include "report/format_formulas.h"
#include "report/numpy_print_format.h"
#include "report/readable_numbers.h"
#include "report/shootout_section.h"
#include "report/text_escape.h"

#include <algorithm>
#include <string_view>

namespace qs {
namespace {

constexpr std::array kSchemeKeys{"general", "symmetric", "asymmetric"};

// A text or a whole number as the JSON holds it (the CSV's cells).
std::string cell(const json& value)
{
    if (value.is_null()) {
        return "∞"; // the CSV's metrics: only an infinite SQNR is null
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.dump();
}

// A number of the tensor or its grid as the window shows it: float32 values (every value,
// error and range is one) in the tutorial's shortest digits ("1.2962357" where the JSON has
// 1.2962356805801392), whole numbers as they are, "—" where the JSON has none.
std::string valueText(const json& value)
{
    if (value.is_null()) {
        return "—";
    }
    if (value.is_number_integer() || value.is_boolean()) {
        return value.dump();
    }
    return value.is_number() ? float32Text(value.get<double>()) : cell(value);
}

// The integer grid's Scale as the tutorial prints it: NumPy computes it in double, so it keeps
// a double's shortest digits ("0.00906828525019627").
std::string scaleText(const json& value)
{
    return value.is_number() ? formatPythonFloat(value.get<double>()) : valueText(value);
}

// A metric as the window's error table shows it: SQNR with two decimals (∞ when lossless),
// shares as percentages, counts as they are, errors and similarity in float32 digits.
std::string metricText(std::string_view key, const json& value)
{
    if (key == "sqnr_db") {
        return value.is_null() ? "∞" : fixedText(value.get<double>(), 2);
    }
    if (key.ends_with("_fraction") && value.is_number()) {
        return percentText(value.get<double>());
    }
    return valueText(value);
}

// The calibration's arguments in words, only where it has some: "minmax", "kl (bins 2048,
// levels 128, variant tensorrt-published)".
std::string calibrationText(const json& scheme)
{
    std::string args;
    for (const auto& [key, value] : scheme.at("calibration_args").items()) {
        std::string name = key;
        std::ranges::replace(name, '_', ' ');
        args += (args.empty() ? "" : ", ") + name + " " + cell(value);
    }
    const std::string method = cell(scheme.at("calibration"));
    return args.empty() ? method : method + " (" + args + ")";
}

// The formulas of the scheme or the format, with the tutorial's names.
json formulas(const Analysis& analysis)
{
    const QuantSpec& spec = analysis.spec;
    if (!spec.isIntegerGrid()) {
        return formatFormulas(analysis);
    }
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
std::vector<std::pair<std::string, std::string>> metricRows(const json& document,
                                                            const ReportWords& words)
{
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& [key, value] : document.at("metrics").items()) {
        rows.emplace_back(metricLabel(words, key), key);
    }
    return rows;
}

// A scheme's name in the report's words ("general" → w.general).
std::string schemeWord(const ReportWords& w, const std::string& name)
{
    const std::array<const std::string*, 3> words{&w.general, &w.symmetric, &w.asymmetric};
    for (std::size_t i = 0; i < kSchemeKeys.size(); ++i) {
        if (name == kSchemeKeys[i]) {
            return *words[i];
        }
    }
    return name;
}

// (label, value) pairs of the tensor, as every format's parameters table starts.
std::vector<ReportFact> tensorFacts(const json& d, const ReportWords& w)
{
    const json& t = d.at("tensor");
    return {{w.source, cell(d.at("source"))},
            {w.tensor, cell(t.at("name"))},
            {w.shape, t.at("shape").dump()},
            {w.dtype, cell(t.at("dtype"))},
            {w.count, valueText(t.at("count"))},
            {w.minMax, valueText(t.at("min")) + " / " + valueText(t.at("max"))},
            {w.meanStd, valueText(t.at("mean")) + " / " + valueText(t.at("std"))}};
}

ReportFact calibrationFact(const json& d, const ReportWords& w)
{
    return {w.calibration, calibrationText(d.at("scheme"))};
}

ReportFact granularityFact(const json& d, const ReportWords& w)
{
    const json& s = d.at("scheme");
    const json& p = d.at("params");
    return {w.granularity,
            p.at("groups").get<std::size_t>() == 1
                ? fillPattern(w.oneGroup, {cell(s.at("granularity"))})
                : fillPattern(w.manyGroups, {cell(s.at("granularity")), cell(p.at("groups"))})};
}

// A minifloat, MX, NVFP4 or bitsandbytes format: its own parameters instead of the integer
// grid's code range and zero point (its formulas work out the scales).
std::vector<ReportFact> formatFacts(const json& d, const ReportWords& w)
{
    const json& p = d.at("params");
    const json& format = d.at("format");
    std::vector<ReportFact> out = tensorFacts(d, w);
    for (ReportFact& fact : formatNameFacts(format, w)) {
        out.push_back(std::move(fact));
    }
    out.push_back(calibrationFact(d, w));
    out.push_back(granularityFact(d, w));
    const std::size_t groups = p.at("groups").get<std::size_t>();
    for (ReportFact& fact : formatScaleFacts(format, w)) {
        out.push_back(std::move(fact));
    }
    // A minifloat's one scale is the tutorial's Scale (MX's X and NVFP4's Scale_b are worked out
    // in the formulas, where their names are explained).
    if (groups == 1 && format.contains("no_scale") && !format.at("no_scale").get<bool>()) {
        out.emplace_back(w.scale, float32Text(p.at("scale")[0].get<double>()));
    }
    return out;
}

// The walkthrough's second column: R/Scale + Z where the scheme has a zero point (the asymmetric
// one), R/Scale where it has none (the general process) or it is 0 (symmetric).
std::string scaledHeading(const json& d)
{
    return d.at("scheme").at("name") == "asymmetric" ? "R/Scale + Z" : "R/Scale";
}

// (label, value) pairs of the tensor and the parameters, as the text formats list them.
std::vector<ReportFact> facts(const json& d, const ReportWords& w)
{
    if (!isIntegerGridFormat(d.at("format"))) {
        return formatFacts(d, w);
    }
    const json& p = d.at("params");
    const json& s = d.at("scheme");
    std::vector<ReportFact> out = tensorFacts(d, w);
    out.emplace_back(
        w.scheme,
        fillPattern(w.schemePattern, {schemeWord(w, cell(s.at("name"))), cell(s.at("bits")),
                                      s.at("signed").get<bool>() ? w.signedCodes : w.unsignedCodes,
                                      cell(s.at("rounding"))}));
    out.push_back(calibrationFact(d, w));
    out.push_back(granularityFact(d, w));
    out.emplace_back(w.codeRange, cell(p.at("qmin")) + " .. " + cell(p.at("qmax")));
    if (p.at("groups").get<std::size_t>() == 1) {
        out.emplace_back(w.scale, scaleText(p.at("scale")[0]));
        out.emplace_back(w.zeroPoint, valueText(p.at("zero_point")[0]));
        out.emplace_back(w.clipRange, "[" + valueText(p.at("clip_min")[0]) + ", " +
                                          valueText(p.at("clip_max")[0]) + "]");
    }
    return out;
}

// The heading row of the error table: metric, current and the three schemes.
std::array<const std::string*, 5> errorColumns(const ReportWords& w)
{
    return {&w.metric, &w.current, &w.general, &w.symmetric, &w.asymmetric};
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
    document["formulas"] = formulas(current);
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
    if (input.shootout != nullptr) {
        document["shootout"] = shootoutSectionJson(*input.shootout);
    }
    if (input.calibrations != nullptr) {
        document["calibrations"] = calibrationSectionJson(*input.calibrations);
    }
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
    for (const auto& [label, key] : metricRows(document, ReportWords{})) {
        out += csvField(key) + "," + cell(document.at("metrics").at(key));
        for (const char* scheme : kSchemeKeys) {
            out += "," + (compare.contains(scheme) ? cell(compare.at(scheme).at(key)) : "");
        }
        out += "\n";
    }
    return out;
}

std::string tensorReportMarkdown(const json& d, const std::vector<ReportFigure>& figures,
                                 const ReportWords& w)
{
    std::string out = "# " +
                      fillPattern(w.title, {escapeMarkdown(cell(d.at("tensor").at("name")))}) +
                      "\n\n| | |\n|---|---|\n";
    for (const auto& [label, value] : facts(d, w)) {
        out += "| " + escapeMarkdown(label) + " | " + escapeMarkdown(value) + " |\n";
    }
    out += "\n## " + w.formulas + "\n\n";
    for (const json& formula : d.at("formulas")) {
        out += "- `" + formula.get<std::string>() + "`\n";
    }
    for (const ReportFigure& figure : figures) {
        if (figure.placement == FigurePlacement::Plots) {
            out += "\n![" + figure.caption + "](" + figure.reference + ")\n";
        }
    }
    out += "\n## " + w.errorAndSchemes + "\n\n|";
    for (const std::string* column : errorColumns(w)) {
        out += " " + escapeMarkdown(*column) + " |";
    }
    out += "\n|---|---|---|---|---|\n";
    const json& compare = d.at("compare");
    for (const auto& [label, key] : metricRows(d, w)) {
        out += "| " + escapeMarkdown(label) + " | " + metricText(key, d.at("metrics").at(key));
        for (const char* scheme : kSchemeKeys) {
            out += " | " +
                   (compare.contains(scheme) ? metricText(key, compare.at(scheme).at(key)) : "");
        }
        out += " |\n";
    }
    if (d.contains("shootout")) {
        out += shootoutSectionMarkdown(d.at("shootout"), figures, w);
    }
    if (d.contains("calibrations")) {
        out += calibrationSectionMarkdown(d.at("calibrations"), w);
    }
    out += "\n## " + w.walkthrough + "\n\n| R | " + scaledHeading(d) +
           " | Round | Clip | Q | R′ | R′ − R |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const json& row : d.at("walkthrough")) {
        out += "|";
        for (std::size_t c = 1; c < kWalkColumns.size(); ++c) {
            out += " " + valueText(row.at(kWalkColumns[c])) + " |";
        }
        out += "\n";
    }
    if (!d.at("warnings").empty()) {
        out += "\n## " + w.warnings + "\n\n";
        for (const json& warning : d.at("warnings")) {
            out += "- " + escapeMarkdown(warning.get<std::string>()) + "\n";
        }
    }
    return out;
}

std::string tensorReportHtml(const json& d, const std::vector<ReportFigure>& figures,
                             const ReportWords& w)
{
    const std::string title = escapeHtml(fillPattern(w.title, {cell(d.at("tensor").at("name"))}));
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(w.language) +
        "\"><head><meta charset=\"utf-8\"><title>" + title +
        "</title>\n<style>body{font-family:'DejaVu Sans','WenQuanYi Micro Hei',sans-serif;"
        "max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}tr{page-break-inside:avoid;"
        "break-inside:avoid}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}"
        "td:first-child,th:first-child{text-align:left}.facts td{overflow-wrap:anywhere}"
        ".figure{margin:1.5em 0}.figure svg{display:block;width:100%;height:auto}"
        ".figure img{max-width:100%;height:auto}"
        ".caption{color:#555}.nowrap{white-space:nowrap}</style></head><body>\n<h1>" +
        title + "</h1>\n<table class=\"facts\">\n";
    for (const auto& [label, value] : facts(d, w)) {
        out += "<tr><th>" + escapeHtml(label) + "</th><td>" + escapeHtml(value) + "</td></tr>\n";
    }
    out += "</table>\n<h2>" + escapeHtml(w.formulas) + "</h2>\n<ul>\n";
    for (const json& formula : d.at("formulas")) {
        out += "<li><code>" + escapeHtml(formula.get<std::string>()) + "</code></li>\n";
    }
    out += "</ul>\n";
    for (const ReportFigure& figure : figures) {
        // Plain blocks rather than <figure>: Qt's rich text, which prints the PDF, knows these.
        if (figure.placement == FigurePlacement::Plots) {
            out += "<div class=\"figure\">" + figure.reference + "<p class=\"caption\">" +
                   escapeHtml(figure.caption) + "</p></div>\n";
        }
    }
    out += "<h2>" + escapeHtml(w.errorAndSchemes) + "</h2>\n<table width=\"100%\">\n<tr>";
    for (const std::string* column : errorColumns(w)) {
        out += "<th>" + escapeHtml(*column) + "</th>";
    }
    out += "</tr>\n";
    const json& compare = d.at("compare");
    for (const auto& [label, key] : metricRows(d, w)) {
        out += "<tr><td>" + escapeHtml(label) + "</td><td>" +
               metricText(key, d.at("metrics").at(key)) + "</td>";
        for (const char* scheme : kSchemeKeys) {
            out += "<td>" +
                   (compare.contains(scheme) ? metricText(key, compare.at(scheme).at(key)) : "") +
                   "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
    if (d.contains("shootout")) {
        out += shootoutSectionHtml(d.at("shootout"), figures, w);
    }
    if (d.contains("calibrations")) {
        out += calibrationSectionHtml(d.at("calibrations"), w);
    }
    out += "<h2>" + escapeHtml(w.walkthrough) +
           "</h2>\n<table width=\"100%\">\n<tr><th>R</th><th>" + scaledHeading(d) +
           "</th><th>Round</th><th>Clip</th><th>Q</th><th>R′</th><th>R′ − R</th></tr>\n";
    for (const json& row : d.at("walkthrough")) {
        out += "<tr>";
        for (std::size_t c = 1; c < kWalkColumns.size(); ++c) {
            out += "<td>" + valueText(row.at(kWalkColumns[c])) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
    if (d.contains("groups")) {
        out += "<h2>" + escapeHtml(w.groups) + "</h2>\n<table width=\"100%\">\n<tr>";
        for (const std::string* column :
             {&w.group, &w.min, &w.max, &w.scale, &w.zeroPoint, &w.sqnrDb, &w.clipped}) {
            out += "<th>" + escapeHtml(*column) + "</th>";
        }
        out += "</tr>\n";
        for (const json& g : d.at("groups")) {
            out += "<tr>";
            // A group's Scale in float32 digits, as its values are quantized with it: seven
            // columns leave no room for a double's.
            for (const char* key :
                 {"group", "min", "max", "scale", "zero_point", "sqnr_db", "clipped"}) {
                out += "<td>" + metricText(key, g.at(key)) + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    if (!d.at("warnings").empty()) {
        out += "<h2>" + escapeHtml(w.warnings) + "</h2>\n<ul>\n";
        for (const json& warning : d.at("warnings")) {
            out += "<li>" + escapeHtml(warning.get<std::string>()) + "</li>\n";
        }
        out += "</ul>\n";
    }
    return out + "</body></html>\n";
}

} // namespace qs
