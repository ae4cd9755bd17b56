// quantscope-cli mitigate: one linear layer Y = X·Wᵀ quantized before and after SmoothQuant,
// a Hadamard rotation and LLM.int8()'s decomposition, judged at the product.

#include "analysis/shootout.h"
#include "cli/commands.h"
#include "cli/offscreen_snapshot.h"
#include "common/cli_support.h"
#include "common/terminal_progress.h"
#include "export/mitigation_figures.h"
#include "export/mitigation_report_export.h"
#include "io/tensor_source.h"
#include "mitigate/mitigation.h"
#include "report/mitigation_report.h"

#include <charconv>
#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

struct MitigateOptions
{
    std::string weight;
    std::string activations;
    ActivationSpec synthetic; // without --activations; features follow the weight
    std::string smoothAlpha;  // empty: off; a number in [0, 1] or "auto"
    std::string rotate;       // empty: off; "hadamard"
    std::uint32_t rotationSeed = 0;
    bool int8Decomposition = false;
    std::optional<double> int8Threshold;
    std::string weightFormat = "int8-channel";
    std::string activationFormat = "int8-tensor";
    bool json = false;
    std::string report; // --report FILE: HTML, PDF or Markdown with the view's plots, or JSON
    std::string page = "a4";
    std::string language = "en";
    unsigned threads = 0;
};

// The report as File → Export Report writes it from the Outliers view.
int writeReport(const MitigateOptions& o, const MitigationReport& report)
{
    const QString path = QString::fromStdString(o.report);
    const auto format = ui::reportFormatForPath(path);
    if (!format || *format == ui::ReportFormat::Csv) {
        return reportUsageError("--report must end in .html, .pdf, .md or .json, got '" + o.report +
                                "'");
    }
    return runWithOffscreenApplication(o.language, [&] {
        ui::ReportOptions options;
        options.format = *format;
        options.page = o.page == "letter" ? QPageSize::Letter : QPageSize::A4;
        const auto scan =
            report.alphaScan ? std::make_shared<const AlphaScan>(*report.alphaScan) : nullptr;
        const ui::MitigationFigures figures(report, scan);
        const QString error = ui::exportMitigationReport(report, figures.plots(), path, options);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", error.toStdString().c_str());
            return static_cast<int>(kExitBadInput);
        }
        std::printf("wrote %s\n", o.report.c_str());
        return static_cast<int>(kExitOk);
    });
}

Result<LoadedTensor> loadOperand(const std::string& location)
{
    return loadTensorFile(parseInputLocation(location));
}

Result<double> parseAlpha(const std::string& text)
{
    double alpha = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), alpha);
    if (error != std::errc{} || end != text.data() + text.size() || !(alpha >= 0 && alpha <= 1)) {
        return fail(ErrorCode::InvalidArgument,
                    "--smooth-alpha takes a number in [0, 1] or 'auto', got '" + text + "'");
    }
    return alpha;
}

Result<QuantSpec> formatSpec(const char* option, const std::string& name)
{
    auto candidate = parseShootoutCandidate(name);
    if (!candidate) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(option) + ": " + candidate.error().message);
    }
    return candidate->spec;
}

TensorInfo infoOf(const Tensor& tensor)
{
    return {tensor.name, tensor.shape, tensor.sourceDtype};
}

int runMitigate(const MitigateOptions& o)
{
    MitigationSettings settings;
    auto weightSpec = formatSpec("--weight-format", o.weightFormat);
    auto activationSpec = formatSpec("--activation-format", o.activationFormat);
    if (!weightSpec || !activationSpec) {
        return reportUsageError((weightSpec ? activationSpec : weightSpec).error().message);
    }
    settings.weightSpec = *weightSpec;
    settings.activationSpec = *activationSpec;
    const bool autoAlpha = o.smoothAlpha == "auto";
    if (!o.smoothAlpha.empty() && !autoAlpha) {
        auto alpha = parseAlpha(o.smoothAlpha);
        if (!alpha) {
            return reportUsageError(alpha.error().message);
        }
        settings.smoothAlpha = *alpha;
    }
    if (!o.rotate.empty()) {
        settings.rotationSeed = o.rotationSeed;
    }
    if (o.int8Decomposition || o.int8Threshold) {
        settings.int8Threshold = o.int8Threshold.value_or(kDefaultInt8Threshold);
    }

    auto weight = loadOperand(o.weight);
    if (!weight) {
        return reportError(weight.error());
    }
    MitigationReport report;
    report.loadWarnings = std::move(weight->warnings);
    Tensor activations;
    if (!o.activations.empty()) {
        auto loaded = loadOperand(o.activations);
        if (!loaded) {
            return reportError(loaded.error());
        }
        report.loadWarnings.insert(report.loadWarnings.end(), loaded->warnings.begin(),
                                   loaded->warnings.end());
        activations = std::move(loaded->tensor);
    } else {
        ActivationSpec spec = o.synthetic;
        // One feature per input of W. A weight that is not a matrix gets none: prepareMitigation
        // refuses it by name below.
        const auto& shape = weight->tensor.shape;
        if (shape.size() >= 2 && shape.front() > 0) {
            spec.features = weight->tensor.values.size() / static_cast<std::size_t>(shape.front());
            auto generated = generateActivations(spec);
            if (!generated) {
                return reportError(generated.error());
            }
            activations = std::move(*generated);
        }
        report.synthetic = spec;
    }
    report.weight = infoOf(weight->tensor);
    report.activations = infoOf(activations);
    report.weightFormat = o.weightFormat;
    report.activationFormat = o.activationFormat;

    Result<MitigationOutcome> before = fail(ErrorCode::Cancelled, "not run");
    Result<MitigationOutcome> after = fail(ErrorCode::Cancelled, "not run");
    {
        TerminalProgress progress("mitigate");
        const auto stage = [&](const char* name) -> ProgressFn {
            if (!progress.enabled()) {
                return {};
            }
            return [&progress, name](double f) {
                progress.fraction(f, name);
                return true;
            };
        };
        auto problem = prepareMitigation(std::move(weight->tensor), std::move(activations),
                                         {o.threads, stage("reference product")});
        if (!problem) {
            // A mismatch is about both files: name them both.
            Error error = problem.error();
            if (error.file.empty() && error.code != ErrorCode::Cancelled) {
                error.file = o.weight + (o.activations.empty() ? "" : " with " + o.activations);
            }
            return reportError(error);
        }
        report.outputs = problem->outputs;
        report.inputs = problem->inputs;
        report.tokens = problem->tokens;
        if (autoAlpha) {
            auto scan = scanSmoothingAlpha(*problem, settings, {o.threads, stage("α scan")});
            if (!scan) {
                return reportError(scan.error());
            }
            settings.smoothAlpha = scan->bestAlpha();
            report.alphaScan = std::move(*scan);
        }
        before = evaluateMitigation(*problem, settings.withoutTransforms(),
                                    {o.threads, stage("before")});
        if (before) {
            after = evaluateMitigation(*problem, settings, {o.threads, stage("after")});
        }
    }
    if (!before || !after) {
        return reportError((before ? after : before).error());
    }
    report.settings = settings;
    report.before = std::move(*before);
    report.after = std::move(*after);
    if (!o.report.empty()) {
        return writeReport(o, report);
    }
    const std::string text = o.json ? mitigationJson(report) + "\n" : mitigationText(report);
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace

void addMitigateCommand(CLI::App& app, int& exitCode)
{
    auto o = std::make_shared<MitigateOptions>();
    auto* command = app.add_subcommand(
        "mitigate", "A weight and its activations quantized before and after SmoothQuant, a "
                    "Hadamard rotation and LLM.int8() decomposition, judged at the product X·Wᵀ");
    command->add_option("--weight", o->weight, "The weight W [out, in]: FILE or FILE#TENSOR")
        ->required();
    command->add_option("--activations", o->activations,
                        "The activations X [tokens, in]: FILE or FILE#TENSOR (default: synthetic, "
                        "see --tokens)");
    command
        ->add_option("--tokens", o->synthetic.tokens, "Synthetic activations: tokens (rows of X)")
        ->capture_default_str();
    command
        ->add_option("--outlier-channels", o->synthetic.outlierChannels,
                     "Synthetic activations: feature channels carrying outliers")
        ->capture_default_str();
    command
        ->add_option("--outlier-scale", o->synthetic.outlierScale,
                     "Synthetic activations: the outlier channels' magnitude (× the rest)")
        ->capture_default_str();
    command->add_option("--seed", o->synthetic.seed, "Synthetic activations: the seed")
        ->capture_default_str();
    command->add_option("--smooth-alpha", o->smoothAlpha,
                        "SmoothQuant with this α in [0, 1], or 'auto' (the α in steps of 0.05 "
                        "with the least output error)");
    command->add_option("--rotate", o->rotate, "Rotate the input dimension: hadamard")
        ->check(CLI::IsMember({"hadamard"}));
    command->add_option("--rotation-seed", o->rotationSeed, "The rotation's random signs' seed")
        ->capture_default_str();
    auto* threshold = command->add_option(
        "--int8-threshold", o->int8Threshold,
        "LLM.int8() decomposition: channels with some |x| ≥ T stay in float16 (implies it)");
    command
        ->add_flag("--int8-decomposition", o->int8Decomposition,
                   "LLM.int8() decomposition at the paper's threshold, 6")
        ->excludes(threshold);
    command
        ->add_option("--weight-format", o->weightFormat,
                     "W's format, as compare --formats names them (e.g. int8-channel, int4-g128, "
                     "nvfp4, fp8-e4m3-channel)")
        ->capture_default_str();
    command
        ->add_option("--activation-format", o->activationFormat,
                     "X's format, likewise (e.g. int8-tensor, int8-channel per token, nvfp4)")
        ->capture_default_str();
    auto* json = command->add_flag("--json", o->json, "Print one JSON object");
    command
        ->add_option("--report", o->report,
                     "Write the report instead: .html, .pdf or .md with the Outliers view's "
                     "plots, or .json")
        ->excludes(json);
    command->add_option("--page", o->page, "PDF page size: a4 or letter")
        ->check(CLI::IsMember({"a4", "letter"}))
        ->capture_default_str();
    addLanguageOption(*command, o->language);
    command->add_option("--threads", o->threads, "Worker threads (default: automatic)");
    command->callback([o, &exitCode] { exitCode = runMitigate(*o); });
}

} // namespace qs::cli
