#include "cli/offscreen_snapshot.h"

#include "analysis_runner.h"
#include "common/cli_support.h"
#include "common/terminal_progress.h"
#include "i18n/language.h"

#include <QApplication>

#include <cstdio>
#include <filesystem>

namespace qs::cli {

namespace {

// The CLI's own errors go to stderr in one line; Qt's platform chatter (no XDG runtime folder on
// a headless machine, ...) would only add noise there.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
    }
}

} // namespace

void addLanguageOption(CLI::App& command, std::string& language)
{
    command
        .add_option("--lang", language,
                    "Language of the labels and headings: en (default) or zh_CN (简体中文)")
        ->check(CLI::IsMember({"en", "zh_CN"}));
}

int runWithOffscreenApplication(const std::string& language, const std::function<int()>& work)
{
    int argc = 1;
    char name[] = "quantscope-cli";
    char* argv[] = {name, nullptr};
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    qInstallMessageHandler(quietQtMessages);
    const QApplication app(argc, argv);
    ui::setLanguage(QString::fromStdString(language));
    return work();
}

int writeFromSnapshot(const std::string& command, const SourceOptions& sourceOptions,
                      const SchemeOptions& schemeOptions, const std::string& out,
                      const std::string& language,
                      const std::function<QString(const ui::SnapshotPtr&)>& write)
{
    const auto source = makeTensorSource(sourceOptions);
    if (!source) {
        return reportError(source.error());
    }
    const auto spec = makeQuantSpec(schemeOptions);
    if (!spec) {
        return reportError(spec.error());
    }
    return runWithOffscreenApplication(language, [&] {
        ui::AnalysisRequest request;
        request.source = *source;
        request.spec = *spec;
        ui::RunnerOutcome outcome;
        QString error;
        {
            TerminalProgress progress(command);
            outcome = ui::AnalysisRunner::compute(request, progress.fractionFn("analysing"));
            if (outcome.snapshot) {
                progress.message("writing " + std::filesystem::path(out).filename().string());
                error = write(outcome.snapshot);
            }
        }
        if (!outcome.snapshot) {
            std::fprintf(stderr, "error: %s\n", qPrintable(outcome.error));
            return static_cast<int>(kExitBadInput);
        }
        if (!error.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", qPrintable(error));
            return static_cast<int>(kExitBadInput);
        }
        std::printf("wrote %s\n", out.c_str());
        return static_cast<int>(kExitOk);
    });
}

} // namespace qs::cli
