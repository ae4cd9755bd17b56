#pragma once
// The figures of the exported reports: a plot as inline SVG for an HTML page, as a PNG file
// beside a Markdown one, or as an image resource of the rich-text document a PDF is printed
// from — all at one figure size, so every report's plots look alike.

#include <QByteArray>
#include <QImage>
#include <QPageSize>
#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class QCustomPlot;

namespace qs::ui {

inline constexpr int kFigureWidth = 900;
inline constexpr int kFigureHeight = 520;
inline constexpr double kScreenDpi = 96.0;

// "PATH: the plots could not be drawn", in the interface language.
QString plotsNotDrawn(const QString& path);

// The plot's <svg> element for an HTML page, scaled to its column; nullopt if drawing fails.
std::optional<std::string> inlineSvg(QCustomPlot* plot);

// The plot as a PNG at twice the figure size (for Markdown figures); nullopt if drawing fails.
std::optional<QByteArray> figurePng(QCustomPlot* plot);

// Figures for a PDF: PNG images the rich-text document holds as resources.
class PdfImages
{
public:
    // The <img> markup for `plot`, or nullopt if it cannot be drawn.
    std::optional<std::string> add(const std::string& name, QCustomPlot* plot);

    // Lays `html` out on pages of `page` size (15 mm margins) and writes the PDF through
    // QSaveFile. Empty on success, else the reason naming the file.
    QString print(const std::string& html, const QString& title, const QString& path,
                  QPageSize::PageSizeId page) const;

private:
    std::vector<std::pair<QString, QImage>> m_images;
};

} // namespace qs::ui
