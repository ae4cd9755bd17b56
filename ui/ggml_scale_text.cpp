#include "ggml_scale_text.h"

#include "grid_text.h"
#include "number_format.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

// The translation context of these texts.
class GgmlScaleText
{
    Q_DECLARE_TR_FUNCTIONS(GgmlScaleText)
};

QString hex(unsigned bits, int digits)
{
    return QStringLiteral("0x") +
           QString::number(bits, 16).toUpper().rightJustified(digits, QLatin1Char('0'));
}

QString fp16Text(float value, std::uint16_t bits)
{
    return GgmlScaleText::tr("%1 (fp16 %2)").arg(elementText(value, 5), hex(bits, 4));
}

} // namespace

QString ggmlScaleLayoutText(const ggml::TypeInfo& type)
{
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type);
    const QString name = QString::fromUtf8(type.name.data(), qsizetype(type.name.size()));
    switch (layout.storage) {
    case ggml::BlockScaleStorage::E8M0:
        return GgmlScaleText::tr("%1: an E8M0 exponent X = 2^(e − 127) per %2 values")
            .arg(name)
            .arg(layout.scaleValues);
    case ggml::BlockScaleStorage::UE4M3:
        return GgmlScaleText::tr("%1: a UE4M3 scale s per %2 values, no tensor scale")
            .arg(name)
            .arg(layout.scaleValues);
    case ggml::BlockScaleStorage::Fp16:
        break;
    }
    QString text = !layout.hasMinimum       ? GgmlScaleText::tr("%1: fp16 d per %2 values")
                   : layout.minimumIsFactor ? GgmlScaleText::tr("%1: fp16 d and dmin per %2 values")
                                            : GgmlScaleText::tr("%1: fp16 d and m per %2 values");
    text = text.arg(name).arg(layout.scaleValues);
    if (!layout.hasSubScales()) {
        return text;
    }
    const QString codes =
        layout.hasSubMinimums       ? GgmlScaleText::tr("%1-bit scale and minimum codes per %2")
        : layout.subScaleLowest < 0 ? GgmlScaleText::tr("%1-bit signed scale codes per %2")
                                    : GgmlScaleText::tr("%1-bit scale codes per %2");
    return text + QStringLiteral(", ") + codes.arg(layout.subScaleBits).arg(layout.subBlockValues);
}

QString subScaleCodeText(std::int32_t code, std::int32_t bias)
{
    if (bias == 0) {
        return QString::number(code);
    }
    return GgmlScaleText::tr("%1 (factor %2)").arg(code).arg(code - bias);
}

QString ggmlGridFieldsText(const ggml::TypeInfo& type, const ggml::GridScaleFields& fields,
                           std::size_t grid)
{
    const ggml::ScaleLayout layout = ggml::scaleLayoutOf(type);
    switch (layout.storage) {
    case ggml::BlockScaleStorage::E8M0:
        return GgmlScaleText::tr("E8M0 %1: X = %2")
            .arg(hex(fields.dBits, 2),
                 fields.dBits == 0xFF ? QStringLiteral("NaN") : powerOfTwoText(fields.dBits - 127));
    case ggml::BlockScaleStorage::UE4M3:
        return GgmlScaleText::tr("UE4M3 %1: s = %2")
            .arg(hex(fields.dBits, 2), elementText(fields.d, 4));
    case ggml::BlockScaleStorage::Fp16:
        break;
    }
    if (!layout.hasSubScales()) {
        QString text = GgmlScaleText::tr("d %1").arg(fp16Text(fields.d, fields.dBits));
        if (layout.hasMinimum) {
            text += GgmlScaleText::tr(", m %1").arg(fp16Text(fields.minimum, fields.minimumBits));
        }
        return text;
    }
    const std::size_t perBlock = type.blockValues / type.gridValues;
    const std::int32_t factor = fields.subScale - layout.subScaleBias;
    QString text =
        GgmlScaleText::tr("super-block %1, sub-block %2 of %3: d %4 × scale code %5 = %6")
            .arg(grid / perBlock)
            .arg(grid % perBlock)
            .arg(perBlock)
            .arg(fp16Text(fields.d, fields.dBits),
                 subScaleCodeText(fields.subScale, layout.subScaleBias),
                 formatValue(double(fields.d * static_cast<float>(factor)), 5));
    if (layout.hasSubMinimums) {
        text += GgmlScaleText::tr("; dmin %1 × minimum code %2 = %3, subtracted")
                    .arg(fp16Text(fields.minimum, fields.minimumBits))
                    .arg(fields.subMinimum)
                    .arg(formatValue(double(fields.minimum * static_cast<float>(fields.subMinimum)),
                                     5));
    }
    return text;
}

} // namespace qs::ui
