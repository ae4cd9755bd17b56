#pragma once
// Runs the lessons in the window: a "Lesson" bar above the window's panels with the lesson's
// title, its explanation, its "try this" control and Previous / Next. Starting a lesson sets its
// tensor, scheme, view and table and frames the element it talks about.

#include <QObject>

class QComboBox;
class QDockWidget;
class QLabel;
class QPushButton;
class QSlider;

namespace qs::ui {

class HighlightFrame;
class MainWindow;
class Retranslator;
struct Lesson;

class LessonGuide : public QObject
{
    Q_OBJECT

public:
    explicit LessonGuide(MainWindow* window);

    // Shows lesson `number` (1..8); false if there is none.
    bool start(int number);
    // The lesson shown, 0 for none (closed or never started).
    int current() const;
    // The element framed now, nullptr for none.
    QWidget* highlighted() const;
    QDockWidget* dock() const { return m_dock; }
    QComboBox* choiceBox() const { return m_choices; }
    QSlider* slider() const { return m_slider; }

    // The "Now:" line of the lesson's numbers.
    QString nowText() const;

private:
    void buildDock();
    void showTexts();
    void showNow();
    // Whatever an earlier lesson or the user changed in the view goes back to how it opens:
    // linear counts, no zoom, the outlier band at 6σ, the first channel, no typed value.
    void startFromCleanView();
    void onChoice(int index);
    void onSlider(int value);

    MainWindow* m_window;
    const Lesson* m_lesson = nullptr;
    QDockWidget* m_dock = nullptr;
    Retranslator* m_texts = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_tryThis = nullptr;
    QLabel* m_now = nullptr;
    QComboBox* m_choices = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_sliderValue = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    HighlightFrame* m_frame = nullptr;
};

} // namespace qs::ui
