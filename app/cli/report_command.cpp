// quantscope-cli report: the report of one tensor under one scheme — HTML, PDF, Markdown, or the
// tables as CSV or JSON — written without a display, as File → Export Report writes it.

#include "cli/commands.h"
#include "cli/offscreen_snapshot.h"
#include "common/cli_support.h"
#include "export/report_export.h"

#include <array>
#include <memory>

namespace qs::cli {

namespace {

constexpr std::array kFormats{"html", "pdf", "md", "csv", "json"};
constexpr std::array kPages{"a4", "letter"};

struct ReportCommandOptions
{
    SourceOptions source;
    SchemeOptions scheme;
    std::string format; // empty: from the extension of --out
    std::string page = "a4";
    std::string out;
    bool sweeps = false;
    std::string language = "en";
};

int runReport(const ReportCommandOptions& o)
{
    const QString out = QString::fromStdString(o.out);
    const auto format = o.format.empty()
                            ? ui::reportFormatForPath(out)
                            : ui::reportFormatFromName(QString::fromStdString(o.format));
    if (!format) {
        return reportUsageError("give --format html|pdf|md|csv|json, or an --out ending in one "
                                "of them (got '" +
                                o.out + "')");
    }
    ui::ReportOptions options;
    options.format = *format;
    options.page = o.page == "letter" ? QPageSize::Letter : QPageSize::A4;
    options.sweeps = o.sweeps;
    return writeFromSnapshot(o.source, o.scheme, o.out, o.language,
                             [&out, &options](const ui::SnapshotPtr& snapshot) {
                                 return ui::exportTensorReport(snapshot, out, options);
                             });
}

} // namespace

void addReportCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ReportCommandOptions>();
    auto* command = app.add_subcommand(
        "report",
        "Write the report of one tensor: HTML, PDF, Markdown (+ PNG figures), CSV or JSON");
    command
        ->add_option("--format", options->format,
                     "html, pdf, md, csv or json (default: from --out's extension)")
        ->check(memberOf(kFormats));
    command->add_option("--page", options->page, "PDF page size: a4 or letter")
        ->check(memberOf(kPages))
        ->capture_default_str();
    command->add_option("--out,-o", options->out, "The report file")->required();
    command->add_flag("--sweeps", options->sweeps,
                      "Add the bit-width, clip-threshold and outlier sweeps' plots");
    addLanguageOption(*command, options->language);
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme, "--number-format");
    command->callback([options, &exitCode] { exitCode = runReport(*options); });
}

} // namespace qs::cli
