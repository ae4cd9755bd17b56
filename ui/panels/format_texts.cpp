#include "panels/format_texts.h"

#include "number_format.h"
#include "quant/codebook.h"
#include "quant/ggml_formats.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <vector>

namespace qs::ui {
namespace {

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

// 2^e as rich text, with a true minus sign.
QString powerOfTwo(int exponent)
{
    const QString e =
        exponent < 0 ? QStringLiteral("−%1").arg(-exponent) : QString::number(exponent);
    return QStringLiteral("2<sup>%1</sup>").arg(e);
}

QString nameOf(const FormatInfo& info)
{
    return QString::fromUtf8(info.name.data(), qsizetype(info.name.size()));
}

// "E4M3", as FORMATS.md and the frameworks write the element types.
QString typeName(const MinifloatType& type)
{
    const std::string_view name = minifloatName(type);
    return QString::fromUtf8(name.data(), qsizetype(name.size())).toUpper();
}

QString joinSteps(const QStringList& steps, const QString& remark)
{
    return steps.join(QStringLiteral("<br>")) + QStringLiteral("<br><i>") + remark +
           QStringLiteral("</i>");
}

// bitsandbytes' FP4 magnitudes in ascending order: "0, 0.00521, 0.167, …, 1".
QString codebookMagnitudes(const Codebook& book)
{
    std::vector<float> magnitudes;
    for (int i = 0; i < book.levelCount; ++i) {
        magnitudes.push_back(std::abs(book.levels[std::size_t(i)]));
    }
    std::ranges::sort(magnitudes);
    const auto [first, last] = std::ranges::unique(magnitudes);
    magnitudes.erase(first, last);
    QStringList texts;
    for (const float m : magnitudes) {
        texts << QString::number(double(m), 'g', 3);
    }
    return texts.join(QStringLiteral(", "));
}

} // namespace

QString FormatTexts::equation(const QuantSpec& spec)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    const FormatSpec& f = spec.format;
    QStringList steps;
    switch (info.family) {
    case FormatFamily::Integer:
        return {};
    case FormatFamily::Minifloat: {
        const MinifloatType& type = *info.minifloat;
        const QString name = typeName(type);
        const QString max = number(type.maxFinite());
        steps << (f.noScale ? tr("Scale = 1 (a plain cast)") : tr("Scale = max|R| / %1").arg(max));
        if (type.hasNan() && f.overflow == Overflow::NonFinite) {
            steps << tr("Q = Round<sub>%1</sub>(R / Scale), %2 past ±%3")
                         .arg(name,
                              type.hasInfinity() ? QStringLiteral("±Inf") : QStringLiteral("NaN"),
                              max);
        } else {
            steps << tr("Q = Round<sub>%1</sub>(Clip(R / Scale, −%2, %2))").arg(name, max);
        }
        steps << tr("R′ = Q · Scale");
        // Half the smallest subnormal rounds to 0 (ties to the even code 0).
        const int underflow = std::ilogb(type.minSubnormal()) - 1;
        return joinSteps(steps, tr("Round<sub>%1</sub> goes to the nearest %1 value: %2 of them in "
                                   "every power of two, so the steps are fine near 0 and coarse "
                                   "at the top; |R / Scale| below %3 becomes 0.")
                                    .arg(name)
                                    .arg(1 << type.mantissaBits)
                                    .arg(powerOfTwo(underflow)));
    }
    case FormatFamily::Mx: {
        const bool integer = !info.minifloat;
        const int emax = integer ? 0 : info.minifloat->maxExponent();
        const double maxElement = integer ? 127.0 / 64.0 : info.minifloat->maxFinite();
        const bool floor = f.mxScale == MxScaleRule::Floor;
        if (!floor) {
            steps << tr("X = 2<sup>p</sup>, p = ⌈log₂(max|R| / %1)⌉ per block of %2 values "
                        "(an E8M0 scale)")
                         .arg(number(maxElement))
                         .arg(info.fixedBlockSize);
        } else if (emax == 0) {
            steps << tr("X = 2<sup>p</sup>, p = ⌊log₂ max|R|⌋ per block of %1 values (an E8M0 "
                        "scale)")
                         .arg(info.fixedBlockSize);
        } else {
            steps << tr("X = 2<sup>p − %1</sup>, p = ⌊log₂ max|R|⌋ per block of %2 values (an "
                        "E8M0 scale)")
                         .arg(emax)
                         .arg(info.fixedBlockSize);
        }
        if (integer) {
            steps << tr("Q = Clip(Round(R / X · 64), −127, 127)") << tr("R′ = Q · X / 64");
        } else {
            steps << tr("Q = Round<sub>%1</sub>(Clip(R / X, −%2, %2))")
                         .arg(typeName(*info.minifloat), number(maxElement))
                  << tr("R′ = Q · X");
        }
        const QString remark =
            floor ? tr("X is a power of two, so max|R| / X lands anywhere in [%1, %2): near %1 "
                       "part of the element's range goes unused, past %3 values saturate.")
                        .arg(number(std::ldexp(1.0, emax)), number(std::ldexp(1.0, emax + 1)),
                             number(maxElement))
                  : tr("X is a power of two, so max|R| / X lands anywhere in (%1, %2]: nothing "
                       "saturates, but up to half of the element's range can go unused.")
                        .arg(number(maxElement / 2), number(maxElement));
        return joinSteps(steps, remark);
    }
    case FormatFamily::Nvfp4: {
        steps << tr("S = max|R| / (6 · 448) for the whole tensor (float32)")
              << tr("Scale<sub>b</sub> = Round<sub>E4M3</sub>(max|R<sub>b</sub>| / (6 · S)) per "
                    "block b of %1 values")
                     .arg(info.fixedBlockSize)
              << tr("Q = Round<sub>E2M1</sub>(Clip(R / (Scale<sub>b</sub> · S), −6, 6))")
              << tr("R′ = Q · Scale<sub>b</sub> · S");
        QString flavour;
        switch (f.nvfp4Flavour) {
        case Nvfp4Flavour::TransformerEngine:
            flavour = tr("Transformer Engine: an all-zero block gets Scale<sub>b</sub> = 0.");
            break;
        case Nvfp4Flavour::Modelopt:
            flavour = tr("ModelOpt: an all-zero block gets Scale<sub>b</sub> = 1.");
            break;
        case Nvfp4Flavour::Torchao:
            flavour = tr("torchao: Scale<sub>b</sub> is kept within [2<sup>−6</sup>, 448].");
            break;
        }
        return joinSteps(steps, tr("Scale<sub>b</sub> is an E4M3 float, not a power of two: each "
                                   "block's max|R<sub>b</sub>| lands close to 6.") +
                                    QStringLiteral(" ") + flavour);
    }
    case FormatFamily::Bitsandbytes: {
        const bool nf4 = f.format == NumberFormat::Nf4;
        steps << tr("absmax = max|R| per block of %1 values (float32)").arg(f.blockSize)
              << tr("Q = the %1 level nearest R / absmax (16 levels in [−1, 1])")
                     .arg(nameOf(info).toUpper())
              << tr("R′ = level(Q) · absmax");
        return joinSteps(steps, nf4 ? tr("NF4's levels sit at the quantiles of a normal "
                                         "distribution: dense near 0, where most weights are.")
                                    : tr("bitsandbytes' FP4 levels are ±{%1}, not E2M1's.")
                                          .arg(codebookMagnitudes(bnbFp4Codebook())));
    }
    case FormatFamily::Ggml: {
        const ggml::TypeInfo& type = ggmlTypeOf(info.format);
        steps << tr("Scales searched per block by ggml's quantizer, stored as %1")
                     .arg(QString::fromLatin1(info.scaleFormat.data(),
                                              qsizetype(info.scaleFormat.size())))
              << (type.hasOffset ? tr("R′ = Scale · Q + min, per sub-block of %1 values")
                                 : tr("R′ = Scale · level(Q), per sub-block of %1 values"))
                     .arg(type.gridValues);
        return joinSteps(steps, tr("The bytes are those llama.cpp's quantizer writes: %1 bits "
                                   "per value, scales included.")
                                    .arg(type.bitsPerValue()));
    }
    }
    return {};
}

QString FormatTexts::fixedGranularity(const QuantSpec& spec)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    switch (info.family) {
    case FormatFamily::Integer:
        return {};
    case FormatFamily::Minifloat:
        return spec.format.noScale ? tr("A plain cast has no scale, so there is nothing to group.")
                                   : QString();
    case FormatFamily::Mx:
        return tr("Fixed by %1: blocks of %2 values along the last axis, each with its own E8M0 "
                  "scale.")
            .arg(nameOf(info))
            .arg(info.fixedBlockSize);
    case FormatFamily::Nvfp4:
        return tr("Fixed by nvfp4: blocks of %1 values along the last axis, each with an E4M3 "
                  "scale, under one float32 scale for the tensor.")
            .arg(info.fixedBlockSize);
    case FormatFamily::Bitsandbytes:
        return tr("Fixed by %1: blocks of %2 values of the flattened tensor (the block size "
                  "above), each with its float32 absmax.")
            .arg(nameOf(info))
            .arg(spec.format.blockSize);
    case FormatFamily::Ggml: {
        const ggml::TypeInfo& type = ggmlTypeOf(info.format);
        return tr("Fixed by %1: each row (the last axis) in whole blocks of %2 values; every %3 "
                  "values share a scale.")
            .arg(nameOf(info))
            .arg(type.blockValues)
            .arg(type.gridValues);
    }
    }
    return {};
}

QString FormatTexts::calibrationLimits(const QuantSpec& spec)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    switch (info.family) {
    case FormatFamily::Integer:
        return {};
    case FormatFamily::Mx:
        return tr("MX takes min–max only: its scale is a power of two fixed by each block's "
                  "max|R|.");
    case FormatFamily::Minifloat:
        if (spec.format.noScale) {
            return tr("A plain cast has no scale to calibrate.");
        }
        break;
    case FormatFamily::Ggml:
        return tr("%1 takes no calibration: ggml's quantizer searches each block's scales "
                  "itself.")
            .arg(nameOf(info));
    case FormatFamily::Nvfp4:
    case FormatFamily::Bitsandbytes:
        break;
    }
    return tr("KL and ACIQ model an integer grid: %1 takes min–max, percentile or least MSE.")
        .arg(nameOf(info));
}

QString FormatTexts::bitsPerValue(double bits)
{
    return tr("<b>%1</b> bits per value, scales included").arg(QString::number(bits, 'g', 5));
}

QString FormatTexts::bitsPerValueBasis(std::optional<std::size_t> count)
{
    return count ? tr("On this tensor's %1 values: the elements' bits plus every scale's")
                       .arg(formatCount(*count))
                 : tr("For a large tensor: the figure for this tensor follows once it is "
                      "analysed");
}

} // namespace qs::ui
