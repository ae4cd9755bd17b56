#pragma once
// The metrics as table rows: name, what it means, how to read it off Metrics and which way is
// better. Shared by the error table and the compare table so both say the same thing.

#include "analysis/metrics.h"

#include <QColor>
#include <QString>

#include <span>

namespace qs::ui {

enum class Better
{
    Lower,
    Higher,
    Neither
};

struct MetricRow
{
    const char* name;
    const char* meaning; // tooltip
    double (*value)(const Metrics&);
    Better better;
    enum Kind
    {
        Real,
        Count,
        Fraction,
        Decibel
    } kind;
};

std::span<const MetricRow> metricRows();

QString formatMetric(const MetricRow& row, const Metrics& metrics, int digits = 7);
// The theme colour a metric's value is drawn in (clipped counts in the clipped colour, ...), or
// an invalid colour for the default text colour.
QColor metricColour(const MetricRow& row, const Metrics& metrics);

} // namespace qs::ui
