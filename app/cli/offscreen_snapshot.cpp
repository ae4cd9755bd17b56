#include "cli/offscreen_snapshot.h"

#include "analysis_runner.h"
#include "common/cli_support.h"

#include <QApplication>

#include <cstdio>

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

int runWithOffscreenApplication(const std::function<int()>& work)
{
    int argc = 1;
    char name[] = "quantscope-cli";
    char* argv[] = {name, nullptr};
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    qInstallMessageHandler(quietQtMessages);
    const QApplication app(argc, argv);
    return work();
}

int writeFromSnapshot(const SourceOptions& sourceOptions, const SchemeOptions& schemeOptions,
                      const std::string& out,
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
    return runWithOffscreenApplication([&] {
        ui::AnalysisRequest request;
        request.source = *source;
        request.spec = *spec;
        const ui::RunnerOutcome outcome =
            ui::AnalysisRunner::compute(request, [](double) { return true; });
        if (!outcome.snapshot) {
            std::fprintf(stderr, "error: %s\n", qPrintable(outcome.error));
            return static_cast<int>(kExitBadInput);
        }
        const QString error = write(outcome.snapshot);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", qPrintable(error));
            return static_cast<int>(kExitBadInput);
        }
        std::printf("wrote %s\n", out.c_str());
        return static_cast<int>(kExitOk);
    });
}

} // namespace qs::cli
