#include "plots/grid_lines.h"

#include "plots/plot_setup.h"
#include "theme.h"

#include <qcustomplot.h>

#include <algorithm>
#include <vector>

namespace qs::ui {
namespace {

constexpr double kBandTop = 0.97;       // the band's top edge, as a ratio of the axis rect
constexpr double kUnlaidOutWidth = 600; // pixels assumed before the plot has been laid out
constexpr double kMinBandPixels = 2;    // a band never narrower than this

} // namespace

void removeGridLines(QCustomPlot* plot)
{
    for (int i = plot->itemCount() - 1; i >= 0; --i) {
        if (plot->item(i)->objectName().startsWith(QLatin1String("code-grid"))) {
            plot->removeItem(i);
        }
    }
}

GridLinesDrawn drawGridLines(QCustomPlot* plot, const GridGeometry& grid, double lo, double hi,
                             int maxLines, double minGapPixels)
{
    removeGridLines(plot);
    GridLinesDrawn drawn;
    const std::vector<GridLevel>& levels = grid.levels;
    if (!(hi > lo) || levels.empty()) {
        return drawn;
    }
    const auto byValue = [](const GridLevel& level, double x) {
        return level.value < x;
    };
    const auto first = static_cast<std::size_t>(
        std::lower_bound(levels.begin(), levels.end(), lo, byValue) - levels.begin());
    const auto last = static_cast<std::size_t>(
        std::lower_bound(levels.begin(), levels.end(), hi, byValue) - levels.begin());
    std::size_t end = last;
    while (end < levels.size() && levels[end].value <= hi) {
        ++end;
    }
    if (first >= end) {
        return drawn;
    }
    const double width =
        plot->axisRect()->width() > 50 ? plot->axisRect()->width() : kUnlaidOutWidth;
    const double pixelsPerUnit = width / (hi - lo);
    const auto farFromNeighbours = [&](std::size_t i) {
        const bool left =
            i == 0 || (levels[i].value - levels[i - 1].value) * pixelsPerUnit >= minGapPixels;
        const bool right = i + 1 == levels.size() ||
                           (levels[i + 1].value - levels[i].value) * pixelsPerUnit >= minGapPixels;
        return left && right;
    };
    std::vector<bool> alone(end - first);
    int lines = 0;
    for (std::size_t i = first; i < end; ++i) {
        alone[i - first] = farFromNeighbours(i);
        lines += alone[i - first] ? 1 : 0;
    }
    if (lines > maxLines) {
        std::fill(alone.begin(), alone.end(), false);
    }
    QCPAxisRect* rect = plot->axisRect();
    const double minBand = kMinBandPixels / pixelsPerUnit;
    std::size_t runStart = end;
    auto closeRun = [&](std::size_t runEnd) { // levels [runStart, runEnd] are too dense
        const double from = levels[runStart].value;
        const double to = std::max(levels[runEnd].value, from + minBand);
        QCPItemRect* band = addSpan(plot, rect, from, to, theme::denseGridBrush(),
                                    QStringLiteral("code-grid-dense"));
        band->topLeft->setCoords(from, kBandTop); // a strip under the bars, which stay visible
        ++drawn.bands;
        runStart = end;
    };
    for (std::size_t i = first; i < end; ++i) {
        if (!alone[i - first]) {
            runStart = runStart == end ? i : runStart;
            continue;
        }
        if (runStart != end) {
            closeRun(i - 1);
        }
        // Above the bars, unlike the other overlays: a value's line must show where the data is.
        addVerticalLine(plot, rect, levels[i].value, theme::codeGridPen(),
                        QStringLiteral("code-grid"))
            ->setLayer(QStringLiteral("main"));
        ++drawn.lines;
    }
    if (runStart != end) {
        closeRun(end - 1);
    }
    return drawn;
}

} // namespace qs::ui
