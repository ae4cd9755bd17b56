#pragma once
// A plot placed in a Markdown or HTML report.

#include <cstdint>
#include <string>

namespace qs {

// Which section of the report a figure belongs to.
enum class FigurePlacement : std::uint8_t
{
    Plots,    // with the formulas: the window's plots of the current scheme
    Shootout, // in the formats' shoot-out section
};

// Its caption and how the format refers to it (a file name for Markdown, inline SVG or an <img>
// for HTML).
struct ReportFigure
{
    std::string caption;
    std::string reference;
    FigurePlacement placement = FigurePlacement::Plots;
};

} // namespace qs
