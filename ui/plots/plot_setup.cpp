#include "plots/plot_setup.h"

#include "export/plot_export_menu.h"
#include "theme.h"

#include <QTextBoundaryFinder>
#include <qcustomplot.h>

#include <cmath>

namespace qs::ui {

const char* const kOverlayLayer = "overlays";
const char* const kExportingProperty = "qsExporting";

namespace {

// The most legend entries side by side a legend below its plot takes (placeLegendBelow).
const char* const kLegendColumnsProperty = "legendColumnsBelow";
constexpr int kDefaultLegendColumns = 4;
constexpr int kMaxTextLines = 2; // a heading or axis label: more would squeeze out the data
constexpr int kLaidOut = 10;     // pixels: an axis rect smaller has not been laid out yet
// A heading's or axis label's text as set, and as last fitted to the width (elided, it cannot
// be told back from what is shown).
const char* const kFullTextProperty = "fullText";
const char* const kFittedTextProperty = "fittedText";

// The text as the code set it: the one kept when the shown text is still the one fitted last,
// else the shown text itself (set anew since).
QString unfittedText(const QObject* holder, const QString& shown)
{
    const QVariant fitted = holder->property(kFittedTextProperty);
    return fitted.isValid() && fitted.toString() == shown
               ? holder->property(kFullTextProperty).toString()
               : shown;
}

// `text` wrapped to `width` in at most kMaxTextLines lines, both remembered on `holder`.
QString fittedText(QObject* holder, const QString& text, const QFont& font, int width)
{
    const QString fitted = wrapToWidth(text, font, width, kMaxTextLines);
    holder->setProperty(kFullTextProperty, text);
    holder->setProperty(kFittedTextProperty, fitted);
    return fitted;
}

// A plot that was hidden (a tab in the back) is not fitted: shown, it is laid out and fitted
// anew, even when its size did not change meanwhile.
class RefitWhenShown : public QObject
{
public:
    explicit RefitWhenShown(QCustomPlot* plot) : QObject(plot) { plot->installEventFilter(this); }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Show) {
            static_cast<QCustomPlot*>(watched)->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

} // namespace

bool fitPlotTexts(QCustomPlot* plot)
{
    // A hidden tab's plot has no size of its own yet: fitted when shown. An export (the CLI's
    // offscreen plots and reports among them) has the size it is drawn at.
    if (!plot->isVisible() && !plot->property(kExportingProperty).toBool()) {
        return false;
    }
    bool changed = false;
    const int width = std::max(60, plot->viewport().width() - 12);
    QCPLayoutGrid* layout = plot->plotLayout();
    for (int i = 0; i < layout->elementCount(); ++i) {
        if (auto* heading = qobject_cast<QCPTextElement*>(layout->elementAt(i))) {
            const QString text = unfittedText(heading, heading->text());
            const QString fitted = fittedText(heading, text, heading->font(), width);
            changed = changed || fitted != heading->text();
            heading->setText(fitted);
        }
    }
    // Axis labels: a horizontal axis' along its rect's width, a vertical one's along its height.
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            const int along = horizontal ? rect->width() : rect->height();
            if (along < kLaidOut) {
                continue; // not laid out yet: its size says nothing of the room the label has
            }
            const QString label = unfittedText(axis, axis->label());
            const QString fitted = fittedText(axis, label, axis->labelFont(), along - 4);
            if (fitted != axis->label()) {
                axis->setLabel(fitted);
                changed = true;
            }
        }
    }
    if (plot->legend->layout() == layout) {
        const int wrap = plot->legend->wrap();
        const QVariant columns = plot->property(kLegendColumnsProperty);
        fitLegendColumns(plot, columns.isValid() ? columns.toInt() : kDefaultLegendColumns);
        changed = changed || wrap != plot->legend->wrap();
    }
    return changed;
}

void setUpPlot(QCustomPlot* plot)
{
    installExportMenu(plot);
    // After every layout (a replot's, a resize's, an export's): the texts fit the room the
    // layout gave, whatever was drawn or resized since; where that changes them, once more.
    new RefitWhenShown(plot);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] {
        if (fitPlotTexts(plot)) {
            for (const auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins,
                                     QCPLayoutElement::upLayout}) {
                plot->plotLayout()->update(phase);
            }
        }
    });
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

QString wrapToWidth(const QString& text, const QFont& font, int width, int maxLines)
{
    const QFontMetrics metrics(font);
    // Unicode's line-break opportunities: after a space in English, between the characters of
    // Chinese, which has no spaces to break at. A newline in the text always breaks.
    QStringList pieces;
    QTextBoundaryFinder breaks(QTextBoundaryFinder::Line, text);
    qsizetype start = 0;
    while (breaks.toNextBoundary() != -1) {
        pieces << text.mid(start, breaks.position() - start);
        start = breaks.position();
    }
    QStringList lines;
    QString line;
    for (const QString& piece : pieces) {
        const bool lastLine = maxLines > 0 && lines.size() + 1 == maxLines;
        const QString longer = line + piece;
        if (lastLine) {
            line = longer; // the last line allowed takes the rest, elided below
            continue;
        }
        if (!line.trimmed().isEmpty() && metrics.horizontalAdvance(longer.trimmed()) > width) {
            lines << line.trimmed();
            line = piece;
        } else {
            line = longer;
        }
        if (line.endsWith(QLatin1Char('\n'))) { // a break the text asks for
            lines << line.trimmed();
            line.clear();
        }
    }
    QString last = line.simplified();
    if (maxLines > 0) {
        last = metrics.elidedText(last, Qt::ElideRight, width);
    }
    if (!last.isEmpty() || lines.isEmpty()) {
        lines << last;
    }
    return lines.join(QLatin1Char('\n'));
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
    const int available = plot->viewport().width() - 8; // an export's width while exporting
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
