#pragma once
// quantscope's command line: the CLI's tensor and scheme options, plus --screenshot,
// --benchmark, --lesson, --lang, --version and a FILE to open.

#include "common/scheme_options.h"
#include "common/session_options.h"
#include "common/source_options.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace qs::gui {

struct GuiOptions
{
    cli::SourceOptions source;
    cli::SchemeOptions scheme;
    cli::SessionOptions session;
    std::string screenshot;
    std::vector<std::string> tabs; // a table and/or a view to bring to the front
    std::vector<double> zoom;      // LO,HI of the histogram's value axis
    bool benchmark = false;
    int lesson = 0;       // a lesson to start on (1..6), 0 for none
    std::string language; // "en" or "zh_CN"; empty: the saved choice or the system's
    std::string file;     // FILE: a .qscope session, or a tensor or model file
};

// True when argv asks for --version, which is answered before QApplication starts (it needs a
// display, and printing the version should not).
bool asksForVersion(int argc, const char* const* argv);
std::string versionText(); // "quantscope 0.1.0"

// Takes `--session F` (or `--session=F`) out of argv before QApplication sees it: Qt's own
// session management claims that option and would swallow it. Returns F, or empty.
std::string takeSessionArgument(int& argc, char** argv);

// Registers the options on `app` (call app.parse afterwards).
void addGuiOptions(CLI::App& app, GuiOptions& options);

// FILE as a file manager hands it over (the desktop entry's `quantscope %f`): a .qscope session
// is opened as --session, any other file as --input (a file of several tensors on its first).
// Call after setting options.session.load. Errors: InvalidArgument when the command line also
// names a tensor or a session.
Result<void> placeFileArgument(GuiOptions& options);

// The source and spec to start on: the command line's, or the built-in demo when it names no
// tensor. Errors: a malformed option value (InvalidArgument).
struct StartState
{
    TensorSource source;
    QuantSpec spec;
    // A file named without --format: a tensor stored quantized opens on its own type.
    bool adoptStoredFormat = false;
};
Result<StartState> startState(const GuiOptions& options, const TensorSource& demoSource,
                              const QuantSpec& demoSpec);

} // namespace qs::gui
