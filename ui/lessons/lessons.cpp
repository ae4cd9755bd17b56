#include "lessons/lessons.h"

#include "lessons/format_lessons.h"
#include "lessons/lesson_numbers.h"
#include "lessons/mitigation_lessons.h"
#include "main_window.h"
#include "panels/walkthrough_panel.h"

#include <QCoreApplication>

#include <cmath>

namespace qs::ui {
namespace {

// The translation context of every lesson text.
class LessonTexts
{
    Q_DECLARE_TR_FUNCTIONS(LessonTexts)
};

QuantSpec schemeSpec(Scheme scheme)
{
    QuantSpec spec;
    spec.scheme = scheme;
    return spec;
}

// The current scheme with one thing changed.
template <typename Change> std::function<void(MainWindow&)> changeSpec(Change change)
{
    return [change](MainWindow& window) {
        QuantSpec spec = window.spec();
        spec.preset.clear();
        change(spec);
        window.applySpec(spec);
    };
}

LessonChoice presetChoice(std::function<QString()> label, const char* preset)
{
    return {std::move(label), [preset](MainWindow& window) {
                window.applySource(PresetSpec{preset});
            }};
}

Lesson generalProcess()
{
    Lesson l;
    l.number = 1;
    l.title = [] {
        return LessonTexts::tr("The general process (一般过程)");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "The tutorial's three values [0.21535037, 1.2962357, −1.0161772] are mapped onto the "
            "int8 codes −128…127 with Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683, but "
            "without a zero point. 1.2962357 / Scale = 142.94 lies beyond Qmax, so it is clipped "
            "(截断) to 127 and comes back as 127 · Scale = <b>1.1516722</b>: an error of −0.14. "
            "The walkthrough row marked “yours” shows every step, and the 16 codes below −112 are "
            "never used.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Move R: every value above 1.1516722 comes back as 1.1516722.");
    };
    l.source = PresetSpec{"tutorial-3"};
    l.spec = schemeSpec(Scheme::General);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("walkthrough");
    l.highlight = QStringLiteral("walkthroughTable");
    l.slider = LessonSlider{
        -150, 150, 130, [](int v) { return QString::number(v / 100.0, 'f', 2); },
        [](MainWindow& window, int v) {
            window.walkthroughPanel()->setTrialText(QString::number(v / 100.0, 'f', 2));
        }};
    l.prepare = [](MainWindow& window) {
        window.walkthroughPanel()->setTrialText(QStringLiteral("1.2962357"));
    };
    l.now = lesson_numbers::walkthroughValue;
    return l;
}

Lesson symmetric()
{
    Lesson l;
    l.number = 2;
    l.title = [] {
        return LessonTexts::tr("Symmetric quantization (对称量化)");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "Symmetric quantization centres the grid on zero: Scale = max|R| / 127 = 0.0102066 "
            "and the zero point Z is 0, as in TensorRT. Nothing is clipped (截断): 1.2962357 "
            "lands exactly on code 127. But the grid reaches down to −1.2962357 while the "
            "smallest value is −1.0161772, so the 27 codes −127…−101 are never used: the shaded "
            "area at the left of the histogram, the tutorial's red area.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Pick data without negative values: the whole negative half of "
                               "the codes goes to waste.");
    };
    l.source = PresetSpec{"tutorial-3"};
    l.spec = schemeSpec(Scheme::Symmetric);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("histogram");
    l.choices = {
        presetChoice([] { return LessonTexts::tr("the tutorial's three values"); }, "tutorial-3"),
        presetChoice([] { return LessonTexts::tr("all-positive values (log-normal)"); },
                     "all-positive"),
        presetChoice([] { return LessonTexts::tr("ReLU activations"); }, "relu-activations"),
    };
    l.now = lesson_numbers::gridUse;
    return l;
}

Lesson asymmetric()
{
    Lesson l;
    l.number = 3;
    l.title = [] {
        return LessonTexts::tr("Asymmetric quantization (非对称量化)");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "Asymmetric quantization keeps Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683 and "
            "adds a zero point (零点): Z = Qmax − Round(Rmax / Scale) = 127 − 143 = <b>−16</b>. "
            "The codes become Round(R / Scale + Z), so the grid is shifted onto the data: Rmin "
            "lands on −128, Rmax on 127, every code is in reach and the three values come back "
            "within 0.0023 (反量化: R′ = (Q − Z) · Scale).");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Change the bit width: Scale and Z follow, the grid still "
                               "spans exactly [Rmin, Rmax].");
    };
    l.source = PresetSpec{"tutorial-3"};
    l.spec = schemeSpec(Scheme::Asymmetric);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("walkthrough");
    l.highlight = QStringLiteral("derivation");
    l.slider = LessonSlider{2, 16, 8, [](int bits) { return LessonTexts::tr("%1 bits").arg(bits); },
                            [](MainWindow& window, int bits) {
                                changeSpec([bits](QuantSpec& s) { s.bits = bits; })(window);
                            }};
    l.now = lesson_numbers::bitsAndZeroPoint;
    return l;
}

// 1000 values uniform in [−1, 1] (the tutorial's seed) and one at `magnitude`.
GenerateSpec outlierSource(double magnitude)
{
    GenerateSpec g;
    g.distribution = Distribution::Uniform;
    g.shape = {1001};
    g.seed = 8215;
    g.outliers = {1, magnitude, OutlierUnit::Absolute, OutlierSign::Positive};
    return g;
}

Lesson outlier()
{
    Lesson l;
    l.number = 4;
    l.title = [] {
        return LessonTexts::tr("One outlier");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "The tutorial's warning: 1000 values in [−1, 1] and one at 100. Symmetric "
            "quantization sets Scale = 100 / 127 = 0.787, so every ordinary value rounds to the "
            "codes −1, 0 or 1: only <b>4 of 255 codes</b> are used and 39% of the values land on "
            "the zero code. One extreme value decides the step for all the others.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Move the outlier: at 1 the values use the whole grid, at 1000 "
                               "almost all of them become 0.");
    };
    l.source = PresetSpec{"tutorial-outlier"};
    l.spec = schemeSpec(Scheme::Symmetric);
    l.view = QStringLiteral("quantizer");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("codes");
    // Ten steps per decade from 1 to 1000; the preset's outlier sits at 100 (step 20).
    l.slider = LessonSlider{
        0, 30, 20, [](int step) { return QString::number(std::pow(10.0, step / 10.0), 'g', 3); },
        [](MainWindow& window, int step) {
            window.applySource(outlierSource(std::pow(10.0, step / 10.0)));
        }};
    l.now = lesson_numbers::gridUse;
    return l;
}

LessonChoice granularityChoice(std::function<QString()> label, Granularity granularity,
                               int groupSize = 32)
{
    return {std::move(label), changeSpec([granularity, groupSize](QuantSpec& s) {
                s.granularity = granularity;
                s.axis = 0;
                s.groupSize = groupSize;
            })};
}

Lesson perChannel()
{
    Lesson l;
    l.number = 5;
    l.title = [] {
        return LessonTexts::tr("Per-channel and per-group scales");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "Four of these 64 weight channels are 40 times wider than the rest. One Scale for "
            "the whole tensor is set by them, and the other 60 channels fall on a handful of codes "
            "around zero: SQNR 29.9 dB. With one Scale per channel (axis 0) every channel gets its "
            "own grid; the framed plot shows each channel's SQNR, and the tensor's rises to "
            "43.2 dB. Groups of 32 values along the last axis, as llama.cpp's Q8_0 uses, reach "
            "45.5 dB.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Compare one scale for the tensor, per channel and "
                               "per group of 32.");
    };
    l.source = PresetSpec{"extreme-channels"};
    l.spec = schemeSpec(Scheme::Symmetric);
    l.spec.granularity = Granularity::Channel;
    l.view = QStringLiteral("channels");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("channelSqnr");
    l.choices = {
        granularityChoice([] { return LessonTexts::tr("per channel"); }, Granularity::Channel),
        granularityChoice([] { return LessonTexts::tr("per tensor"); }, Granularity::Tensor),
        granularityChoice([] { return LessonTexts::tr("per group of 32"); }, Granularity::Group),
    };
    l.now = lesson_numbers::errorSummary;
    return l;
}

LessonChoice calibrationChoice(std::function<QString()> label, CalibrationMethod method)
{
    return {std::move(label),
            changeSpec([method](QuantSpec& s) { s.calibration.method = method; })};
}

Lesson calibration()
{
    Lesson l;
    l.number = 6;
    l.title = [] {
        return LessonTexts::tr("Calibration: clipping against rounding");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "These heavy-tailed weights have a few values far from the rest. Clipping (截断) at a "
            "threshold t below max|R| makes the step smaller, so the rounding error (about "
            "Scale²/12 per value) falls while the clipped values' error grows. The framed plot "
            "shows both over t and marks where each calibration method puts its threshold. Here "
            "min–max (t = 1.63, SQNR 19.4 dB) is beaten only by least MSE (t = 1.22, 20.7 dB); "
            "the percentile, KL and ACIQ clip so hard that clipping error wins (17.3, 15.8 and "
            "12.5 dB).");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Switch the calibration method and watch the total error in the "
                               "Error table.");
    };
    l.source = PresetSpec{"heavy-tailed-weights"};
    l.spec = schemeSpec(Scheme::Symmetric);
    l.view = QStringLiteral("sweeps");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("clipSweep");
    l.choices = {
        calibrationChoice([] { return LessonTexts::tr("min–max (the tutorial)"); },
                          CalibrationMethod::MinMax),
        calibrationChoice([] { return LessonTexts::tr("percentile 99.99"); },
                          CalibrationMethod::Percentile),
        calibrationChoice([] { return LessonTexts::tr("least MSE"); }, CalibrationMethod::Mse),
        calibrationChoice([] { return LessonTexts::tr("KL divergence (TensorRT)"); },
                          CalibrationMethod::Kl),
        calibrationChoice([] { return LessonTexts::tr("ACIQ, Laplace"); },
                          CalibrationMethod::AciqLaplace),
    };
    l.now = lesson_numbers::clipThreshold;
    return l;
}

} // namespace

const std::vector<Lesson>& lessons()
{
    static const std::vector<Lesson> all{
        generalProcess(),   symmetric(),       asymmetric(),         outlier(),
        perChannel(),       calibration(),     floatingPointGrids(), blockScaling(),
        smoothQuantAlpha(), hadamardRotation()};
    return all;
}

const Lesson* lessonNumber(int number)
{
    const auto& all = lessons();
    return number >= 1 && number <= static_cast<int>(all.size()) ? &all[number - 1] : nullptr;
}

} // namespace qs::ui
