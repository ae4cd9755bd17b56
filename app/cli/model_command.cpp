#include "analysis/model_report.h"
#include "cli/commands.h"
#include "cli/offscreen_snapshot.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/terminal_progress.h"
#include "export/report_export.h"
#include "io/archive_factory.h"
#include "io/reference_archive.h"
#include "io/tensor_source.h"
#include "report/model_report_output.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
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
    std::string out; // a report file instead of printing
    std::string page = "a4";
    std::string language = "en";  // of the --out report
    int bestFormat = 0;           // a shoot-out class, or 0
    std::string reference;        // a float file to measure the stored values against
    std::optional<double> recipe; // a bits-per-value budget for the recipe
};

// The report as a file: HTML, PDF, Markdown (with the worst-tensors chart), CSV or JSON.
int writeModelReport(const ModelReport& report, const ModelCommandOptions& o)
{
    const QString out = QString::fromStdString(o.out);
    return runWithOffscreenApplication(o.language, [&] {
        ui::ReportOptions options;
        options.format = *ui::reportFormatForPath(out);
        options.page = o.page == "letter" ? QPageSize::Letter : QPageSize::A4;
        QString error;
        {
            TerminalProgress progress("model");
            progress.message("writing " + std::filesystem::path(o.out).filename().string());
            error = ui::exportModelReport(report, out, options);
        }
        if (!error.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", qPrintable(error));
            return static_cast<int>(kExitBadInput);
        }
        std::printf("wrote %s\n", o.out.c_str());
        return static_cast<int>(kExitOk);
    });
}

// The floating-point tensors analyzeModel reads: the total of the progress line.
std::size_t analysedTensorCount(const TensorArchive& archive)
{
    return static_cast<std::size_t>(std::ranges::count_if(archive.entries(), [](const auto& entry) {
        return entry.floating && entry.unsupported.empty() && entry.count > 0;
    }));
}

// The report with the reference comparison and recipe asked for, while the progress line shows
// how far it is (it is gone when this returns).
Result<ModelReport> buildModelReport(TensorArchive& archive, const QuantSpec& spec,
                                     const ModelCommandOptions& o)
{
    TerminalProgress progress("model");
    const std::size_t total = analysedTensorCount(archive);
    std::size_t done = 0;
    ModelReportOptions options;
    options.threads = o.threads;
    options.bestFormatBits = o.bestFormat;
    if (progress.enabled()) {
        progress.count(0, total, "tensors");
        options.onTensor = [&](const TensorReportRow&) {
            progress.count(++done, total, "tensors");
        };
    }
    auto report = analyzeModel(archive, spec, options);
    if (!report || o.reference.empty()) {
        return report;
    }
    auto reference = openReferenceArchive(o.reference);
    if (!reference) {
        return std::unexpected(reference.error());
    }
    ReferenceOptions compare;
    compare.threads = o.threads;
    compare.ladder = o.recipe.has_value();
    if (progress.enabled()) {
        compare.progress = progress.fractionFn("against the reference");
    }
    auto comparison = compareWithReference(archive, **reference, compare);
    if (!comparison) {
        return std::unexpected(comparison.error());
    }
    report->reference = std::move(*comparison);
    if (o.recipe) {
        auto recipe = recipeFor(*report->reference, *o.recipe);
        if (!recipe) {
            return std::unexpected(recipe.error());
        }
        report->recipe = std::move(*recipe);
    }
    return report;
}

int runModel(const ModelCommandOptions& o)
{
    if (!o.out.empty() && !ui::reportFormatForPath(QString::fromStdString(o.out))) {
        return reportUsageError("--out must end in .html, .pdf, .md, .csv or .json, got '" + o.out +
                                "'");
    }
    if (o.recipe && o.reference.empty()) {
        return reportUsageError("--recipe chooses types by their error against the float "
                                "weights: it needs --reference");
    }
    const auto spec = makeQuantSpec(o.scheme);
    if (!spec) {
        return reportError(spec.error());
    }
    auto archive = openTensorArchive(FileSpec{o.file, {}, {}});
    if (!archive) {
        return reportError(archive.error());
    }
    auto report = buildModelReport(**archive, *spec, o);
    if (!report) {
        return reportError(report.error());
    }
    if (!o.out.empty()) {
        return writeModelReport(*report, o);
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
    command
        ->add_option("--recipe", options->recipe,
                     "With --reference: the ggml type per tensor (the k-quants and q8_0) "
                     "whose total squared error is least while the file stays within BITS "
                     "bits per value, printed as llama-quantize --tensor-type lines")
        ->check(CLI::Range(0.5, 64.0));
    command->add_option("--reference", options->reference,
                        "Measure the stored values against this float file (.gguf, .safetensors, "
                        "an index, or a Hugging Face folder): tensors matched by name, or by "
                        "llama.cpp's names with the converter's Q/K row order");
    command->add_option("--threads", options->threads, "Worker threads (default: automatic)");
    command
        ->add_option("--best-format", options->bestFormat,
                     "Also each tensor's best format of the 4- or 8-bit shoot-out (see compare; "
                     "a dozen analyses per tensor, each tensor read whole)")
        ->check(CLI::IsMember({4, 8}));
    command->add_option("--out,-o", options->out,
                        "Write the report to a file instead: .html, .pdf, .md (with the "
                        "worst-tensors chart), .csv or .json");
    command->add_option("--page", options->page, "PDF page size: a4 or letter")
        ->check(CLI::IsMember({"a4", "letter"}))
        ->capture_default_str();
    addLanguageOption(*command, options->language);
    addSchemeOptions(*command, options->scheme);
    command->callback([options, &exitCode] { exitCode = runModel(*options); });
}

} // namespace qs::cli
