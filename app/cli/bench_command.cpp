// quantscope-cli bench: the options; the harnesses live in bench/ (kernel_bench.h: the analyze
// pass and its stages; model_files_bench.h: model-file listing and the model report).

#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/terminal_progress.h"
#include "format_bench.h"
#include "kernel_bench.h"
#include "mitigation_bench.h"
#include "model_files_bench.h"

#include <memory>
#include <string>
#include <vector>

namespace qs::cli {
namespace {

struct BenchCommandOptions
{
    SchemeOptions scheme;
    std::vector<std::string> sizes{"1M", "16M"};
    int repeat = 5;
    unsigned threads = 0;
    bool modelFiles = false;
    bool formats = false;
    bool mitigate = false;
    std::string dir;
};

int runBench(const BenchCommandOptions& o)
{
    const auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return reportError(spec.error());
    }
    Result<void> ran;
    {
        TerminalProgress line("bench");
        bench::BenchProgress progress;
        if (line.enabled()) {
            progress.step = [&line](int done, int total) {
                line.count(static_cast<std::size_t>(done), static_cast<std::size_t>(total),
                           "steps");
            };
            progress.clear = [&line] {
                line.clear();
            };
        }
        if (o.modelFiles) {
            ran = bench::runModelFilesBench(*spec, o.dir, o.threads, progress);
        } else if (o.mitigate) {
            ran = bench::runMitigationBench({256, 4096, 4096, o.repeat, o.threads, progress});
        } else if (o.formats) {
            ran = bench::runFormatBench({o.sizes, o.repeat, o.threads, progress});
        } else {
            ran = bench::runKernelBench({*spec, o.sizes, o.repeat, o.threads, progress});
        }
    }
    return ran ? kExitOk : reportError(ran.error());
}

} // namespace

void addBenchCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<BenchCommandOptions>();
    auto* command =
        app.add_subcommand("bench", "Measure the analyze pass and its stages in ns per element");
    addSchemeOptions(*command, options->scheme);
    command->add_option("--sizes", options->sizes, "Tensor sizes (suffix K or M)")
        ->delimiter(',')
        ->capture_default_str();
    command->add_option("--repeat", options->repeat, "Runs per stage; the best is reported")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    command->add_option("--threads", options->threads,
                        "Threads of the parallel column (default: automatic)");
    command->add_flag("--model-files", options->modelFiles,
                      "Instead: list a generated 2 GB safetensors file and run the model report "
                      "over a generated 1 GB bfloat16 one (time and peak memory)");
    command->add_flag("--formats", options->formats,
                      "Instead: the analyze pass of every number format next to int8's, with "
                      "the ratio, and the 4- and 8-bit shoot-outs (rows of 4096 values)");
    command->add_flag("--mitigate", options->mitigate,
                      "Instead: the outlier-mitigation experiment on X [256 × 4096] and "
                      "W [4096 × 4096] — the reference product, one slider change per "
                      "transform, the auto-α scan (ms)");
    command->add_option("--dir", options->dir,
                        "--model-files: folder for the generated files (default: the system's "
                        "temporary folder); they are removed afterwards");
    command->callback([options, &exitCode] { exitCode = runBench(*options); });
}

} // namespace qs::cli
