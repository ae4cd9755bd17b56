#include "mitigation_text.h"

#include "number_format.h"
#include "quant/number_format.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace qs::ui {
namespace {

// The translation context of these texts.
class MitigationText
{
    Q_DECLARE_TR_FUNCTIONS(MitigationText)
};

} // namespace

QString transformsText(const MitigationSettings& settings)
{
    QStringList parts;
    if (settings.smoothAlpha) {
        parts << MitigationText::tr("SmoothQuant α = %1").arg(*settings.smoothAlpha, 0, 'f', 2);
    }
    if (settings.rotationSeed) {
        parts << MitigationText::tr("rotation (seed %1)").arg(*settings.rotationSeed);
    }
    if (settings.int8Threshold) {
        parts << MitigationText::tr("LLM.int8() at |x| ≥ %1")
                     .arg(formatValue(*settings.int8Threshold, 4));
    }
    return parts.isEmpty() ? MitigationText::tr("no transform") : parts.join(QStringLiteral(" · "));
}

QString scaleLayoutText(const QuantSpec& spec, Operand operand)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    if (info.fixedBlockSize > 0) {
        return MitigationText::tr("a scale per block of %1 inputs along each row")
            .arg(info.fixedBlockSize);
    }
    if (info.family == FormatFamily::Bitsandbytes) {
        return MitigationText::tr("a scale per block of %1 values").arg(spec.format.blockSize);
    }
    switch (spec.granularity) {
    case Granularity::Tensor:
        return operand == Operand::Weight ? MitigationText::tr("one scale for all of W")
                                          : MitigationText::tr("one scale for all of X");
    case Granularity::Channel:
        return operand == Operand::Weight
                   ? MitigationText::tr("one scale per output channel (row of W)")
                   : MitigationText::tr("one scale per token (row of X)");
    case Granularity::Group:
        return MitigationText::tr("a scale per %1 inputs along each row").arg(spec.groupSize);
    }
    return {};
}

QString decibelText(double db)
{
    if (std::isinf(db) && db > 0) {
        return MitigationText::tr("lossless");
    }
    return MitigationText::tr("%1 dB").arg(db, 0, 'f', 2);
}

QString rotationPlanText(const HadamardPlan& plan)
{
    if (plan.blockDiagonal()) {
        return MitigationText::tr("%1 inputs are not a power of two: the rotation is "
                                  "block-diagonal, %2 blocks of %3")
            .arg(formatCount(plan.size), formatCount(plan.size / plan.block),
                 formatCount(plan.block));
    }
    return MitigationText::tr("one Hadamard block spans all %1 inputs").arg(formatCount(plan.size));
}

} // namespace qs::ui
