#include "number_format.h"

#include <QLocale>

#include <cmath>

namespace qs::ui {

QString formatValue(double value, int digits)
{
    if (std::isnan(value)) {
        return QStringLiteral("nan");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    }
    return QString::number(value, 'g', digits);
}

QString formatCount(quint64 count)
{
    return QLocale(QLocale::English).toString(count);
}

QString formatPercent(double fraction)
{
    return QString::number(100.0 * fraction, 'f', fraction < 0.001 && fraction > 0 ? 3 : 1) +
           QLatin1Char('%');
}

} // namespace qs::ui
