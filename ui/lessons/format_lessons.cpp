#include "lessons/format_lessons.h"

#include "lessons/lesson_numbers.h"
#include "main_window.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

// The translation context of every lesson text (as in lessons.cpp).
class LessonTexts
{
    Q_DECLARE_TR_FUNCTIONS(LessonTexts)
};

QuantSpec formatSpec(NumberFormat format, MxScaleRule mxScale = MxScaleRule::Floor)
{
    QuantSpec spec;
    spec.format.format = format;
    spec.format.mxScale = mxScale;
    return spec;
}

// Switches the window to `spec`'s format and its variant options, keeping the rest of the
// scheme the user has.
LessonChoice formatChoice(std::function<QString()> label, const QuantSpec& spec)
{
    return {std::move(label), [format = spec.format](MainWindow& window) {
                QuantSpec next = window.spec();
                next.preset.clear();
                next.format = format;
                window.applySpec(next);
            }};
}

} // namespace

Lesson floatingPointGrids()
{
    Lesson l;
    l.number = 7;
    l.title = [] {
        return LessonTexts::tr("Floating-point grids: FP8");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "Lesson 4's tensor again — 1000 values in [−1, 1] and one outlier at 100 — now as FP8 "
            "E4M3. Scale = max|R| / 448 = 0.223 maps the ordinary values into [−4.5, 4.5], and a "
            "floating-point grid is dense near zero: E4M3 has 8 values in every power of two, as "
            "many between 0.25 and 0.5 as between 32 and 64. So the ordinary values still find "
            "fine steps: <b>102 codes</b> are used where int8 used 4, and the SQNR is 46.2 dB "
            "instead of 23.8 dB. The framed transfer plot shows the uneven staircase: tiny steps "
            "near 0, wide ones at the top. E5M2 trades a mantissa bit for range (up to 57344): 4 "
            "values per power of two, 59 codes, 40.6 dB.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Switch between E4M3, E5M2 and lesson 4's int8: watch the codes "
                               "used and the SQNR in the Error table.");
    };
    l.source = PresetSpec{"tutorial-outlier"};
    l.spec = formatSpec(NumberFormat::Fp8E4m3);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("transfer");
    l.choices = {
        formatChoice([] { return LessonTexts::tr("FP8 E4M3 (4 exponent, 3 mantissa bits)"); },
                     formatSpec(NumberFormat::Fp8E4m3)),
        formatChoice([] { return LessonTexts::tr("FP8 E5M2 (5 exponent, 2 mantissa bits)"); },
                     formatSpec(NumberFormat::Fp8E5m2)),
        formatChoice([] { return LessonTexts::tr("int8, symmetric (lesson 4)"); },
                     formatSpec(NumberFormat::Integer)),
    };
    l.now = lesson_numbers::errorSummary;
    return l;
}

Lesson blockScaling()
{
    Lesson l;
    l.number = 8;
    l.title = [] {
        return LessonTexts::tr("Block scaling: MXFP4 against NVFP4");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "MXFP4 and NVFP4 store the same E2M1 elements (0, ±0.5, ±1, ±1.5, ±2, ±3, ±4, ±6) "
            "with one scale per block. MX's scale X is a power of two (E8M0): the OCP rule "
            "X = 2<sup>p − 2</sup> with p = ⌊log₂ max|R|⌋ puts a block's max|R| / X anywhere in "
            "[4, 8), so some blocks never reach the codes ±6 and others saturate above 6 (0.72% of these "
            "weights are clipped). The rceil rule never clips but leaves max|R| / X in (3, 6]: up "
            "to half of the range unused. NVFP4's block scale is an E4M3 float under a float32 "
            "tensor scale, so every block's max lands close to 6. In the framed table: unused "
            "range <b>14.0%</b> for MXFP4 (23.3% with rceil) against <b>11.6%</b> for NVFP4, "
            "SQNR 17.1 dB (16.5 dB) against 20.9 dB — for 4.5 bits per value instead of 4.25, as "
            "NVFP4's blocks hold 16 values, not 32.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Switch between the two MX scale rules and NVFP4 on the same "
                               "weights: watch the unused range and the SQNR.");
    };
    l.source = PresetSpec{"heavy-tailed-weights"};
    l.spec = formatSpec(NumberFormat::Mxfp4);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("metricsTable");
    l.choices = {
        formatChoice([] { return LessonTexts::tr("MXFP4, the OCP floor rule"); },
                     formatSpec(NumberFormat::Mxfp4)),
        formatChoice([] { return LessonTexts::tr("MXFP4, the rceil rule (NVIDIA)"); },
                     formatSpec(NumberFormat::Mxfp4, MxScaleRule::Rceil)),
        formatChoice([] { return LessonTexts::tr("NVFP4 (E4M3 block scales)"); },
                     formatSpec(NumberFormat::Nvfp4)),
    };
    l.now = lesson_numbers::errorSummary;
    return l;
}

} // namespace qs::ui
