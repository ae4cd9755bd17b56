#pragma once
// The guided lessons (Help → Lessons): the tutorial's worked examples, one idea each. A lesson
// names the tensor, scheme, view and table it starts from, the element it talks about, a few
// sentences on what the user sees, and one "try this" control that moves the state.

#include "io/tensor_source.h"
#include "quant/quant_spec.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace qs::ui {

class MainWindow;

// A named choice of the "try this" control (a combo box).
struct LessonChoice
{
    std::function<QString()> label;
    std::function<void(MainWindow&)> apply;
};

// A numeric "try this" control (a slider over whole steps).
struct LessonSlider
{
    int minimum = 0;
    int maximum = 0;
    int initial = 0;
    std::function<QString(int)> valueText;
    std::function<void(MainWindow&, int)> apply;
};

struct Lesson
{
    int number = 0;
    // Texts build with tr() when called, so they follow the interface language.
    std::function<QString()> title;
    std::function<QString()> explanation; // rich text, a few sentences
    std::function<QString()> tryThis;     // what the control does
    // The numbers the lesson is about as the window shows them now (lessons/lesson_numbers.h):
    // they follow every Try-this change.
    std::function<QString(const MainWindow&)> now;

    TensorSource source;
    QuantSpec spec;
    QString view; // MainWindow::showTab names
    QString table;
    QString highlight; // object name of the element the lesson talks about

    std::vector<LessonChoice> choices; // a combo box when not empty, the first one selected
    std::optional<LessonSlider> slider;
    // State beyond source and spec (e.g. the walkthrough's value), once the lesson is shown.
    std::function<void(MainWindow&)> prepare;
};

// The ten lessons, numbered from 1: the tutorial's six (lessons.cpp), two on number formats
// (format_lessons.h), then two on outlier mitigation (mitigation_lessons.h).
const std::vector<Lesson>& lessons();
// Lesson `number`, or nullptr.
const Lesson* lessonNumber(int number);

} // namespace qs::ui
