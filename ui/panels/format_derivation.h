#pragma once
// The walkthrough's worked formulas for a format beyond the integer grid, with the numbers of one
// block (core computes them: analysis/walkthrough.h's BlockScaleSteps): a minifloat's scale and
// code fields, MX's amax → floor(log2 amax) → shared exponent → X, NVFP4's tensor and block
// scales, bitsandbytes' absmax and table. Rich text, in the tutorial's notation.

#include "analysis_snapshot.h"

#include <QCoreApplication>
#include <QString>

namespace qs::ui {

class FormatDerivation
{
    Q_DECLARE_TR_FUNCTIONS(FormatDerivation)

public:
    // The derivation for block `group` of `snapshot` (a format, not the integer grid).
    static QString derive(const AnalysisSnapshot& snapshot, std::size_t group);

private:
    static QString minifloat(const AnalysisSnapshot& snapshot, std::size_t group);
    static QString mx(const AnalysisSnapshot& snapshot, std::size_t group);
    static QString nvfp4(const AnalysisSnapshot& snapshot, std::size_t group);
    static QString bitsandbytes(const AnalysisSnapshot& snapshot, std::size_t group);
};

} // namespace qs::ui
