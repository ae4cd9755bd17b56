#include "export/report_figures.h"

#include "export/html_svg.h"
#include "export/plot_export.h"
#include "export/table_rows_on_pages.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <qcustomplot.h>

namespace qs::ui {

QString plotsNotDrawn(const QString& path)
{
    return path + QCoreApplication::translate("ReportExport", ": the plots could not be drawn");
}

std::optional<std::string> inlineSvg(QCustomPlot* plot)
{
    const auto svg = renderPlot(plot, PlotFormat::Svg, {kFigureWidth, kFigureHeight, 1});
    if (!svg) {
        return std::nullopt;
    }
    // The markup goes inside the HTML page, scaled to its column. It refers to nothing outside.
    return svgForHtml(*svg).toStdString();
}

std::optional<QByteArray> figurePng(QCustomPlot* plot)
{
    return renderPlot(plot, PlotFormat::Png, {kFigureWidth, kFigureHeight, 2});
}

std::optional<std::string> PdfImages::add(const std::string& name, QCustomPlot* plot)
{
    const auto png = figurePng(plot);
    if (!png) {
        return std::nullopt;
    }
    const QString url = QStringLiteral("qs-figure:") + QString::fromStdString(name);
    m_images.emplace_back(url, QImage::fromData(*png));
    return "<img src=\"" + url.toStdString() + "\" width=\"600\" height=\"347\">";
}

QString PdfImages::print(const std::string& html, const QString& title, const QString& path,
                         QPageSize::PageSizeId page) const
{
    QTextDocument text;
    for (const auto& [url, image] : m_images) {
        text.addResource(QTextDocument::ImageResource, QUrl(url), image);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("QuantScope"));
        pdf.setTitle(title);
        pdf.setPageSize(QPageSize(page));
        pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        // Lay the text out on the printable area at screen resolution, so tables set to the
        // full width span the page.
        const QSizeF points = pdf.pageLayout().paintRect(QPageLayout::Point).size();
        text.setPageSize(points * (kScreenDpi / 72.0));
        setHtmlKeepingRowsWhole(text, QString::fromStdString(html));
        text.print(&pdf);
    }
    buffer.close();
    return writeFileSafely(path, bytes);
}

} // namespace qs::ui
