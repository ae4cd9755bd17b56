#include "report/setting_comparison_report.h"

#include "common/printable_text.h"
#include "report/analysis_document.h"
#include "report/csv_fields.h"
#include "report/json_fields.h"
#include "report/text_columns.h"

#include <algorithm>

namespace qs {

std::string settingComparisonJson(const SettingComparisonReport& report)
{
    json columns = json::array();
    for (const SettingColumn& column : report.columns) {
        json out;
        out["setting"] = column.name;
        out["current"] = column.current;
        out["scheme"] = schemeJson(column.spec);
        out["metrics"] = column.metrics ? metricsJson(*column.metrics) : json(nullptr);
        if (!column.error.empty()) {
            out["error"] = column.error;
        }
        columns.push_back(std::move(out));
    }
    json out;
    out["tensor"] = tensorJson(report.tensor, report.stats);
    out["across"] = compareAcrossName(report.across);
    out["columns"] = std::move(columns);
    out["warnings"] = warningsJson(report.loadWarnings, {});
    return dumpJson(out);
}

std::string settingComparisonCsv(const SettingComparisonReport& report)
{
    std::string out = "setting,current,sqnr_db,mse,max_abs_error,cosine_similarity,"
                      "clipped_fraction,codes_used,zero_code_fraction,unused_range_fraction,"
                      "error\r\n"; // RFC 4180
    for (const SettingColumn& column : report.columns) {
        out += csvField(column.name) + (column.current ? ",true" : ",false");
        if (column.metrics) {
            const Metrics& m = *column.metrics;
            for (const double value :
                 {m.sqnrDb, m.mse, m.maxAbsError, m.cosineSimilarity, m.clippedFraction,
                  static_cast<double>(m.codesUsed), m.zeroCodeFraction, m.unusedRangeFraction}) {
                out += "," + csvNumber(value);
            }
            out += ",\r\n";
        } else {
            out += ",,,,,,,,," + csvField(column.error) + "\r\n";
        }
    }
    return out;
}

std::string settingComparisonText(const SettingComparisonReport& report)
{
    std::size_t nameWidth = std::string("setting").size();
    for (const SettingColumn& column : report.columns) {
        nameWidth = std::max(nameWidth, column.name.size() + 2);
    }
    std::string out = "The " + std::string(compareAcrossName(report.across)) + " on " +
                      printable(report.tensor.name) + "  " + shapeToString(report.tensor.shape) +
                      ", everything else as set (* the current one)\n";
    out += padded("setting", nameWidth + 2) + padded("SQNR dB", 10, true) +
           padded("MSE", 14, true) + padded("max |e|", 14, true) + padded("clipped", 10, true) +
           padded("codes used", 12, true) + padded("zero code", 11, true) + "\n";
    for (const SettingColumn& column : report.columns) {
        out += padded(column.name + (column.current ? " *" : ""), nameWidth + 2);
        if (!column.metrics) {
            out += "  " + printable(column.error, 200) + "\n";
            continue;
        }
        const Metrics& m = *column.metrics;
        out += padded(columnFixed(m.sqnrDb, 2), 10, true) +
               padded(columnReadable(m.mse), 14, true) +
               padded(columnReadable(m.maxAbsError), 14, true) +
               padded(columnFixed(100.0 * m.clippedFraction, 2) + "%", 10, true) +
               padded(std::to_string(m.codesUsed) + "/" + std::to_string(m.codesTotal), 12, true) +
               padded(columnFixed(100.0 * m.zeroCodeFraction, 2) + "%", 11, true) + "\n";
    }
    for (const Warning& w : report.loadWarnings) {
        out += "warning: " + w.message + "\n";
    }
    return out;
}

} // namespace qs
