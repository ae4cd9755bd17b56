#include "analysis/setting_comparison.h"
#include "analysis/shootout.h"
#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/source_options.h"
#include "common/terminal_progress.h"
#include "report/setting_comparison_report.h"
#include "report/shootout_report.h"
#include "tensor/tensor_stats.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct CompareOptions
{
    SourceOptions source;
    SchemeOptions scheme; // --across schemes|calibrations|granularities: the settings kept
    std::string across = "formats";
    std::string formats;
    int bitsClass = 4;
    bool json = false;
    bool csv = false;
    unsigned threads = 0;
};

// The tensor the source options name, with the source (errors name their file).
Result<std::pair<TensorSource, LoadedTensor>> loadInput(const SourceOptions& options)
{
    auto source = makeTensorSource(options);
    if (!source) {
        return std::unexpected(source.error());
    }
    auto loaded = loadTensorSource(*source);
    if (!loaded) {
        return std::unexpected(loaded.error());
    }
    return std::pair(std::move(*source), std::move(*loaded));
}

// One setting varied, the rest as the scheme options say.
int runSettingComparison(const CompareOptions& o, CompareAcross across)
{
    const auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return reportError(spec.error());
    }
    auto input = loadInput(o.source);
    if (!input) {
        return reportError(input.error());
    }
    const TensorSource& source = input->first;
    LoadedTensor& loaded = input->second;
    const Tensor& tensor = loaded.tensor;
    Result<std::vector<SettingColumn>> columns = fail(ErrorCode::Cancelled, "not run");
    {
        TerminalProgress progress("compare");
        columns = compareSettings(tensor.view(), *spec, across,
                                  progress.enabled() ? progress.fractionFn() : ProgressFn{});
    }
    if (!columns) {
        return reportError(withSourceFile(columns.error(), source));
    }
    const SettingComparisonReport report{{tensor.name, tensor.shape, tensor.sourceDtype},
                                         computeStats(tensor.values, {o.threads, {}}),
                                         across,
                                         std::move(*columns),
                                         std::move(loaded.warnings)};
    const std::string text = o.json  ? settingComparisonJson(report) + "\n"
                             : o.csv ? settingComparisonCsv(report)
                                     : settingComparisonText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

int runCompare(const CompareOptions& o)
{
    if (o.across != "formats") {
        if (!o.formats.empty()) {
            return reportUsageError("--formats applies only with --across formats");
        }
        return runSettingComparison(o, *compareAcrossFromName(o.across));
    }
    if (anySchemeOption(o.scheme)) {
        return reportUsageError(
            "scheme options apply with --across schemes, calibrations or granularities; "
            "--across formats compares whole formats (--formats)");
    }
    const auto candidates =
        o.formats.empty() ? bitsClassCandidates(o.bitsClass) : parseShootoutCandidates(o.formats);
    if (!candidates) {
        return reportUsageError((o.formats.empty() ? "--bits-class: " : "--formats: ") +
                                candidates.error().message);
    }
    auto input = loadInput(o.source);
    if (!input) {
        return reportError(input.error());
    }
    const TensorSource& source = input->first;
    LoadedTensor& loaded = input->second;
    const Tensor& tensor = loaded.tensor;
    const TensorStats stats = computeStats(tensor.values, {o.threads, {}});
    Result<Shootout> shootout = fail(ErrorCode::Cancelled, "not run");
    {
        TerminalProgress progress("compare");
        ShootoutOptions options{o.threads, {}};
        if (progress.enabled()) {
            options.progress = progress.fractionFn();
        }
        shootout = runShootout(tensor.view(), *candidates, stats, options);
    }
    if (!shootout) {
        return reportError(withSourceFile(shootout.error(), source));
    }
    ShootoutReport report{{tensor.name, tensor.shape, tensor.sourceDtype},
                          stats,
                          std::move(*shootout),
                          {},
                          std::move(loaded.warnings)};
    for (const ShootoutRow& row : report.shootout.rows) {
        report.analyzeArguments.push_back(schemeArgumentLine(row.spec));
    }
    const std::string text = o.json  ? shootoutJson(report) + "\n"
                             : o.csv ? shootoutCsv(report)
                                     : shootoutText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addCompareCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<CompareOptions>();
    auto* command = app.add_subcommand(
        "compare", "Formats side by side on one tensor (one row each, best SQNR first), or one "
                   "setting varied: --across schemes, calibrations or granularities");
    command
        ->add_option("--across", options->across,
                     "What varies: formats (default; --formats or --bits-class), schemes, "
                     "calibrations or granularities (the scheme options set the rest)")
        ->check(CLI::IsMember({"formats", "schemes", "calibrations", "granularities"}))
        ->capture_default_str();
    auto* formats =
        command->add_option("--formats", options->formats,
                            "Comma-separated formats, e.g. int4-g64-asym-fp16,nf4-b128,mxfp4 "
                            "(int<bits> or a --format name, then -tensor, -channel, -g<N>, "
                            "-b<N>, -sym, -asym, -fp16, -fp32)");
    command
        ->add_option("--bits-class", options->bitsClass,
                     "The default rows of a class: 4 (int4, nf4, bnb-fp4, fp4, mxfp4, nvfp4; "
                     "default) or 8 (int8, fp8, mxfp8, mxint8)")
        ->check(CLI::IsMember({4, 8}))
        ->excludes(formats);
    auto* json = command->add_flag("--json", options->json, "Print one JSON object");
    command->add_flag("--csv", options->csv, "Print CSV (a header row, one row per format)")
        ->excludes(json);
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme);
    command->callback([options, &exitCode] { exitCode = runCompare(*options); });
}

} // namespace qs::cli
