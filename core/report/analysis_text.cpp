#include "common/printable_text.h"
#include "report/analysis_report.h"
#include "report/json_fields.h"

#include <cmath>
#include <cstdio>

namespace qs {
namespace {

std::string fmt(const char* format, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::string g(double value)
{
    return std::isinf(value) ? (value > 0 ? "inf" : "-inf") : fmt("%.7g", value);
}

void row(std::string& out, const char* label, const std::string& value)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "  %-24s", label);
    out += buffer;
    out += value;
    out += '\n';
}

// "nvfp4: nvfp4_flavour transformer-engine, block_size 16, ...": the JSON's format object in a
// line, so the text names what the JSON does.
std::string formatLine(const Analysis& a)
{
    const json format = formatJson(a.spec, a.params.size(), a.stats.count, a.tensorScale);
    std::string out = "Format " + format.at("name").get<std::string>();
    std::string sep = ": ";
    for (const auto& [key, value] : format.items()) {
        if (key == "name" || value.is_null()) {
            continue;
        }
        out += sep + key + " " +
               (value.is_string()         ? value.get<std::string>()
                : value.is_number_float() ? g(value.get<double>())
                                          : value.dump());
        sep = ", ";
    }
    return out + "\n";
}

} // namespace

std::string analysisText(const AnalysisReport& report)
{
    const Analysis& a = report.analysis;
    const TensorStats& s = a.stats;
    const QuantParams& p = a.params.front();
    const Metrics& m = a.metrics;
    std::string out;

    out += "Tensor " + printable(report.tensor.name) + "  " + shapeToString(report.tensor.shape) +
           "  " + std::string(dtypeName(report.tensor.dtype)) + "\n";
    row(out, "values",
        std::to_string(s.count) + " (" + std::to_string(s.finiteCount) + " finite, " +
            std::to_string(s.nanCount) + " NaN, " + std::to_string(s.infCount) + " Inf)");
    row(out, "min / max", g(s.min) + " / " + g(s.max));
    row(out, "mean / std", g(s.mean) + " / " + g(s.std));

    if (a.spec.isIntegerGrid()) {
        out += "Scheme " + std::string(schemeName(a.spec.scheme)) + ", " +
               std::to_string(a.spec.bits) + "-bit " + (a.spec.isSigned ? "signed" : "unsigned") +
               (a.spec.effectiveNarrowRange() ? ", narrow range" : ", full range") + ", rounding " +
               std::string(roundingName(a.spec.rounding)) + "\n";
        row(out, "Qmin..Qmax", std::to_string(p.qmin) + ".." + std::to_string(p.qmax));
        row(out, "scale", fmt("%.10g", p.scale));
        row(out, "zero point", std::to_string(p.zeroPoint));
    } else {
        // A format's element has no zero point; its scales are per block (the first shown).
        out += formatLine(a);
        if (a.params.size() > 1) {
            row(out, "blocks", std::to_string(a.params.size()) + " (block 0 below)");
        }
        std::string scale = fmt("%.10g", p.scale);
        if (p.scaleCode >= 0) {
            char code[24];
            std::snprintf(code, sizeof code, " (code 0x%02X)", static_cast<unsigned>(p.scaleCode));
            scale += code;
        }
        row(out, "scale", scale);
    }
    row(out, "calibrated range", "[" + g(p.clipMin) + ", " + g(p.clipMax) + "]");
    row(out, "representable range",
        "[" + g(p.representableMin()) + ", " + g(p.representableMax()) + "]");

    out += "Error\n";
    row(out, "MSE / RMSE", g(m.mse) + " / " + g(m.rmse));
    row(out, "MAE / max |error|", g(m.mae) + " / " + g(m.maxAbsError));
    row(out, "SQNR", g(m.sqnrDb) + " dB");
    row(out, "cosine similarity", fmt("%.9f", m.cosineSimilarity));
    row(out, "clipped below / above",
        std::to_string(m.clippedBelow) + " / " + std::to_string(m.clippedAbove) + " (" +
            fmt("%.3f", 100 * m.clippedFraction) + "%)");
    row(out, "codes used", std::to_string(m.codesUsed) + " of " + std::to_string(m.codesTotal));
    row(out, "zero-code share", fmt("%.3f", 100 * m.zeroCodeFraction) + "%");
    row(out, "unused range", fmt("%.3f", 100 * m.unusedRangeFraction) + "% of the codes");

    for (const Warning& w : report.loadWarnings) {
        out += "warning: " + w.message + "\n";
    }
    for (const Warning& w : a.warnings) {
        out += "warning: " + w.message + "\n";
    }
    return out;
}

} // namespace qs
