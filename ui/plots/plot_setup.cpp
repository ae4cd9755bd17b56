#include "plots/plot_setup.h"

#include "export/plot_export_menu.h"
#include "theme.h"

#include <qcustomplot.h>

#include <cmath>

namespace qs::ui {

const char* const kOverlayLayer = "overlays";

namespace {

// The most legend entries side by side a legend below its plot takes (placeLegendBelow).
const char* const kLegendColumnsProperty = "legendColumnsBelow";
constexpr int kDefaultLegendColumns = 4;

} // namespace

void fitPlotTexts(QCustomPlot* plot)
{
    const int width = std::max(60, plot->width() - 12);
    QCPLayoutGrid* layout = plot->plotLayout();
    for (int i = 0; i < layout->elementCount(); ++i) {
        if (auto* heading = qobject_cast<QCPTextElement*>(layout->elementAt(i))) {
            // Its own line breaks are the ones wrapping put there: undone, then redone.
            const QString text = heading->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
            heading->setText(wrapToWidth(text, heading->font(), width));
        }
    }
    // Axis labels: a horizontal axis' along its rect's width, a vertical one's along its height.
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            const int length = std::max(60, (horizontal ? rect->width() : rect->height()) - 4);
            const QString label = axis->label().replace(QLatin1Char('\n'), QLatin1Char(' '));
            const QString wrapped = wrapToWidth(label, axis->labelFont(), length);
            if (wrapped != axis->label()) {
                axis->setLabel(wrapped);
            }
        }
    }
    if (plot->legend->layout() == layout) {
        const QVariant columns = plot->property(kLegendColumnsProperty);
        fitLegendColumns(plot, columns.isValid() ? columns.toInt() : kDefaultLegendColumns);
    }
}

void setUpPlot(QCustomPlot* plot)
{
    installExportMenu(plot);
    // Before every replot (a resize replots too), ahead of the layout: the texts fit the width
    // the plot has now, whatever was drawn or resized since.
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { fitPlotTexts(plot); });
    plot->setNoAntialiasingOnDrag(true);
    plot->setMinimumSize(180, 130); // three side by side in the centre of a 1280 px window
    if (plot->layer(kOverlayLayer) == nullptr) {
        plot->addLayer(kOverlayLayer, plot->layer("grid"), QCustomPlot::limAbove);
    }
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    plot->legend->setFont(legendFont);
    plot->legend->setBrush(theme::legendBrush());
    plot->legend->setBorderPen(theme::legendBorderPen());
}

void placeLegendBelow(QCustomPlot* plot)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    if (layout->rowCount() < 2) {
        layout->addElement(1, 0, plot->legend);
        layout->setRowStretchFactor(1, 0.001);
    }
    const QVariant columns = plot->property(kLegendColumnsProperty);
    plot->legend->setWrap(columns.isValid() ? columns.toInt() : kDefaultLegendColumns);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    plot->legend->setMargins(QMargins(6, 2, 6, 2));
    plot->legend->setVisible(true);
}

QString wrapToWidth(const QString& text, const QFont& font, int width)
{
    const QFontMetrics metrics(font);
    QString wrapped;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (line.isEmpty() || metrics.horizontalAdvance(longer) <= width) {
            line = longer;
            continue;
        }
        wrapped += line + QLatin1Char('\n');
        line = word;
    }
    return wrapped + line;
}

void setLegendColumnsBelow(QCustomPlot* plot, int maxColumns)
{
    plot->setProperty(kLegendColumnsProperty, std::max(1, maxColumns));
    if (plot->legend->layout() == plot->plotLayout()) {
        fitLegendColumns(plot, std::max(1, maxColumns));
    }
}

void fitLegendColumns(QCustomPlot* plot, int maxColumns)
{
    QCPLegend* legend = plot->legend;
    const int available = plot->width() - 8;
    for (int columns = maxColumns; columns >= 1; --columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-flows the entries
        if (legend->minimumOuterSizeHint().width() <= available) {
            return;
        }
    }
}

QCPGraph* addLegendEntry(QCustomPlot* plot, const QString& name, const QPen& pen,
                         const QBrush& brush)
{
    QCPGraph* entry = plot->addGraph();
    entry->setName(name);
    entry->setPen(pen);
    entry->setBrush(brush);
    entry->setSelectable(QCP::stNone);
    return entry;
}

QCPItemRect* addSpan(QCustomPlot* plot, QCPAxisRect* rect, double from, double to,
                     const QBrush& brush, const QString& name)
{
    auto* span = new QCPItemRect(plot);
    span->setObjectName(name);
    span->setLayer(kOverlayLayer);
    span->setClipAxisRect(rect);
    for (QCPItemPosition* corner : {span->topLeft, span->bottomRight}) {
        corner->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        corner->setAxisRect(rect);
        corner->setTypeX(QCPItemPosition::ptPlotCoords);
        corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    span->topLeft->setCoords(from, 0);
    span->bottomRight->setCoords(to, 1);
    span->setPen(Qt::NoPen);
    span->setBrush(brush);
    span->setSelectable(false);
    return span;
}

QCPItemStraightLine* addVerticalLine(QCustomPlot* plot, QCPAxisRect* rect, double x,
                                     const QPen& pen, const QString& name)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setObjectName(name);
    line->setLayer(kOverlayLayer);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* point : {line->point1, line->point2}) {
        point->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        point->setTypeX(QCPItemPosition::ptPlotCoords);
        point->setTypeY(QCPItemPosition::ptAxisRectRatio);
        point->setAxisRect(rect);
    }
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(pen);
    line->setSelectable(false);
    return line;
}

QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, double x, double yRatio,
                      const QString& text, const QColor& colour, Qt::Alignment alignment,
                      const QString& name)
{
    auto* label = new QCPItemText(plot);
    label->setObjectName(name);
    label->setClipAxisRect(rect);
    label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    label->position->setAxisRect(rect);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, yRatio);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setColor(colour);
    label->setBrush(theme::labelBrush());
    label->setPadding(QMargins(3, 1, 3, 1));
    label->setSelectable(false);
    return label;
}

QString slotText(const QStringList& texts, double x)
{
    const auto slot = std::lround(x);
    return slot >= 0 && slot < texts.size() ? texts[static_cast<qsizetype>(slot)] : QString();
}

} // namespace qs::ui
