#include "lessons/mitigation_lessons.h"

#include "lessons/lesson_numbers.h"
#include "main_window.h"
#include "panels/mitigation_controls.h"
#include "panels/outliers_panel.h"
#include "plots/channel_max_plot.h"

#include <QCoreApplication>
#include <QTabWidget>

namespace qs::ui {
namespace {

// The translation context of every lesson text (as in lessons.cpp).
class LessonTexts
{
    Q_DECLARE_TR_FUNCTIONS(LessonTexts)
};

// The Outliers view as it opens: int8 formats, synthetic activations, every transform off, and
// the plot tab holding `shown` in front.
void cleanOutliersView(MainWindow& window, QWidget* shown)
{
    OutliersPanel* panel = window.outliersPanel();
    MitigationControls* controls = panel->controls();
    controls->setWeightFormat(QStringLiteral("int8-channel"));
    controls->setActivationFormat(QStringLiteral("int8-tensor"));
    controls->setActivationsFile(std::nullopt);
    controls->setSynthetic(ActivationSpec{});
    controls->setSmoothing(false);
    controls->setRotation(false);
    controls->setDecomposition(false);
    QTabWidget* tabs = panel->plotTabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i) == shown || tabs->widget(i)->isAncestorOf(shown)) {
            tabs->setCurrentIndex(i);
        }
    }
}

LessonChoice transformChoice(std::function<QString()> label, bool smooth, bool rotate)
{
    return {std::move(label), [smooth, rotate](MainWindow& window) {
                MitigationControls* controls = window.outliersPanel()->controls();
                if (smooth) {
                    controls->setSmoothAlpha(0.5);
                }
                controls->setSmoothing(smooth);
                controls->setRotation(rotate);
            }};
}

} // namespace

Lesson smoothQuantAlpha()
{
    Lesson l;
    l.number = 9;
    l.title = [] {
        return LessonTexts::tr("Outlier channels in the activations: SmoothQuant's α");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "Lesson 8's weights are now a layer's W [256, 256], fed synthetic activations X "
            "shaped as LLM.int8() measured them in transformers: in 4 of the 256 channels every "
            "token carries about ±40, elsewhere about 1. One int8 scale for all of X must reach "
            "71, so the ordinary activations get a handful of codes: the output X·Wᵀ comes out "
            "at <b>27.30 dB</b>. SmoothQuant divides input channel j of X by "
            "s<sub>j</sub> = max|X<sub>j</sub>|<sup>α</sup> / max|W<sub>j</sub>|<sup>1−α</sup> "
            "and multiplies W's column j by the same s<sub>j</sub>: the product is unchanged, "
            "the difficulty moves. At α = 0.5 it is split — X's kurtosis falls from 71.25 to "
            "17.27 — and the output reaches <b>39.59 dB</b>. At α = 1 X is flat (kurtosis 2.99, "
            "a Gaussian's 3) but W now holds the outliers (kurtosis 410) and the output falls "
            "back to 35.24 dB. Auto tries every α in steps of 0.05 and keeps 0.65: 40.30 dB.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Move α from 0 to 1: watch the output SQNR and the kurtosis of "
                               "X and W trade places in the framed table.");
    };
    l.source = PresetSpec{"heavy-tailed-weights"};
    l.spec = QuantSpec{};
    l.view = QStringLiteral("outliers");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("mitigationMeasures");
    l.slider = LessonSlider{0, MitigationControls::kAlphaSlots, MitigationControls::kAlphaSlots / 2,
                            [](int slot) {
                                return LessonTexts::tr("α = %1").arg(
                                    static_cast<double>(slot) / MitigationControls::kAlphaSlots, 0,
                                    'f', 2);
                            },
                            [](MainWindow& window, int slot) {
                                window.outliersPanel()->controls()->setSmoothAlpha(
                                    static_cast<double>(slot) / MitigationControls::kAlphaSlots);
                            }};
    l.prepare = [](MainWindow& window) {
        OutliersPanel* panel = window.outliersPanel();
        cleanOutliersView(window, panel->findChild<QWidget*>(QStringLiteral("mitigationMeasures")));
        panel->controls()->setSmoothAlpha(0.5);
    };
    l.now = lesson_numbers::mitigationMeasures;
    return l;
}

Lesson hadamardRotation()
{
    Lesson l;
    l.number = 10;
    l.title = [] {
        return LessonTexts::tr("A rotation spreads an outlier over every channel");
    };
    l.explanation = [] {
        return LessonTexts::tr(
            "The same layer and activations. Instead of moving the outliers between X and W, a "
            "rotation dissolves them: Q = D·H/√256 — random signs D, then the Walsh–Hadamard "
            "matrix H — is orthogonal, so (X·Q)(W·Q)ᵀ = X·Wᵀ. Each output channel of X·Q mixes "
            "all 256 inputs with weights ±1/16, so a channel at ±40 becomes a share of every "
            "channel. In the framed plot the widest channel of X falls from 71.2 to 16.7 while "
            "the typical one rises from 3.1 to 9.0: the range is used evenly. X's kurtosis falls "
            "from 71.25 to 2.60 and W's from 106.71 to 3.26 — both now look Gaussian — and the "
            "output SQNR rises from 27.30 to <b>38.70 dB</b>. SmoothQuant at α = 0.5 first, then "
            "the rotation: 47.05 dB.");
    };
    l.tryThis = [] {
        return LessonTexts::tr("Switch the rotation on and off, alone and after SmoothQuant: "
                               "watch the channel maxima flatten.");
    };
    l.source = PresetSpec{"heavy-tailed-weights"};
    l.spec = QuantSpec{};
    l.view = QStringLiteral("outliers");
    l.table = QStringLiteral("error");
    l.highlight = QStringLiteral("channelMaxima");
    l.choices = {
        transformChoice([] { return LessonTexts::tr("Hadamard rotation"); }, false, true),
        transformChoice([] { return LessonTexts::tr("No transform"); }, false, false),
        transformChoice([] { return LessonTexts::tr("SmoothQuant α = 0.5, then the rotation"); },
                        true, true),
    };
    l.prepare = [](MainWindow& window) {
        OutliersPanel* panel = window.outliersPanel();
        cleanOutliersView(window, panel->channelPlot());
        panel->controls()->setRotation(true);
    };
    l.now = lesson_numbers::mitigationMeasures;
    return l;
}

} // namespace qs::ui
