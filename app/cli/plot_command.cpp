// quantscope-cli plot: one of the window's plots drawn without a display (Qt's offscreen
// platform) and written as PNG, SVG or PDF — the same widgets, so the file looks like the screen.

#include "cli/commands.h"
#include "cli/offscreen_snapshot.h"
#include "common/cli_support.h"
#include "common/scheme_options.h"
#include "common/source_options.h"
#include "export/plot_export.h"
#include "export/plot_title.h"
#include "panels/sweeps_panel.h"
#include "plots/code_usage_plot.h"
#include "plots/error_plot.h"
#include "plots/histogram_plot.h"
#include "plots/sweep_plots.h"
#include "plots/transfer_plot.h"

#include <cstdio>
#include <memory>

namespace qs::cli {

namespace {

constexpr std::array kKinds{"histogram", "transfer", "error", "codes", "sweep"};
constexpr std::array kSweeps{"bits", "clip", "outlier"};

struct PlotOptions
{
    SourceOptions source;
    SchemeOptions scheme;
    std::string kind = "histogram";
    std::string sweep = "bits";
    std::string out;
    int width = 900;
    int height = 560;
    double dpi = 96; // PNG: 96 is one pixel per layout pixel
    std::string language = "en";
    bool noTitle = false;
};

// A plot widget of the window given the snapshot, exported.
template <typename PlotWidget>
QString drawWidget(const ui::SnapshotPtr& snapshot, const QString& out,
                   const ui::PlotImageSize& size, const QString& title)
{
    PlotWidget widget;
    widget.setSnapshot(snapshot);
    return ui::exportPlot(widget.plot(), out, size, title);
}

QString drawAndExport(const PlotOptions& o, const ui::SnapshotPtr& snapshot)
{
    const QString out = QString::fromStdString(o.out);
    const ui::PlotImageSize size{o.width, o.height, o.dpi / 96.0};
    const QString title = o.noTitle ? QString() : ui::plotTitle(*snapshot);
    if (o.kind == "histogram") {
        return drawWidget<ui::HistogramPlot>(snapshot, out, size, title);
    }
    if (o.kind == "transfer") {
        return drawWidget<ui::TransferPlot>(snapshot, out, size, title);
    }
    if (o.kind == "error") {
        return drawWidget<ui::ErrorPlot>(snapshot, out, size, title);
    }
    if (o.kind == "codes") {
        return drawWidget<ui::CodeUsagePlot>(snapshot, out, size, title);
    }
    const ui::SweepOutcome sweeps = ui::SweepsPanel::compute(*snapshot, {});
    ui::SweepPlots plots;
    plots.showBits(sweeps.bits, snapshot->spec.bits);
    plots.showClip(sweeps.clip);
    plots.showOutlier(sweeps.outlier);
    QCustomPlot* plot = o.sweep == "clip"      ? plots.clipPlot()
                        : o.sweep == "outlier" ? plots.outlierPlot()
                                               : plots.bitsPlot();
    return ui::exportPlot(plot, out, size, title);
}

int runPlot(const PlotOptions& o)
{
    if (!ui::plotFormatForPath(QString::fromStdString(o.out))) {
        return reportUsageError("--out must end in .png, .svg or .pdf, got '" + o.out + "'");
    }
    return writeFromSnapshot(
        "plot", o.source, o.scheme, o.out, o.language,
        [&o](const ui::SnapshotPtr& snapshot) { return drawAndExport(o, snapshot); });
}

} // namespace

void addPlotCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<PlotOptions>();
    auto* command = app.add_subcommand(
        "plot", "Draw one of the window's plots without a display and write it as PNG, SVG or PDF");
    command->add_option("--kind", options->kind, "histogram, transfer, error, codes or sweep")
        ->check(memberOf(kKinds))
        ->capture_default_str();
    command->add_option("--sweep", options->sweep, "With --kind sweep: bits, clip or outlier")
        ->check(memberOf(kSweeps))
        ->capture_default_str();
    command->add_option("--out,-o", options->out, "Output file: .png, .svg or .pdf")->required();
    addLanguageOption(*command, options->language);
    command->add_flag("--no-title", options->noTitle,
                      "Leave out the title line naming the tensor and the scheme");
    command->add_option("--width", options->width, "Width in pixels (points for SVG and PDF)")
        ->check(CLI::Range(64, 20000))
        ->capture_default_str();
    command->add_option("--height", options->height, "Height in pixels (points for SVG and PDF)")
        ->check(CLI::Range(64, 20000))
        ->capture_default_str();
    command
        ->add_option("--dpi", options->dpi,
                     "PNG only: resolution; 192 doubles the pixels of the same layout")
        ->check(CLI::Range(24.0, 768.0))
        ->capture_default_str();
    addSourceOptions(*command, options->source);
    addSchemeOptions(*command, options->scheme);
    command->callback([options, &exitCode] { exitCode = runPlot(*options); });
}

} // namespace qs::cli
