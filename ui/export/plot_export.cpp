#include "export/plot_export.h"

#include "export/plot_title.h"
#include "plots/plot_setup.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include <cmath>

namespace qs::ui {
namespace {

constexpr double kScreenDpi = 96.0;
constexpr int kMaxSide = 20000;
constexpr double kMaxScale = 10;
constexpr double kInchesPerMetre = 39.37007874;

QString failure(const QString& path, const QString& why)
{
    return QStringLiteral("%1: %2").arg(path, why);
}

// Draws the plot at width × height logical pixels onto a vector device.
bool paintVector(QCustomPlot* plot, QPaintDevice* device, int width, int height)
{
    QCPPainter painter;
    if (!painter.begin(device)) {
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setWindow(0, 0, width, height);
    plot->toPainter(&painter, width, height);
    return painter.end();
}

bool writePng(QCustomPlot* plot, QIODevice& file, int width, int height, double scale)
{
    QImage image = plot->toPixmap(width, height, scale).toImage();
    const int dotsPerMetre = static_cast<int>(std::lround(kScreenDpi * scale * kInchesPerMetre));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    return !image.isNull() && image.save(&file, "PNG");
}

bool writeSvg(QCustomPlot* plot, QIODevice& file, int width, int height)
{
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setTitle(plot->objectName());
    svg.setDescription(QStringLiteral("QuantScope"));
    return paintVector(plot, &svg, width, height);
}

bool writePdf(QCustomPlot* plot, QIODevice& file, int width, int height)
{
    QPdfWriter pdf(&file);
    pdf.setCreator(QStringLiteral("QuantScope"));
    pdf.setTitle(plot->objectName());
    pdf.setResolution(static_cast<int>(kScreenDpi));
    // One page the plot's size: a screen pixel becomes 3/4 of a point, as at 96 DPI.
    pdf.setPageSize(
        QPageSize(QSizeF(width * 72.0 / kScreenDpi, height * 72.0 / kScreenDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    return paintVector(plot, &pdf, width, height);
}

} // namespace

std::optional<PlotFormat> plotFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        return PlotFormat::Png;
    }
    if (suffix == QLatin1String("svg")) {
        return PlotFormat::Svg;
    }
    if (suffix == QLatin1String("pdf")) {
        return PlotFormat::Pdf;
    }
    return std::nullopt;
}

std::optional<QByteArray> renderPlot(QCustomPlot* plot, PlotFormat format,
                                     const PlotImageSize& size, const QString& title)
{
    const int width = size.width > 0 ? size.width : plot->width();
    const int height = size.height > 0 ? size.height : plot->height();
    if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide || size.scale <= 0 ||
        size.scale > kMaxScale) {
        return std::nullopt;
    }
    const ExportTitle titleLine(plot, title);
    // Texts fit the export's size, also for a plot that is not on screen (the CLI's).
    plot->setProperty(kExportingProperty, true);
    const auto notExporting = qScopeGuard([plot] { plot->setProperty(kExportingProperty, {}); });
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    bool drawn = false;
    switch (format) {
    case PlotFormat::Png:
        drawn = writePng(plot, buffer, width, height, size.scale);
        break;
    case PlotFormat::Svg:
        drawn = writeSvg(plot, buffer, width, height);
        break;
    case PlotFormat::Pdf:
        drawn = writePdf(plot, buffer, width, height);
        break;
    }
    buffer.close();
    return drawn ? std::optional(bytes) : std::nullopt;
}

QString writeFileSafely(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return failure(path, file.errorString());
    }
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return failure(path, file.errorString());
    }
    if (!file.commit()) {
        return failure(path, file.errorString());
    }
    return {};
}

QString exportPlot(QCustomPlot* plot, const QString& path, const PlotImageSize& size,
                   const QString& title)
{
    const auto format = plotFormatForPath(path);
    if (!format) {
        return failure(path, QCoreApplication::translate(
                                 "PlotExport", "plots are exported as .png, .svg or .pdf"));
    }
    const auto bytes = renderPlot(plot, *format, size, title);
    if (!bytes) {
        return failure(path, QCoreApplication::translate(
                                 "PlotExport", "the size %1 × %2 at scale %3 is out of range")
                                 .arg(size.width > 0 ? size.width : plot->width())
                                 .arg(size.height > 0 ? size.height : plot->height())
                                 .arg(size.scale));
    }
    return writeFileSafely(path, *bytes);
}

void copyPlotToClipboard(QCustomPlot* plot)
{
    const double ratio = plot->devicePixelRatioF();
    QApplication::clipboard()->setPixmap(plot->toPixmap(plot->width(), plot->height(), ratio));
}

} // namespace qs::ui
