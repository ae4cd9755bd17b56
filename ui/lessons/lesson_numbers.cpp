#include "lessons/lesson_numbers.h"

#include "main_window.h"
#include "models/walkthrough_model.h"
#include "number_format.h"
#include "panels/outliers_panel.h"
#include "panels/walkthrough_panel.h"
#include "picked_grid.h"

#include <QCoreApplication>

#include <algorithm>

namespace qs::ui::lesson_numbers {
namespace {

class LessonTexts
{
    Q_DECLARE_TR_FUNCTIONS(LessonTexts)
};

QString db(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

QString walkthroughValue(const MainWindow& window)
{
    const WalkthroughModel* model = window.walkthroughPanel()->model();
    const auto cell = [&](WalkthroughModel::Column column) {
        const int section = model->section(column);
        return section < 0 ? QString() : model->index(0, section).data().toString();
    };
    if (model->rowCount() == 0 || !model->hasTrialRow()) {
        return {};
    }
    return LessonTexts::tr("Now: R = %1 → R/Scale = %2 → code %3 → R′ = %4")
        .arg(cell(WalkthroughModel::Input), cell(WalkthroughModel::Scaled),
             cell(WalkthroughModel::Clipped), cell(WalkthroughModel::Dequantized));
}

QString gridUse(const MainWindow& window)
{
    const SnapshotPtr snapshot = window.snapshot();
    if (!snapshot || snapshot->current.params.empty()) {
        return {};
    }
    const Analysis& a = snapshot->current;
    return LessonTexts::tr("Now: %1 values, Scale = %2: %3 of %4 codes used, %5 on the zero "
                           "code, %6 of the range unused")
        .arg(formatCount(snapshot->data->loaded.tensor.values.size()),
             formatValue(a.params.front().scale), formatCount(a.metrics.codesUsed),
             formatCount(a.metrics.codesTotal), formatPercent(a.metrics.zeroCodeFraction),
             formatPercent(a.metrics.unusedRangeFraction));
}

QString bitsAndZeroPoint(const MainWindow& window)
{
    const SnapshotPtr snapshot = window.snapshot();
    if (!snapshot || snapshot->current.params.empty()) {
        return {};
    }
    const Analysis& a = snapshot->current;
    const QuantParams& p = a.params.front();
    return LessonTexts::tr("Now: %1 bits, codes %2…%3: Scale = %4, Z = %5, SQNR %6 dB")
        .arg(a.spec.bits)
        .arg(p.qmin)
        .arg(p.qmax)
        .arg(formatValue(p.scale))
        .arg(p.zeroPoint)
        .arg(db(a.metrics.sqnrDb));
}

QString errorSummary(const MainWindow& window)
{
    const SnapshotPtr snapshot = window.snapshot();
    if (!snapshot) {
        return {};
    }
    const Metrics& m = snapshot->current.metrics;
    return LessonTexts::tr("Now: SQNR %1 dB, %2 of %3 codes used, %4 clipped")
        .arg(db(m.sqnrDb), formatCount(m.codesUsed), formatCount(m.codesTotal),
             formatPercent(m.clippedFraction));
}

QString clipThreshold(const MainWindow& window)
{
    const SnapshotPtr snapshot = window.snapshot();
    if (!snapshot || snapshot->current.params.empty()) {
        return {};
    }
    const Analysis& a = snapshot->current;
    const PickedGrid picked = pickedGrid(a, 0);
    return LessonTexts::tr("Now: the grid ends at t = %1 of max|R| = %2: SQNR %3 dB, %4 clipped")
        .arg(formatValue(std::max(-picked.grid.lo, picked.grid.hi), 3),
             formatValue(std::max(-a.stats.min, a.stats.max), 3), db(a.metrics.sqnrDb),
             formatPercent(a.metrics.clippedFraction));
}

QString mitigationMeasures(const MainWindow& window)
{
    const OutliersPanel* panel = window.outliersPanel();
    const auto before = panel->before();
    const auto after = panel->after();
    if (!before || !after || !panel->showsCurrentSettings()) {
        return {};
    }
    const auto kurtosis = [](double value) {
        return QString::number(value, 'f', 2);
    };
    return LessonTexts::tr("Now: output SQNR %1 → %2 dB; kurtosis of X %3 → %4, of W %5 → %6")
        .arg(db(before->outputSqnrDb), db(after->outputSqnrDb),
             kurtosis(before->activations.kurtosis), kurtosis(after->activations.kurtosis),
             kurtosis(before->weight.kurtosis), kurtosis(after->weight.kurtosis));
}

} // namespace qs::ui::lesson_numbers
