#include "export/table_rows_on_pages.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

#include <cmath>
#include <limits>
#include <optional>

namespace qs::ui {
namespace {

// Splits at most per document: a guard against a layout that never settles.
constexpr int kMaxSplits = 10000;

const QString kNewPage = QStringLiteral(" style=\"page-break-before:always\"");

struct Extent
{
    qreal top = std::numeric_limits<qreal>::max();
    qreal bottom = std::numeric_limits<qreal>::lowest();
};

// The vertical extent of the lines of `row`, in document coordinates (pages stacked).
Extent rowExtent(const QTextTable& table, int row, QAbstractTextDocumentLayout& layout)
{
    Extent extent;
    for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(row, c);
        if (cell.row() != row || cell.column() != c) {
            continue; // the part of a spanning cell that starts elsewhere
        }
        for (auto it = cell.begin(); !it.atEnd(); ++it) {
            const QTextBlock block = it.currentBlock();
            const QTextLayout* lines = block.isValid() ? block.layout() : nullptr;
            if (lines == nullptr || lines->lineCount() == 0) {
                continue;
            }
            // The lines, not the block's rectangle: that grows with the cell's padding.
            const qreal origin =
                layout.blockBoundingRect(block).top() - lines->boundingRect().top();
            const QTextLine first = lines->lineAt(0);
            const QTextLine last = lines->lineAt(lines->lineCount() - 1);
            extent.top = std::min(extent.top, origin + first.y());
            extent.bottom = std::max(extent.bottom, origin + last.y() + last.height());
        }
    }
    return extent;
}

int pageOf(qreal y, qreal pageHeight)
{
    return static_cast<int>(std::floor(y / pageHeight));
}

struct SplitRow
{
    int table; // among the document's tables, in order
    int row;
};

// The first row whose lines start on one page and end on another.
std::optional<SplitRow> firstSplitRow(QTextDocument& document)
{
    const qreal pageHeight = document.pageSize().height();
    QAbstractTextDocumentLayout& layout = *document.documentLayout();
    layout.pageCount(); // lays out the whole document: the layout is otherwise done lazily
    int index = 0;
    for (QTextFrame* frame : document.rootFrame()->childFrames()) {
        const auto* table = qobject_cast<const QTextTable*>(frame);
        if (table == nullptr) {
            continue;
        }
        for (int r = 0; r < table->rows(); ++r) {
            const Extent e = rowExtent(*table, r, layout);
            if (e.bottom <= e.top || e.bottom - e.top > pageHeight) {
                continue; // empty, or too tall for any page
            }
            // Half a pixel of slack: a line ending exactly at the foot is on its page.
            if (pageOf(e.top, pageHeight) != pageOf(e.bottom - 0.5, pageHeight)) {
                return SplitRow{index, r};
            }
        }
        ++index;
    }
    return std::nullopt;
}

// Where the `n`th occurrence of `tag` starts in `html` at or after `from`, or -1.
qsizetype nthTag(const QString& html, QLatin1String tag, int n, qsizetype from)
{
    qsizetype at = from - 1;
    for (int i = 0; i <= n; ++i) {
        at = html.indexOf(tag, at + 1);
        if (at < 0) {
            return -1;
        }
    }
    return at;
}

// `html` with table `split.table` ended before row `split.row` and continued on a new page
// under its heading row; or the whole table moved to a new page when the split row is its
// first (after the heading). False if there is nothing left to move.
bool splitTable(QString& html, const SplitRow& split)
{
    const qsizetype table = nthTag(html, QLatin1String("<table"), split.table, 0);
    const qsizetype tableTagEnd = table < 0 ? -1 : html.indexOf(QLatin1Char('>'), table);
    const qsizetype firstRow = tableTagEnd < 0 ? -1 : html.indexOf(QLatin1String("<tr"), table);
    if (firstRow < 0) {
        return false;
    }
    const qsizetype firstRowEnd = html.indexOf(QLatin1String("</tr>"), firstRow) + 5;
    const QString heading = html.mid(firstRow, firstRowEnd - firstRow);
    const bool hasHeading = heading.contains(QLatin1String("<th"));
    QString tableTag = html.mid(table, tableTagEnd - table + 1);
    if (split.row <= (hasHeading ? 1 : 0)) {
        if (tableTag.contains(kNewPage)) {
            return false;
        }
        html.insert(table + 6, kNewPage);
        return true;
    }
    const qsizetype row = nthTag(html, QLatin1String("<tr"), split.row, table);
    if (row < 0) {
        return false;
    }
    if (!tableTag.contains(kNewPage)) {
        tableTag.insert(6, kNewPage);
    }
    html.insert(row, QLatin1String("</table>\n") + tableTag + (hasHeading ? heading : QString()));
    return true;
}

} // namespace

void setHtmlKeepingRowsWhole(QTextDocument& document, const QString& html)
{
    QString paged = html;
    document.setHtml(paged);
    if (document.pageSize().height() <= 0) {
        return;
    }
    for (int splits = 0; splits < kMaxSplits; ++splits) {
        const auto split = firstSplitRow(document);
        if (!split || !splitTable(paged, *split)) {
            return;
        }
        document.setHtml(paged);
    }
}

} // namespace qs::ui
