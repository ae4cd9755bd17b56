#include "panels/format_derivation.h"

#include "analysis/walkthrough.h"
#include "grid_text.h"
#include "number_format.h"

namespace qs::ui {
namespace {

QString upper(std::string_view name)
{
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())).toUpper();
}

QString hexByte(std::int32_t code)
{
    return QStringLiteral("0x") + QString::number(code & 0xFF, 16).toUpper().rightJustified(2, '0');
}

BlockScaleSteps stepsOf(const Analysis& a, std::size_t group)
{
    return blockScaleSteps(a.spec.format, a.params.at(group), a.tensorAmax, a.tensorScale);
}

// "decode(Q) = (−1)^S · (1 + M/8) · 2^(E − 7)" for the type's bits and bias.
QString decodeFormula(const MinifloatType& t)
{
    const int mantissaSteps = 1 << t.mantissaBits;
    return QStringLiteral("(−1)<sup>S</sup> · (1 + M/%1) · 2<sup>E − %2</sup>")
        .arg(mantissaSteps)
        .arg(t.bias);
}

} // namespace

QString FormatDerivation::derive(const AnalysisSnapshot& s, std::size_t group)
{
    const Analysis& a = s.current;
    QString prefix;
    if (a.params.size() > 1) {
        prefix = tr("<i>%1 of %2, each with its own scale:</i><br>")
                     .arg(blockLabel(a, group), blockCountLabel(a, a.params.size()));
    }
    switch (formatInfo(a.spec.format.format).family) {
    case FormatFamily::Minifloat:
        return prefix + minifloat(s, group);
    case FormatFamily::Mx:
        return prefix + mx(s, group);
    case FormatFamily::Nvfp4:
        return prefix + nvfp4(s, group);
    case FormatFamily::Bitsandbytes:
        return prefix + bitsandbytes(s, group);
    case FormatFamily::Ggml: {
        const QuantParams& p = a.params.at(group);
        return prefix +
               (p.addend != 0
                    ? tr("Stored by ggml: scale = <b>%1</b>, min = <b>%2</b>; R′ = scale · Q "
                         "+ min")
                          .arg(formatValue(p.scale, 7), formatValue(p.addend, 7))
                    : tr("Stored by ggml: scale = <b>%1</b>; R′ = scale · level(Q)")
                          .arg(formatValue(p.scale, 7)));
    }
    case FormatFamily::Integer:
        break;
    }
    return {};
}

QString FormatDerivation::minifloat(const AnalysisSnapshot& s, std::size_t group)
{
    const Analysis& a = s.current;
    const FormatInfo& info = formatInfo(a.spec.format.format);
    const MinifloatType& t = *info.minifloat;
    const BlockScaleSteps steps = stepsOf(a, group);
    const QString type = upper(minifloatName(t));
    QString text = a.spec.format.noScale
                       ? tr("No scale: s = 1, a plain cast of R to %1").arg(type)
                       : tr("s = amax / max_element = %1 / %2 = <b>%3</b>")
                             .arg(formatValue(steps.amax, 7), formatValue(t.maxFinite()),
                                  formatValue(steps.blockScale, 7));
    text += tr("<br>Q = encode_%1(R / s): a sign bit S, %2 exponent bits E (bias %3) and %4 "
               "mantissa bits M, to the nearest value")
                .arg(type)
                .arg(t.exponentBits)
                .arg(t.bias)
                .arg(t.mantissaBits);
    text += tr("<br>R′ = decode(Q) · s,  decode(Q) = %1  (E = 0: subnormal, (−1)<sup>S</sup> · "
               "M/%2 · 2<sup>%3</sup>)")
                .arg(decodeFormula(t))
                .arg(1 << t.mantissaBits)
                .arg(t.minExponent());
    return text;
}

QString FormatDerivation::mx(const AnalysisSnapshot& s, std::size_t group)
{
    const Analysis& a = s.current;
    const FormatInfo& info = formatInfo(a.spec.format.format);
    const BlockScaleSteps steps = stepsOf(a, group);
    const QString x =
        steps.nonFinite ? QStringLiteral("NaN") : powerOfTwoText(steps.sharedExponent);
    QString text;
    if (steps.nonFinite) {
        text = tr("The block holds NaN or ±Inf: its scale is NaN (E8M0 0xFF) and so is every "
                  "value");
    } else if (a.spec.format.mxScale == MxScaleRule::Floor) {
        text = tr("amax = %1,  ⌊log2 amax⌋ = %2,  shared exponent = %2 − emax (%3) = <b>%4</b>,  "
                  "X = %5 (E8M0 %6)")
                   .arg(formatValue(steps.amax, 7))
                   .arg(steps.amaxExponent)
                   .arg(steps.elementMaxExponent)
                   .arg(steps.sharedExponent)
                   .arg(x, hexByte(steps.scaleCode));
    } else {
        text = tr("amax = %1,  ⌊log2 amax⌋ = %2,  rceil: amax / max_element rounded up to a power "
                  "of two, shared exponent <b>%3</b>,  X = %4 (E8M0 %5)")
                   .arg(formatValue(steps.amax, 7))
                   .arg(steps.amaxExponent)
                   .arg(steps.sharedExponent)
                   .arg(x, hexByte(steps.scaleCode));
    }
    if (info.minifloat) {
        text += tr("<br>element = encode_%1(V / X),  R′ = element · X")
                    .arg(upper(minifloatName(*info.minifloat)));
    } else {
        text += tr("<br>k = Clip(Round(V / X · 64), −127, 127),  R′ = X · k / 64");
    }
    return text;
}

QString FormatDerivation::nvfp4(const AnalysisSnapshot& s, std::size_t group)
{
    const Analysis& a = s.current;
    const BlockScaleSteps steps = stepsOf(a, group);
    QString text;
    switch (a.spec.format.nvfp4Flavour) {
    case Nvfp4Flavour::TransformerEngine:
        text = tr("Tensor: gamax = %1,  S_enc = 448·6 / gamax = %2,  S_dec = 1 / S_enc = <b>%3</b>")
                   .arg(formatValue(steps.tensorAmax, 7), formatValue(steps.tensorEncode, 7),
                        formatValue(steps.tensorScale, 7));
        text += tr("<br>Block: vmax = %1,  s = E4M3(vmax · S_enc / 6) = E4M3(%2) = %3 = <b>%4</b>")
                    .arg(formatValue(steps.amax, 7), formatValue(steps.unrounded, 7),
                         hexByte(steps.scaleCode), formatValue(steps.blockScale, 7));
        break;
    case Nvfp4Flavour::Modelopt:
    case Nvfp4Flavour::Torchao:
        text = tr("Tensor: gamax = %1,  S_dec = gamax / (448·6) = <b>%2</b>")
                   .arg(formatValue(steps.tensorAmax, 7), formatValue(steps.tensorScale, 7));
        text +=
            tr("<br>Block: vmax = %1,  s = E4M3(vmax / (6 · S_dec)) = E4M3(%2) = %3 = <b>%4</b>")
                .arg(formatValue(steps.amax, 7), formatValue(steps.unrounded, 7),
                     hexByte(steps.scaleCode), formatValue(steps.blockScale, 7));
        break;
    }
    text += tr("<br>Q = E2M1(R / (s · S_dec)),  R′ = decode(Q) · s · S_dec");
    return text;
}

QString FormatDerivation::bitsandbytes(const AnalysisSnapshot& s, std::size_t group)
{
    const Analysis& a = s.current;
    const BlockScaleSteps steps = stepsOf(a, group);
    const QString table = upper(formatInfo(a.spec.format.format).name);
    return tr("absmax = <b>%1</b>,  xn = R · (1/absmax)").arg(formatValue(steps.amax, 7)) +
           tr("<br>code = the %1 level nearest xn (a midpoint goes to the lower code),  "
              "R′ = table[code] · absmax")
               .arg(table);
}

} // namespace qs::ui
