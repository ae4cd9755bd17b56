#pragma once
// The subcommands of quantscope-cli. Each registers its options on `app` and, when chosen,
// stores its exit code in `exitCode`.

#include <CLI/CLI.hpp>

namespace qs::cli {

void addTutorialCommand(CLI::App& app, int& exitCode);
void addAnalyzeCommand(CLI::App& app, int& exitCode);
void addGenerateCommand(CLI::App& app, int& exitCode);
void addSweepCommand(CLI::App& app, int& exitCode);
void addCompareCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addListCommand(CLI::App& app, int& exitCode);
void addModelCommand(CLI::App& app, int& exitCode);
void addPlotCommand(CLI::App& app, int& exitCode);
void addReportCommand(CLI::App& app, int& exitCode);
void addConvertCommand(CLI::App& app, int& exitCode);
void addMitigateCommand(CLI::App& app, int& exitCode);
void addActivationsCommand(CLI::App& app, int& exitCode);

} // namespace qs::cli
