#include "analysis/sweeps.h"
#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/source_options.h"
#include "common/terminal_progress.h"
#include "report/sweep_report.h"
#include "tensor/tensor_stats.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct SweepCommandOptions
{
    SourceOptions source;
    SchemeOptions scheme;
    std::string parameter;
    int points = 0;
    bool json = false;
    bool csv = false;
    unsigned threads = 0;
};

Result<SweepResult> runSweep(SweepParameter parameter, const Tensor& tensor, const QuantSpec& spec,
                             const SweepOptions& options)
{
    const auto wrap = [](auto sweep) -> Result<SweepResult> {
        if (!sweep) {
            return std::unexpected(sweep.error());
        }
        return SweepResult(std::move(*sweep));
    };
    switch (parameter) {
    case SweepParameter::Bits:
        return wrap(sweepBits(tensor.view(), spec, options));
    case SweepParameter::Clip:
        return wrap(sweepClip(tensor.view(), spec, options));
    case SweepParameter::Outlier:
        return wrap(sweepOutlier(tensor.view(), spec, options));
    }
    return fail(ErrorCode::InvalidArgument, "unknown sweep");
}

int runSweepCommand(const SweepCommandOptions& o)
{
    const auto source = makeTensorSource(o.source);
    if (!source) {
        return reportError(source.error());
    }
    const auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return reportError(spec.error());
    }
    auto loaded = loadTensorSource(*source);
    if (!loaded) {
        return reportError(loaded.error());
    }
    const Tensor& tensor = loaded->tensor;
    SweepOptions options;
    options.points = o.points;
    options.threads = o.threads;
    const auto parameter = sweepParameterFromName(o.parameter); // checked by the option, kept safe
    if (!parameter) {
        return reportUsageError("--param: unknown sweep '" + o.parameter + "'");
    }
    Result<SweepResult> result = fail(ErrorCode::Cancelled, "not run");
    {
        TerminalProgress progress("sweep");
        if (progress.enabled()) {
            options.progress = progress.fractionFn();
        }
        result = runSweep(*parameter, tensor, *spec, options);
    }
    if (!result) {
        return reportError(withSourceFile(result.error(), *source));
    }
    const SweepReport report{{tensor.name, tensor.shape, tensor.sourceDtype},
                             computeStats(tensor.values, {o.threads, {}}),
                             *spec,
                             std::move(*result),
                             std::move(loaded->warnings)};
    const std::string text = o.json  ? sweepJson(report) + "\n"
                             : o.csv ? sweepCsv(report)
                                     : sweepText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addSweepCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<SweepCommandOptions>();
    auto* command = app.add_subcommand(
        "sweep",
        "Vary the bit width, the clip threshold or an outlier's size and tabulate the error");
    command
        ->add_option("--param", options->parameter,
                     "What to vary: bits (2..16), clip (threshold), outlier (size)")
        ->required()
        ->check(memberOf(sweepParameterNames()));
    command
        ->add_option("--points", options->points,
                     "clip: thresholds (default " + std::to_string(kDefaultClipPoints) +
                         "); outlier: magnitudes (default " +
                         std::to_string(kDefaultOutlierPoints) + ")")
        ->check(CLI::Range(2, kMaxSweepPoints));
    auto* json = command->add_flag("--json", options->json, "Print one JSON object");
    command->add_flag("--csv", options->csv, "Print CSV (a header row, one row per point)")
        ->excludes(json);
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme);
    command->callback([options, &exitCode] { exitCode = runSweepCommand(*options); });
}

} // namespace qs::cli
