#pragma once
// What the scheme panel says about a number format beyond the integer grid: its equation in the
// tutorial's notation (R, Scale, Q = Round(Clip(R / Scale)), R′ = Q · Scale), why the
// granularity or some calibration methods do not apply to it, and its bits per value. The
// numbers in them (largest element, emax, block sizes, levels) come from core.

#include "quant/quant_spec.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <optional>

namespace qs::ui {

class FormatTexts
{
    Q_DECLARE_TR_FUNCTIONS(FormatTexts)

public:
    // Rich text, one line per step and a closing remark; empty for the integer grid (the scheme
    // panel shows the scheme's own formula).
    static QString equation(const QuantSpec& spec);
    // Why the granularity box offers nothing: the format fixes its blocks, or has no scale.
    // Empty when the granularity is the user's to choose.
    static QString fixedGranularity(const QuantSpec& spec);
    // Why some calibration methods are not offered; empty when all are.
    static QString calibrationLimits(const QuantSpec& spec);
    // "4.5 bits per value", and for the tooltip what that figure covers: `count` values of the
    // tensor being analysed, or a large tensor when none is known.
    static QString bitsPerValue(double bits);
    static QString bitsPerValueBasis(std::optional<std::size_t> count);
};

} // namespace qs::ui
