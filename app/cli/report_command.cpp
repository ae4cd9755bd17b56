// quantscope-cli report: the report of one tensor under one scheme — HTML, PDF, Markdown, or the
// tables as CSV or JSON — written without a display, as File → Export Report writes it.

#include "analysis/shootout.h"
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
    int bitsClass = 0;   // 4 or 8: the shoot-out section with the class's formats (0: none)
    std::string formats; // or these formats, as `compare --formats` takes them
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
    if (o.bitsClass != 0 || !o.formats.empty()) {
        auto candidates = o.formats.empty() ? bitsClassCandidates(o.bitsClass)
                                            : parseShootoutCandidates(o.formats);
        if (!candidates) {
            return reportUsageError((o.formats.empty() ? "--bits-class: " : "--formats: ") +
                                    candidates.error().message);
        }
        options.shootoutCandidates = std::move(*candidates);
    }
    options.format = *format;
    options.page = o.page == "letter" ? QPageSize::Letter : QPageSize::A4;
    options.sweeps = o.sweeps;
    return writeFromSnapshot("report", o.source, o.scheme, o.out, o.language,
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
    // The shoot-out's options, named and meant as `compare`'s.
    auto* formats = command->add_option(
        "--formats", options->formats,
        "Add the shoot-out of these comma-separated formats, as compare --formats takes them "
        "(e.g. int4-g64-asym-fp16,nf4-b128,mxfp4)");
    command
        ->add_option("--bits-class", options->bitsClass,
                     "Add the shoot-out of a class's default formats: 4 (int4, nf4, bnb-fp4, fp4, "
                     "mxfp4, nvfp4) or 8 (int8, fp8, mxfp8, mxint8)")
        ->check(CLI::IsMember({4, 8}))
        ->excludes(formats);
    addLanguageOption(*command, options->language);
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme, "--number-format");
    command->callback([options, &exitCode] { exitCode = runReport(*options); });
}

} // namespace qs::cli
