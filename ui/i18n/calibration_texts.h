#pragma once
// The frameworks' calibration variants as the window names them: a short name for lists and
// tables, and one line naming the source it follows (core/calibrate/calibrate.h lists them).

#include "quant/quant_spec.h"

#include <QCoreApplication>
#include <QString>

#include <string>

namespace qs::ui {

class CalibrationTexts
{
    Q_DECLARE_TR_FUNCTIONS(CalibrationTexts)

public:
    // `variant`: the index of the method's variant enum (PercentileVariant, MseVariant,
    // KlVariant); empty for a method without variants.
    static QString variant(CalibrationMethod method, int variant);
    static QString variantSource(CalibrationMethod method, int variant);
    // The index of the variant `name` names (core's name), −1 for a method without variants.
    static int variantIndex(CalibrationMethod method, const std::string& name);
};

} // namespace qs::ui
