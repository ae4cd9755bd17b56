#include "report/mitigation_document.h"

#include "common/text_pattern.h"
#include "report/text_columns.h"
#include "report/text_escape.h"

#include <cmath>
#include <limits>

namespace qs {
namespace {

std::string decibels(double value, const MitigationWords& w)
{
    if (std::isinf(value)) {
        return value > 0 ? w.lossless : "−∞";
    }
    return columnFixed(value, 2);
}

std::string plain(double value)
{
    return std::isnan(value) ? std::string("–") : columnFixed(value, 2);
}

double worstChannel(const MitigationOutcome& o)
{
    double worst = std::numeric_limits<double>::infinity();
    for (const double v : o.outputChannelSqnrDb) {
        worst = std::min(worst, v);
    }
    return worst;
}

struct Row
{
    std::string label;
    std::string before;
    std::string after;
};

std::vector<Row> measureRows(const MitigationReport& r, const MitigationWords& w)
{
    return {
        {w.outputSqnr, decibels(r.before.outputSqnrDb, w), decibels(r.after.outputSqnrDb, w)},
        {w.worstChannel, decibels(worstChannel(r.before), w), decibels(worstChannel(r.after), w)},
        {w.weightSqnr, decibels(r.before.weight.sqnrDb, w), decibels(r.after.weight.sqnrDb, w)},
        {w.activationSqnr, decibels(r.before.activations.sqnrDb, w),
         decibels(r.after.activations.sqnrDb, w)},
        {w.weightKurtosis, plain(r.before.weight.kurtosis), plain(r.after.weight.kurtosis)},
        {w.activationKurtosis, plain(r.before.activations.kurtosis),
         plain(r.after.activations.kurtosis)},
        {w.weightPeak, plain(r.before.weight.maxOverStd), plain(r.after.weight.maxOverStd)},
        {w.activationPeak, plain(r.before.activations.maxOverStd),
         plain(r.after.activations.maxOverStd)},
    };
}

std::string operandLine(const TensorInfo& info, std::size_t rows, std::size_t columns,
                        const std::string& format)
{
    return (info.name.empty() ? "" : info.name + " ") + shapeToString(info.shape) + " → [" +
           std::to_string(rows) + ", " + std::to_string(columns) + "], " + format;
}

std::vector<std::pair<std::string, std::string>> settingLines(const MitigationReport& r,
                                                              const MitigationWords& w)
{
    std::string activations = operandLine(r.activations, r.tokens, r.inputs, r.activationFormat);
    if (r.synthetic) {
        activations +=
            "; " + fillPattern(w.synthetic, {std::to_string(r.synthetic->outlierChannels),
                                             columnReadable(r.synthetic->outlierScale),
                                             std::to_string(r.synthetic->seed)});
    }
    std::string transforms;
    const auto add = [&transforms](const std::string& part) {
        transforms += (transforms.empty() ? "" : " · ") + part;
    };
    if (r.settings.smoothAlpha) {
        add(fillPattern(w.smooth, {columnFixed(*r.settings.smoothAlpha, 2),
                                   r.alphaScan ? w.autoChosen : std::string()}));
    }
    if (r.after.rotation) {
        std::string rotation = fillPattern(w.rotation, {std::to_string(*r.settings.rotationSeed)});
        if (r.after.rotation->blockDiagonal()) {
            rotation +=
                ", " + fillPattern(w.blockDiagonal, {std::to_string(r.after.rotation->block)});
        }
        add(rotation);
    }
    if (r.settings.int8Threshold) {
        add(fillPattern(w.decomposition, {columnReadable(*r.settings.int8Threshold),
                                          std::to_string(r.after.float16Channels.size())}));
    }
    return {{w.weight, operandLine(r.weight, r.outputs, r.inputs, r.weightFormat)},
            {w.activations, activations},
            {w.transforms, transforms.empty() ? w.none : transforms}};
}

std::vector<std::string> warningLines(const MitigationReport& r)
{
    std::vector<std::string> lines;
    for (const Warnings* list : {&r.loadWarnings, &r.after.warnings}) {
        for (const Warning& warning : *list) {
            lines.push_back(warning.message);
        }
    }
    return lines;
}

} // namespace

void forEachWord(MitigationWords& w, const std::function<void(std::string&)>& visit)
{
    for (std::string* word :
         {&w.title,      &w.weight,         &w.activations,    &w.synthetic,
          &w.transforms, &w.none,           &w.smooth,         &w.autoChosen,
          &w.rotation,   &w.blockDiagonal,  &w.decomposition,  &w.measure,
          &w.before,     &w.after,          &w.outputSqnr,     &w.worstChannel,
          &w.weightSqnr, &w.activationSqnr, &w.weightKurtosis, &w.activationKurtosis,
          &w.weightPeak, &w.activationPeak, &w.lossless,       &w.howToRead,
          &w.warnings}) {
        visit(*word);
    }
}

std::string mitigationHtml(const MitigationReport& report,
                           const std::vector<MitigationFigure>& figures, const MitigationWords& w)
{
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(w.language) +
        "\"><head><meta charset=\"utf-8\"><title>" + escapeHtml(w.title) +
        "</title>\n<style>body{font-family:'DejaVu Sans','WenQuanYi Micro Hei',sans-serif;"
        "margin:2em}table{border-collapse:collapse;margin:.5em 0}tr{page-break-inside:avoid;"
        "break-inside:avoid}td,th{border:1px solid #ccc;padding:.2em .5em}td.number{text-align:"
        "right;white-space:nowrap}th.setting{text-align:left;white-space:nowrap}"
        ".figure{margin:1.5em 0}.figure svg{display:block;width:100%;height:auto}"
        ".figure img{max-width:100%;height:auto}.caption{color:#555}</style>"
        "</head><body>\n<h1>" +
        escapeHtml(w.title) + "</h1>\n<table>\n";
    for (const auto& [label, value] : settingLines(report, w)) {
        out += "<tr><th class=\"setting\">" + escapeHtml(label) + "</th><td>" + escapeHtml(value) +
               "</td></tr>\n";
    }
    out += "</table>\n<table>\n<tr><th>" + escapeHtml(w.measure) + "</th><th>" +
           escapeHtml(w.before) + "</th><th>" + escapeHtml(w.after) + "</th></tr>\n";
    for (const Row& row : measureRows(report, w)) {
        out += "<tr><td>" + escapeHtml(row.label) + "</td><td class=\"number\">" +
               escapeHtml(row.before) + "</td><td class=\"number\">" + escapeHtml(row.after) +
               "</td></tr>\n";
    }
    out += "</table>\n<p>" + escapeHtml(w.howToRead) + "</p>\n";
    for (const MitigationFigure& figure : figures) {
        // Plain blocks rather than <figure>: Qt's rich text, which prints the PDF, knows these.
        out += "<div class=\"figure\">" + figure.content + "<p class=\"caption\">" +
               escapeHtml(figure.caption) + "</p></div>\n";
    }
    const std::vector<std::string> warnings = warningLines(report);
    if (!warnings.empty()) {
        out += "<h2>" + escapeHtml(w.warnings) + "</h2>\n<ul>\n";
        for (const std::string& line : warnings) {
            out += "<li>" + escapeHtml(line) + "</li>\n";
        }
        out += "</ul>\n";
    }
    return out + "</body></html>\n";
}

std::string mitigationMarkdown(const MitigationReport& report,
                               const std::vector<MitigationFigure>& figures,
                               const MitigationWords& w)
{
    std::string out = "# " + w.title + "\n\n";
    for (const auto& [label, value] : settingLines(report, w)) {
        out += "- **" + escapeMarkdown(label) + "**: " + escapeMarkdown(value) + "\n";
    }
    out += "\n| " + escapeMarkdown(w.measure) + " | " + escapeMarkdown(w.before) + " | " +
           escapeMarkdown(w.after) + " |\n|---|---:|---:|\n";
    for (const Row& row : measureRows(report, w)) {
        out += "| " + escapeMarkdown(row.label) + " | " + escapeMarkdown(row.before) + " | " +
               escapeMarkdown(row.after) + " |\n";
    }
    out += "\n" + escapeMarkdown(w.howToRead) + "\n\n";
    for (const MitigationFigure& figure : figures) {
        out += "![" + escapeMarkdown(figure.caption) + "](" + figure.content + ")\n\n";
    }
    const std::vector<std::string> warnings = warningLines(report);
    if (!warnings.empty()) {
        out += "## " + w.warnings + "\n\n";
        for (const std::string& line : warnings) {
            out += "- " + escapeMarkdown(line) + "\n";
        }
    }
    return out;
}

} // namespace qs
