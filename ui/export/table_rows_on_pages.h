#pragma once
// Qt's rich text, which lays out the PDF, splits a table row across a page break when its
// cells wrap onto several lines: the lines below the page's foot move to the next page, the
// rest stay (CSS page-break-inside is not among what it reads, and no cell or row property
// moves a row whole). So where a row would be split, the table is split before it: the rest
// starts a new page, under a copy of the table's heading row.

#include <QString>

class QTextDocument;

namespace qs::ui {

// Sets `html` on `document`, whose page size is set (it is printed as laid out). On return no
// table row spans two pages, except one taller than a page. Tables are not nested.
void setHtmlKeepingRowsWhole(QTextDocument& document, const QString& html);

} // namespace qs::ui
