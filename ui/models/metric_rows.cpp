#include "models/metric_rows.h"

#include "number_format.h"
#include "theme.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace qs::ui {
namespace {

// Names and meanings are marked for translation; the table models translate them when shown.
const std::array kRows{
    MetricRow{
        QT_TRANSLATE_NOOP("Metrics", "MSE"),
        QT_TRANSLATE_NOOP("Metrics", "Mean squared error Σ(R′ − R)²/n over the finite values"),
        [](const Metrics& m) { return m.mse; }, Better::Lower, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "MSE from rounding"),
              QT_TRANSLATE_NOOP("Metrics", "The part of the MSE from values inside the grid: about "
                                           "Scale²/12, it grows with the clip range"),
              [](const Metrics& m) { return m.mse - m.clippingMse; }, Better::Lower,
              MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "MSE from clipping"),
              QT_TRANSLATE_NOOP("Metrics", "The part of the MSE from clipped values: it shrinks as "
                                           "the clip range widens"),
              [](const Metrics& m) { return m.clippingMse; }, Better::Lower, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "RMSE"),
              QT_TRANSLATE_NOOP("Metrics", "√MSE, in the units of R"),
              [](const Metrics& m) { return m.rmse; }, Better::Lower, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "MAE"),
              QT_TRANSLATE_NOOP("Metrics", "Mean absolute error Σ|R′ − R|/n"),
              [](const Metrics& m) { return m.mae; }, Better::Lower, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "max |error|"),
              QT_TRANSLATE_NOOP("Metrics",
                                "The largest |R′ − R|: Scale/2 without clipping, more with it"),
              [](const Metrics& m) { return m.maxAbsError; }, Better::Lower, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "SQNR"),
              QT_TRANSLATE_NOOP(
                  "Metrics",
                  "Signal to quantization noise, 10·log10(ΣR²/Σ(R′ − R)²); about 6 dB per bit"),
              [](const Metrics& m) { return m.sqnrDb; }, Better::Higher, MetricRow::Decibel},
    MetricRow{
        QT_TRANSLATE_NOOP("Metrics", "cosine similarity"),
        QT_TRANSLATE_NOOP("Metrics", "ΣR·R′ / (|R|·|R′|): 1 when R′ points exactly where R does"),
        [](const Metrics& m) { return m.cosineSimilarity; }, Better::Higher, MetricRow::Real},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "clipped below"),
              QT_TRANSLATE_NOOP(
                  "Metrics",
                  "Values whose Round(R/Scale + Z) fell below Qmin and were clipped (截断) to it"),
              [](const Metrics& m) { return double(m.clippedBelow); }, Better::Lower,
              MetricRow::Count},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "clipped above"),
              QT_TRANSLATE_NOOP(
                  "Metrics",
                  "Values whose Round(R/Scale + Z) rose above Qmax and were clipped (截断) to it"),
              [](const Metrics& m) { return double(m.clippedAbove); }, Better::Lower,
              MetricRow::Count},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "clipped share"),
              QT_TRANSLATE_NOOP("Metrics", "The share of the finite values that were clipped"),
              [](const Metrics& m) { return m.clippedFraction; }, Better::Lower,
              MetricRow::Fraction},
    MetricRow{
        QT_TRANSLATE_NOOP("Metrics", "codes used"),
        QT_TRANSLATE_NOOP("Metrics", "How many distinct integer codes the values actually take"),
        [](const Metrics& m) { return double(m.codesUsed); }, Better::Higher, MetricRow::Count},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "codes in range"),
              QT_TRANSLATE_NOOP("Metrics", "Qmax − Qmin + 1: the codes the bit width offers"),
              [](const Metrics& m) { return double(m.codesTotal); }, Better::Neither,
              MetricRow::Count},
    MetricRow{QT_TRANSLATE_NOOP("Metrics", "zero-code share"),
              QT_TRANSLATE_NOOP(
                  "Metrics", "The share of values quantized to the zero point, the code of real 0"),
              [](const Metrics& m) { return m.zeroCodeFraction; }, Better::Lower,
              MetricRow::Fraction},
    MetricRow{
        QT_TRANSLATE_NOOP("Metrics", "unused range"),
        QT_TRANSLATE_NOOP(
            "Metrics", "The share of [Qmin, Qmax] that no value inside [min R, max R] can reach: "
                       "1 − (q(max R) − q(min R) + 1)/(Qmax − Qmin + 1)"),
        [](const Metrics& m) { return m.unusedRangeFraction; }, Better::Lower, MetricRow::Fraction},
};

} // namespace

std::span<const MetricRow> metricRows()
{
    return kRows;
}

QString formatMetric(const MetricRow& row, const Metrics& metrics, int digits)
{
    const double value = row.value(metrics);
    switch (row.kind) {
    case MetricRow::Count:
        return formatCount(static_cast<quint64>(value));
    case MetricRow::Fraction:
        return formatPercent(value);
    case MetricRow::Decibel:
        return formatValue(value, std::min(digits, 5)) + QStringLiteral(" dB");
    case MetricRow::Real:
        break;
    }
    return formatValue(value, digits);
}

QColor metricColour(const MetricRow& row, const Metrics& metrics)
{
    const double value = row.value(metrics);
    const QString name = QString::fromLatin1(row.name);
    if ((name.startsWith(QLatin1String("clipped")) || name == QLatin1String("MSE from clipping")) &&
        value > 0) {
        return theme::clipped();
    }
    if (name == QLatin1String("unused range") && value > 0) {
        return theme::unused();
    }
    if (name == QLatin1String("zero-code share")) {
        return theme::zeroPoint();
    }
    return {};
}

} // namespace qs::ui
