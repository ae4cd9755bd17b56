#include "gui/gui_options.h"

#include <string_view>

namespace qs::gui {

std::string takeSessionArgument(int& argc, char** argv)
{
    std::string value;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--session" && i + 1 < argc) {
            value = argv[++i];
        } else if (arg.starts_with("--session=")) {
            value = std::string(arg.substr(std::string_view("--session=").size()));
        } else {
            argv[kept++] = argv[i];
        }
    }
    argv[kept] = nullptr;
    argc = kept;
    return value;
}

bool asksForVersion(int argc, const char* const* argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--version") {
            return true;
        }
    }
    return false;
}

std::string versionText()
{
    return std::string("quantscope ") + QUANTSCOPE_VERSION;
}

void addGuiOptions(CLI::App& app, GuiOptions& options)
{
    app.add_option("file", options.file,
                   "A file to open: a .qscope session (as --session) or a tensor or model file "
                   "(as --input)");
    cli::addSourceOptions(app, options.source);
    cli::addSchemeOptions(app, options.scheme);
    cli::addSessionOptions(app, options.session, /*withSave=*/false);
    app.add_option(
        "--screenshot", options.screenshot,
        "Draw the results, save the whole window to this PNG and exit (works offscreen)");
    app.add_option("--tab", options.tabs,
                   "Tabs to show first: a table (error, compare, formats — the Compare tab's "
                   "shoot-out —, walkthrough) and/or a view (quantizer, channels, sweeps, "
                   "model, outliers), e.g. --tab formats,sweeps")
        ->delimiter(',')
        ->check(CLI::IsMember({"error", "compare", "formats", "walkthrough", "quantizer",
                               "channels", "sweeps", "model", "outliers"}));
    app.add_option("--zoom", options.zoom, "Show only LO,HI of the histogram's value axis")
        ->delimiter(',')
        ->expected(2);
    app.add_option("--lesson", options.lesson,
                   "Start on a guided lesson: 1 general process, 2 symmetric, 3 asymmetric, "
                   "4 one outlier, 5 per-channel scales, 6 calibration, 7 floating-point grids, "
                   "8 block scaling, 9 SmoothQuant's α, 10 a Hadamard rotation")
        ->check(CLI::Range(1, 10));
    app.add_option("--lang", options.language,
                   "Interface language for this run (default: View → Language, else the "
                   "system's)")
        ->check(CLI::IsMember({"en", "zh_CN"}));
    app.add_flag("--benchmark", options.benchmark,
                 "Measure control-change-to-repaint latency and UI-thread stalls on 1M and 16M "
                 "values, then exit");
    // main answers it before parsing (asksForVersion); registered for --help and as a fallback.
    app.set_version_flag("--version", versionText(), "Print the version and exit");
}

Result<void> placeFileArgument(GuiOptions& options)
{
    if (options.file.empty()) {
        return {};
    }
    const cli::SourceOptions& s = options.source;
    if (!s.input.empty() || !s.distribution.empty() || !s.presetData.empty() ||
        !options.session.load.empty()) {
        return fail(ErrorCode::InvalidArgument,
                    "FILE names what to open; drop --input, --generate, --preset-data or "
                    "--session, or FILE");
    }
    if (options.file.ends_with(".qscope")) {
        options.session.load = options.file;
    } else {
        options.source.input = options.file;
    }
    return {};
}

Result<StartState> startState(const GuiOptions& options, const TensorSource& demoSource,
                              const QuantSpec& demoSpec)
{
    const cli::SourceOptions& s = options.source;
    const bool sourceGiven = !s.input.empty() || !s.distribution.empty() || !s.presetData.empty();
    StartState state{demoSource, demoSpec};
    if (sourceGiven) {
        auto source = cli::makeTensorSource(s);
        if (!source) {
            return std::unexpected(source.error());
        }
        state.source = *source;
    }
    if (cli::anySchemeOption(options.scheme) || sourceGiven) {
        auto spec = cli::makeQuantSpec(options.scheme);
        if (!spec) {
            return std::unexpected(spec.error());
        }
        state.spec = *spec;
    }
    state.adoptStoredFormat = !s.input.empty() && !options.scheme.format;
    return state;
}

} // namespace qs::gui
