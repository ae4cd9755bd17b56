#pragma once
// Writing a plot as it looks on screen, legend included: PNG (any size and scale), SVG and PDF
// (vector). Every write goes through QSaveFile, so a failed export leaves an existing file whole.

#include <QByteArray>
#include <QString>

#include <optional>

class QCustomPlot;

namespace qs::ui {

enum class PlotFormat
{
    Png,
    Svg,
    Pdf
};

// From the file name's extension (.png, .svg, .pdf; any case).
std::optional<PlotFormat> plotFormatForPath(const QString& path);

struct PlotImageSize
{
    int width = 0; // pixels (PNG) or points (SVG, PDF); 0: the plot's size on screen
    int height = 0;
    double scale = 1; // PNG only: pixels per on-screen pixel (2 for a 192-DPI image)
};

// Returns an empty string on success, otherwise the reason, naming the file. A non-empty
// `title` is drawn as a line over the plot (export/plot_title.h).
QString exportPlot(QCustomPlot* plot, const QString& path, const PlotImageSize& size = {},
                   const QString& title = {});

// The file's bytes in memory (for documents that embed plots); nullopt when the size is out of
// range or drawing fails.
std::optional<QByteArray> renderPlot(QCustomPlot* plot, PlotFormat format,
                                     const PlotImageSize& size = {}, const QString& title = {});

// Writes through QSaveFile: all of `bytes` or nothing. Empty on success, else the reason.
QString writeFileSafely(const QString& path, const QByteArray& bytes);

// The plot as an image on the clipboard, at the screen's pixel ratio.
void copyPlotToClipboard(QCustomPlot* plot);

} // namespace qs::ui
