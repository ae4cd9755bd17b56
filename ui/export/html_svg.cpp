#include "export/html_svg.h"

#include <QRegularExpression>
#include <QStringList>

namespace qs::ui {
namespace {

// Names that mean "the sans-serif face" to Qt (fontconfig) but nothing to a browser.
bool isQtAlias(const QString& family)
{
    const QString f = family.trimmed().toLower();
    return f.isEmpty() || f == QLatin1String("sans serif") || f == QLatin1String("sans") ||
           f == QLatin1String("sansserif") || f == QLatin1String("sans-serif");
}

// The root element's opening tag with width="100%" in place of its fixed size.
QString scaledRoot(QString tag)
{
    static const QRegularExpression size(R"(\s(width|height)="[^"]*")");
    tag.remove(size);
    return tag.replace(0, 4, QStringLiteral("<svg width=\"100%\""));
}

} // namespace

QString browserFontFamilies(const QString& qtFamily)
{
    QStringList families;
    if (!isQtAlias(qtFamily)) {
        families << qtFamily.trimmed();
    }
    // DejaVu Sans is what fontconfig gives Qt for "Sans Serif" on Debian, so a browser that has
    // it sets the text as the plot was measured.
    for (const char* face : {"DejaVu Sans", "Liberation Sans", "Arial"}) {
        if (!families.contains(QLatin1String(face), Qt::CaseInsensitive)) {
            families << QLatin1String(face);
        }
    }
    for (QString& family : families) {
        family = QLatin1Char('\'') + family + QLatin1Char('\'');
    }
    return (families << QStringLiteral("sans-serif")).join(QStringLiteral(", "));
}

QString svgForHtml(const QByteArray& svg)
{
    QString text = QString::fromUtf8(svg);
    const qsizetype start = text.indexOf(QLatin1String("<svg"));
    if (start < 0) {
        return text;
    }
    text.remove(0, start);
    const qsizetype rootEnd = text.indexOf(QLatin1Char('>'));
    if (rootEnd > 0) {
        text.replace(0, rootEnd, scaledRoot(text.left(rootEnd)));
    }
    static const QRegularExpression family(R"re(font-family="([^"]*)")re");
    QString out;
    qsizetype done = 0;
    for (auto it = family.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(done, match.capturedStart() - done);
        out += QStringLiteral("font-family=\"%1\"").arg(browserFontFamilies(match.captured(1)));
        done = match.capturedEnd();
    }
    return out + text.mid(done);
}

} // namespace qs::ui
