#include "analysis/analyze.h"
#include "cli/commands.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/session_options.h"
#include "common/source_options.h"
#include "io/npy_writer.h"
#include "report/analysis_report.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace qs::cli {

namespace {

struct AnalyzeOptions
{
    SourceOptions source;
    SchemeOptions scheme;
    SessionOptions session;
    bool json = false;
    std::string dumpCodes;
    std::string dumpDequant;
    unsigned threads = 0;
};

// The tensor and scheme: a session's, or the command line's.
Result<std::pair<TensorSource, QuantSpec>> chooseInput(const CLI::App& command,
                                                       const AnalyzeOptions& o)
{
    auto session = loadSessionOption(command, o.session);
    if (!session) {
        return std::unexpected(session.error());
    }
    if (const std::optional<Session>& saved = *session; saved.has_value()) {
        return std::pair(saved->source, saved->spec);
    }
    auto source = makeTensorSource(o.source);
    if (!source) {
        return std::unexpected(source.error());
    }
    auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return std::unexpected(spec.error());
    }
    return std::pair(std::move(*source), std::move(*spec));
}

int runAnalyze(const CLI::App& command, const AnalyzeOptions& o)
{
    const auto input = chooseInput(command, o);
    if (!input) {
        return reportError(input.error());
    }
    const auto& [source, spec] = *input;
    auto loaded = loadTensorSource(source);
    if (!loaded) {
        return reportError(loaded.error());
    }
    const Tensor& tensor = loaded->tensor;

    std::vector<std::int32_t> codes(o.dumpCodes.empty() ? 0 : tensor.values.size());
    std::vector<float> dequant(o.dumpDequant.empty() ? 0 : tensor.values.size());
    AnalysisOptions options;
    options.codesOut = codes;
    options.dequantOut = dequant;
    options.threads = o.threads;
    auto analysis = analyzeTensor(tensor.view(), spec, options);
    if (!analysis) {
        return reportError(withSourceFile(analysis.error(), source));
    }
    if (!o.dumpCodes.empty()) {
        if (auto ok = writeNpy(o.dumpCodes, std::span<const std::int32_t>(codes), tensor.shape);
            !ok) {
            return reportError(ok.error());
        }
    }
    if (!o.dumpDequant.empty()) {
        if (auto ok = writeNpy(o.dumpDequant, std::span<const float>(dequant), tensor.shape); !ok) {
            return reportError(ok.error());
        }
    }

    if (!o.session.save.empty()) {
        if (auto ok = writeSession(o.session.save, Session{source, spec, {}}); !ok) {
            return reportError(ok.error());
        }
    }

    const AnalysisReport report{{tensor.name, tensor.shape, tensor.sourceDtype},
                                std::move(*analysis),
                                std::move(loaded->warnings)};
    const std::string text = o.json ? analysisJson(report) + "\n" : analysisText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addAnalyzeCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<AnalyzeOptions>();
    auto* command =
        app.add_subcommand("analyze", "Quantize one tensor and report the error metrics");
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme);
    command->add_flag("--json", options->json, "Print one JSON object (the documented contract)");
    command->add_option("--dump-codes", options->dumpCodes,
                        "Write the integer codes (int32 .npy, input's shape)");
    command->add_option("--dump-dequant", options->dumpDequant,
                        "Write the dequantized values (float32 .npy)");
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    addSessionOptions(*command, options->session, /*withSave=*/true);
    command->callback([command, options, &exitCode] { exitCode = runAnalyze(*command, *options); });
}

} // namespace qs::cli
