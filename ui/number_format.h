#pragma once
// How the window prints numbers: the same digits in plots, tables and the walkthrough.

#include <QString>

namespace qs::ui {

QString formatValue(double value, int digits = 7); // "0.2153504", "1.23e-05", "inf"
QString formatCount(quint64 count);                // "1,000,000"
QString formatPercent(double fraction);            // "12.3%"

} // namespace qs::ui
