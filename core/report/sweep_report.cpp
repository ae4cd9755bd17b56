#include "report/sweep_report.h"

#include "common/printable_text.h"
#include "report/csv_fields.h"
#include "report/json_fields.h"

#include <cmath>
#include <cstdio>

namespace qs {
namespace {

// One sweep as named columns of numbers; rows with a label are the clip sweep's markers.
struct SweepTable
{
    std::vector<const char*> columns;
    std::vector<std::vector<double>> rows;
    std::vector<std::string> labels;   // one per row, empty for sweep points
    std::vector<std::string> variants; // markers: the calibration's variant, if it has one
    std::vector<bool> chosen;          // markers: the spec's own calibration
};

std::vector<double> clipRow(const ClipPoint& p)
{
    return {p.threshold,   p.clipMin,     p.clipMax,         p.scale, p.mse,
            p.roundingMse, p.clippingMse, p.clippedFraction, p.sqnrDb};
}

SweepTable tableOf(const BitsSweep& sweep)
{
    SweepTable table{
        {"bits", "sqnr_db", "ideal_sqnr_db", "mse", "clipped_fraction", "unused_range_fraction"},
        {},
        {},
        {},
        {}};
    for (const BitsPoint& p : sweep.points) {
        table.rows.push_back({static_cast<double>(p.bits), p.sqnrDb, sweep.idealSqnrDb(p.bits),
                              p.mse, p.clippedFraction, p.unusedRangeFraction});
    }
    return table;
}

SweepTable tableOf(const ClipSweep& sweep)
{
    SweepTable table{{"threshold", "clip_min", "clip_max", "scale", "mse", "rounding_mse",
                      "clipping_mse", "clipped_fraction", "sqnr_db"},
                     {},
                     {},
                     {},
                     {}};
    for (const ClipPoint& p : sweep.points) {
        table.rows.push_back(clipRow(p));
        table.labels.emplace_back();
        table.variants.emplace_back();
        table.chosen.push_back(false);
    }
    for (const ClipMarker& m : sweep.markers) {
        table.rows.push_back(clipRow(m.point));
        table.labels.emplace_back(calibrationName(m.method));
        table.variants.push_back(m.variant);
        table.chosen.push_back(m.chosen);
    }
    return table;
}

SweepTable tableOf(const OutlierSweep& sweep)
{
    SweepTable table{
        {"magnitude_sigma", "value", "scale", "sqnr_db", "zero_code_fraction", "clipped_fraction"},
        {},
        {},
        {},
        {}};
    for (const OutlierPoint& p : sweep.points) {
        table.rows.push_back(
            {p.magnitudeSigma, p.value, p.scale, p.sqnrDb, p.zeroCodeFraction, p.clippedFraction});
    }
    return table;
}

SweepTable tableOf(const SweepResult& result)
{
    return std::visit([](const auto& sweep) { return tableOf(sweep); }, result);
}

bool hasLabels(const SweepTable& table)
{
    return !table.labels.empty();
}

// A marker as CSV and text name it: the method, and a framework's variant in brackets.
std::string shownLabel(const SweepTable& table, std::size_t r)
{
    const std::string& variant = table.variants[r];
    // Each method's first variant is its default (percentile and mse "exact", kl
    // "tensorrt-published"): its markers keep the method's bare name.
    const bool ownVariant = variant.empty() || variant == percentileVariantNames().front() ||
                            variant == mseVariantNames().front() ||
                            variant == klVariantNames().front();
    return ownVariant ? table.labels[r] : table.labels[r] + " (" + variant + ")";
}

} // namespace

SweepParameter sweepParameterOf(const SweepResult& result)
{
    return static_cast<SweepParameter>(result.index());
}

std::string sweepJson(const SweepReport& report)
{
    const SweepTable table = tableOf(report.result);
    json points = json::array();
    json markers = json::array();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        json row;
        const bool marker = hasLabels(table) && !table.labels[r].empty();
        if (marker) {
            row["calibration"] = table.labels[r];
            row["variant"] = table.variants[r].empty() ? json(nullptr) : json(table.variants[r]);
            row["chosen"] = static_cast<bool>(table.chosen[r]);
        }
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            row[table.columns[c]] = number(table.rows[r][c]);
        }
        (marker ? markers : points).push_back(std::move(row));
    }
    json out;
    out["sweep"] = sweepParameterName(sweepParameterOf(report.result));
    out["tensor"] = tensorJson(report.tensor, report.stats);
    out["scheme"] = schemeJson(report.spec);
    out["number_format"] = std::string(numberFormatName(report.spec.format.format));
    out["points"] = std::move(points);
    if (const auto* bits = std::get_if<BitsSweep>(&report.result)) {
        out["reference"] = {{"bits", BitsSweep::kReferenceBits},
                            {"sqnr_db", number(bits->referenceSqnrDb)},
                            {"db_per_bit", BitsSweep::kDbPerBit}};
    } else if (std::holds_alternative<ClipSweep>(report.result)) {
        out["markers"] = std::move(markers);
    } else if (const auto* outlier = std::get_if<OutlierSweep>(&report.result)) {
        out["outlier"] = {{"position", outlier->position}, {"sigma", outlier->sigma}};
    }
    out["warnings"] = warningsJson(report.loadWarnings, {});
    return dumpJson(out);
}

std::string sweepCsv(const SweepReport& report)
{
    const SweepTable table = tableOf(report.result);
    std::string out;
    if (hasLabels(table)) {
        out += "calibration,";
    }
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        out += (c ? "," : "") + std::string(table.columns[c]);
    }
    out += "\r\n"; // RFC 4180
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (hasLabels(table)) {
            out += csvField(shownLabel(table, r)) + ",";
        }
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            out += (c ? "," : "") + csvNumber(table.rows[r][c]);
        }
        out += "\r\n";
    }
    return out;
}

std::string sweepText(const SweepReport& report)
{
    const SweepTable table = tableOf(report.result);
    const SweepParameter parameter = sweepParameterOf(report.result);
    std::string out =
        std::string(sweepParameterName(parameter)) + " sweep of " + printable(report.tensor.name) +
        "  " + shapeToString(report.tensor.shape) + ", " +
        std::string(schemeName(report.spec.scheme)) + " " + std::to_string(report.spec.bits) +
        "-bit, " + std::string(calibrationName(report.spec.calibration.method)) + " calibration, " +
        std::string(granularityName(report.spec.granularity)) + "\n";
    if (const auto* outlier = std::get_if<OutlierSweep>(&report.result)) {
        out += "outlier at index " + std::to_string(outlier->position) + ", sigma " +
               csvNumber(outlier->sigma) + "\n";
    }
    constexpr int kWidth = 16;
    const auto pad = [](std::string text) {
        text.resize(std::max<std::size_t>(text.size() + 1, kWidth), ' ');
        return text;
    };
    if (hasLabels(table)) {
        out += pad("calibration");
    }
    for (const char* column : table.columns) {
        out += pad(column);
    }
    out += "\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (hasLabels(table)) {
            out +=
                pad(table.labels[r].empty() ? "-"
                                            : shownLabel(table, r) + (table.chosen[r] ? " *" : ""));
        }
        for (const double value : table.rows[r]) {
            out += pad(csvNumber(value));
        }
        out += "\n";
    }
    if (hasLabels(table)) {
        out += "(* the calibration the scheme asks for)\n";
    }
    for (const Warning& w : report.loadWarnings) {
        out += "warning: " + w.message + "\n";
    }
    return out;
}

} // namespace qs
