#include "number_format.h"

#include <QLocale>

#include <algorithm>
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
    // A small share keeps two significant digits: 3 values of 16M are "0.000019%", never
    // "0.000%", which reads as none.
    const double percent = 100.0 * fraction;
    int decimals = 1;
    if (percent > 0 && percent < 0.1) {
        decimals = std::min(12, 1 + static_cast<int>(std::ceil(-std::log10(percent))));
    }
    return QString::number(percent, 'f', decimals) + QLatin1Char('%');
}

} // namespace qs::ui
