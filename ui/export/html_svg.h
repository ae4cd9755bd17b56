#pragma once
// A plot's SVG made for an HTML page. QSvgGenerator gives the drawing a fixed size in
// millimetres (900 pixels at its 72 dpi: 1200 CSS pixels, wider than the page) and names Qt's
// font alias "Sans Serif", which no browser knows, so text falls back to a serif face of other
// widths and runs drawn apart drift ("3 beyond 6   σ"). The page gets a drawing as wide as its
// column (the viewBox keeps the proportions) whose text asks for families a browser has, with
// the generic sans-serif last.

#include <QByteArray>
#include <QString>

namespace qs::ui {

// `svg`: QSvgGenerator's document. Returns its <svg> element (no XML prolog) for inline use.
QString svgForHtml(const QByteArray& svg);

// The font-family value for a family Qt drew with: the family itself unless it is one of Qt's
// aliases, then the faces Qt itself picks on Linux, then "sans-serif".
QString browserFontFamilies(const QString& qtFamily);

} // namespace qs::ui
