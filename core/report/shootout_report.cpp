#include "report/shootout_report.h"

#include "common/printable_text.h"
#include "report/csv_fields.h"
#include "report/json_fields.h"
#include "report/text_columns.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace qs {
namespace {

// The numeric columns, in the contract's order after "format".
constexpr std::array kColumns{"bits_per_value",     "sqnr_db",  "mse", "max_abs_error",
                              "zero_code_fraction", "saturated"};

std::array<double, kColumns.size()> valuesOf(const ShootoutRow& row)
{
    return {
        row.bitsPerValue,        row.metrics.sqnrDb,           row.metrics.mse,
        row.metrics.maxAbsError, row.metrics.zeroCodeFraction, static_cast<double>(row.saturated)};
}

std::string argumentsOf(const ShootoutReport& report, std::size_t row)
{
    return row < report.analyzeArguments.size() ? report.analyzeArguments[row] : std::string{};
}

} // namespace

json shootoutRowJson(const ShootoutRow& row)
{
    json out;
    out["format"] = row.name;
    const auto values = valuesOf(row);
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        out[kColumns[c]] = number(values[c]);
    }
    out["saturated"] = row.saturated; // an exact count, not a double
    out["pareto"] = row.pareto;
    return out;
}

std::string shootoutJson(const ShootoutReport& report)
{
    json rows = json::array();
    const std::vector<ShootoutRow>& list = report.shootout.rows;
    for (std::size_t r = 0; r < list.size(); ++r) {
        json out = shootoutRowJson(list[r]);
        out["analyze"] = argumentsOf(report, r);
        rows.push_back(std::move(out));
    }
    json out;
    out["tensor"] = tensorJson(report.tensor, report.stats);
    out["rows"] = std::move(rows);
    out["warnings"] = warningsJson(report.loadWarnings, report.shootout.warnings);
    return dumpJson(out);
}

std::string shootoutCsv(const ShootoutReport& report)
{
    std::string out = "format";
    for (const char* column : kColumns) {
        out += std::string(",") + column;
    }
    out += ",pareto,analyze\r\n"; // RFC 4180
    const std::vector<ShootoutRow>& list = report.shootout.rows;
    for (std::size_t r = 0; r < list.size(); ++r) {
        const ShootoutRow& row = list[r];
        out += csvField(row.name);
        const auto values = valuesOf(row);
        for (std::size_t c = 0; c + 1 < kColumns.size(); ++c) {
            out += "," + csvNumber(values[c]);
        }
        out += "," + std::to_string(row.saturated);
        out += std::string(",") + (row.pareto ? "true" : "false");
        out += "," + csvField(argumentsOf(report, r)) + "\r\n";
    }
    return out;
}

std::string shootoutText(const ShootoutReport& report)
{
    const std::vector<ShootoutRow>& list = report.shootout.rows;
    std::size_t nameWidth = std::string("format").size();
    for (const ShootoutRow& row : list) {
        nameWidth = std::max(nameWidth, row.name.size());
    }
    std::string out = "Formats on " + printable(report.tensor.name) + "  " +
                      shapeToString(report.tensor.shape) + ", best SQNR first (* on the Pareto " +
                      "front of SQNR against bits per value)\n";
    out += padded("format", nameWidth + 2) + padded("bits/value", 11, true) +
           padded("SQNR dB", 10, true) + padded("MSE", 14, true) + padded("max |e|", 14, true) +
           padded("zero code", 11, true) + padded("saturated", 11, true) + "\n";
    for (const ShootoutRow& row : list) {
        out += padded(row.name + (row.pareto ? " *" : ""), nameWidth + 2) +
               padded(columnFixed(row.bitsPerValue, 3), 11, true) +
               padded(columnFixed(row.metrics.sqnrDb, 2), 10, true) +
               padded(columnReadable(row.metrics.mse), 14, true) +
               padded(columnReadable(row.metrics.maxAbsError), 14, true) +
               padded(columnFixed(100.0 * row.metrics.zeroCodeFraction, 2) + "%", 11, true) +
               padded(std::to_string(row.saturated), 11, true) + "\n";
    }
    for (const Warning& w : report.loadWarnings) {
        out += "warning: " + w.message + "\n";
    }
    for (const Warning& w : report.shootout.warnings) {
        out += "warning: " + w.message + "\n";
    }
    return out;
}

} // namespace qs
