#include "analysis/model_report.h"
#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "io/tensor_source.h"
#include "report/model_report_output.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct ModelCommandOptions
{
    std::string file;
    SchemeOptions scheme;
    bool json = false;
    bool csv = false;
    unsigned threads = 0;
};

int runModel(const ModelCommandOptions& o)
{
    const auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return reportError(spec.error());
    }
    auto archive = openTensorArchive(FileSpec{o.file, {}, {}});
    if (!archive) {
        return reportError(archive.error());
    }
    ModelReportOptions options;
    options.threads = o.threads;
    auto report = analyzeModel(**archive, *spec, options);
    if (!report) {
        return reportError(report.error());
    }
    const std::string text = o.json  ? modelReportJson(*report) + "\n"
                             : o.csv ? modelReportCsv(*report)
                                     : modelReportText(*report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addModelCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ModelCommandOptions>();
    auto* command = app.add_subcommand(
        "model", "Analyse every floating-point tensor of a model file under one scheme and flag "
                 "the outliers");
    command
        ->add_option("file", options->file,
                     "A .safetensors (or its .index.json), .npz, .onnx, .gguf or TF.js model.json")
        ->required();
    auto* json = command->add_flag("--json", options->json, "Print one JSON object");
    command->add_flag("--csv", options->csv, "Print CSV (a header row, one row per tensor)")
        ->excludes(json);
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    addSchemeOptions(*command, options->scheme);
    command->callback([options, &exitCode] { exitCode = runModel(*options); });
}

} // namespace qs::cli
