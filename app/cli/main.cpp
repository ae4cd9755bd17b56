// quantscope-cli: QuantScope without a window. Every number the GUI shows can be reproduced here.

#include "cli/commands.h"
#include "common/cli_support.h"
#include "io/temporary_files.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    using namespace qs::cli;
    qs::removeTemporaryFilesOnSignals(); // a killed dump leaves no NAME.XXXXXXXX.part behind
    CLI::App app{"QuantScope: see what quantization does to a tensor.", "quantscope-cli"};
    app.require_subcommand(1);
    app.fallthrough(false);
    app.set_version_flag("--version", "quantscope-cli " QUANTSCOPE_VERSION,
                         "Print the version and exit");

    int exitCode = kExitOk;
    addTutorialCommand(app, exitCode);
    addAnalyzeCommand(app, exitCode);
    addListCommand(app, exitCode);
    addModelCommand(app, exitCode);
    addPlotCommand(app, exitCode);
    addReportCommand(app, exitCode);
    addConvertCommand(app, exitCode);
    addGenerateCommand(app, exitCode);
    addActivationsCommand(app, exitCode);
    addSweepCommand(app, exitCode);
    addCompareCommand(app, exitCode);
    addMitigateCommand(app, exitCode);
    addBenchCommand(app, exitCode);

    // CLI11 would only say "a subcommand is required" for a misspelt command; name it instead.
    if (argc > 1 && argv[1][0] != '-') {
        const std::string command = argv[1];
        std::string names;
        bool known = false;
        for (const CLI::App* sub : app.get_subcommands({})) {
            known = known || sub->get_name() == command;
            names += (names.empty() ? "" : ", ") + sub->get_name();
        }
        if (!known) {
            return reportUsageError("unknown command '" + command + "' (commands: " + names + ")");
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        return reportUsageError(std::string(error.what()) + " (see quantscope-cli --help)");
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "error: out of memory\n");
        return kExitFailure;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return kExitFailure;
    }
    return exitCode;
}
