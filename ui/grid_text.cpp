#include "grid_text.h"

#include "analysis/scale_usage.h"
#include "granularity_text.h"
#include "number_format.h"

#include <QCoreApplication>

#include <cmath>

namespace qs::ui {
namespace {

// The translation context of these texts.
class GridText
{
    Q_DECLARE_TR_FUNCTIONS(GridText)
};

bool hasBlocks(const Analysis& analysis)
{
    const FormatFamily family = formatInfo(analysis.spec.format.format).family;
    return family == FormatFamily::Mx || family == FormatFamily::Nvfp4 ||
           family == FormatFamily::Bitsandbytes || family == FormatFamily::Ggml;
}

QString hex(std::int32_t code, int bits)
{
    const int digits = (bits + 3) / 4;
    return QStringLiteral("0x") +
           QString::number(code, 16).toUpper().rightJustified(digits, QLatin1Char('0'));
}

} // namespace

QString powerOfTwoText(int exponent)
{
    // Superscript digits: plots and tables show plain text, not rich text.
    static const QString kDigits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString power = exponent < 0 ? QStringLiteral("⁻") : QString();
    for (const QChar digit : QString::number(std::abs(exponent))) {
        power += kDigits[digit.digitValue()];
    }
    return QStringLiteral("2") + power;
}

QString elementText(double value, int digits)
{
    if (std::isnan(value)) {
        return QStringLiteral("NaN");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    if (value == 0) {
        return std::signbit(value) ? QStringLiteral("−0") : QStringLiteral("0");
    }
    return formatValue(value, digits);
}

QString codeText(const QuantParams& params, std::int32_t code)
{
    switch (params.element.kind) {
    case ElementKind::Minifloat:
        return hex(code, params.element.minifloat.bits());
    case ElementKind::Codebook:
        return hex(code, 4);
    case ElementKind::Integer:
        break;
    }
    if (params.scaleCode >= 0) { // MXINT8: k and its byte
        return QStringLiteral("%1 (%2)").arg(code).arg(hex(code & 0xFF, 8));
    }
    return QString::number(code);
}

QString scaleText(const Analysis& analysis, std::size_t group)
{
    if (analysis.params.empty()) {
        return {};
    }
    const QuantParams& p = analysis.params.at(group);
    const FormatInfo& info = formatInfo(analysis.spec.format.format);
    switch (info.family) {
    case FormatFamily::Minifloat:
        if (analysis.spec.format.noScale) {
            return GridText::tr("no scale (a plain cast)");
        }
        return GridText::tr("s = %1 (amax / %2)")
            .arg(formatValue(p.scale, 5), formatValue(info.minifloat->maxFinite()));
    case FormatFamily::Mx: {
        const double x = storedScale(analysis, group);
        const QString value =
            std::isfinite(x) ? powerOfTwoText(p.scaleCode - 127) : QStringLiteral("NaN");
        return GridText::tr("X = %1 (E8M0 %2)").arg(value, hex(p.scaleCode, 8));
    }
    case FormatFamily::Nvfp4:
        return GridText::tr("s = %1 (E4M3 %2)")
            .arg(formatValue(storedScale(analysis, group), 5), hex(p.scaleCode, 8));
    case FormatFamily::Bitsandbytes:
        return GridText::tr("absmax %1").arg(formatValue(p.scale, 6));
    case FormatFamily::Ggml:
        return p.addend != 0 ? GridText::tr("sub-block scale %1, min %2")
                                   .arg(formatValue(p.scale, 6), formatValue(p.addend, 6))
                             : GridText::tr("sub-block scale %1").arg(formatValue(p.scale, 6));
    case FormatFamily::Integer:
        break;
    }
    const QString scale = formatValue(p.scale, 6);
    return p.zeroPoint != 0 ? GridText::tr("Scale %1, Z %2").arg(scale).arg(p.zeroPoint)
                            : GridText::tr("Scale %1").arg(scale);
}

QString tensorScaleText(const Analysis& analysis)
{
    if (!analysis.tensorScale) {
        return {};
    }
    return GridText::tr("tensor scale S_dec %1").arg(formatValue(*analysis.tensorScale, 5));
}

QString blockLabel(const Analysis& analysis, std::size_t group)
{
    return hasBlocks(analysis) ? GridText::tr("block %1").arg(group)
                               : groupLabel(analysis.layout.granularity, group);
}

QString blockCountLabel(const Analysis& analysis, std::size_t count)
{
    return hasBlocks(analysis) ? GridText::tr("%1 blocks").arg(formatCount(count))
                               : groupCountLabel(analysis.layout.granularity, count);
}

} // namespace qs::ui
