#include "lessons/lesson_guide.h"

#include "i18n/retranslator.h"
#include "lessons/highlight_frame.h"
#include "lessons/lessons.h"
#include "main_window.h"
#include "models/walkthrough_model.h"
#include "panels/channels_panel.h"
#include "panels/outliers_panel.h"
#include "panels/walkthrough_panel.h"
#include "plots/histogram_plot.h"

#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

namespace qs::ui {

LessonGuide::LessonGuide(MainWindow* window) : QObject(window), m_window(window) {}

void LessonGuide::buildDock()
{
    m_dock = new QDockWidget(m_window);
    m_dock->setObjectName(QStringLiteral("lessonDock"));
    m_dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_dock->setAllowedAreas(Qt::TopDockWidgetArea | Qt::BottomDockWidgetArea);
    auto* content = new QWidget(m_dock);
    m_texts = new Retranslator(content);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_explanation = new QLabel(content);
    m_explanation->setObjectName(QStringLiteral("lessonText"));
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_now = new QLabel(content);
    m_now->setObjectName(QStringLiteral("lessonNow"));
    m_now->setWordWrap(true);
    m_now->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont nowFont = m_now->font();
    nowFont.setItalic(true);
    m_now->setFont(nowFont);
    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_explanation, 1);
    text->addWidget(m_now);

    auto* tryBox = new QGroupBox(content);
    tryBox->setObjectName(QStringLiteral("lessonTryThis"));
    m_texts->bind([tryBox] { tryBox->setTitle(tr("Try this")); });
    m_tryThis = new QLabel(tryBox);
    m_tryThis->setWordWrap(true);
    m_choices = new QComboBox(tryBox);
    m_choices->setObjectName(QStringLiteral("lessonChoice"));
    m_slider = new QSlider(Qt::Horizontal, tryBox);
    m_slider->setObjectName(QStringLiteral("lessonSlider"));
    m_sliderValue = new QLabel(tryBox);
    m_sliderValue->setMinimumWidth(60);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_sliderValue);
    auto* tryLayout = new QVBoxLayout(tryBox);
    tryLayout->addWidget(m_tryThis);
    tryLayout->addWidget(m_choices);
    tryLayout->addLayout(sliderRow);

    m_previous = new QPushButton(content);
    m_previous->setObjectName(QStringLiteral("lessonPrevious"));
    m_next = new QPushButton(content);
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_texts->bind([this] {
        m_previous->setText(tr("← Previous"));
        m_next->setText(tr("Next →"));
        m_dock->setWindowTitle(tr("Lesson"));
    });
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    auto* side = new QVBoxLayout;
    side->addWidget(tryBox);
    side->addLayout(buttons);
    side->addStretch();

    auto* layout = new QHBoxLayout(content);
    layout->addLayout(text, 3);
    layout->addLayout(side, 1);
    m_dock->setWidget(content);
    m_window->addDockWidget(Qt::TopDockWidgetArea, m_dock);
    m_texts->onChange([this] { showTexts(); });
    // The numbers follow the window: a new analysis, or a typed value in the walkthrough.
    connect(m_window, &MainWindow::snapshotShown, this, &LessonGuide::showNow);
    connect(m_window->outliersPanel(), &OutliersPanel::resultsShown, this, &LessonGuide::showNow);
    connect(m_window->walkthroughPanel()->model(), &QAbstractItemModel::modelReset, this,
            &LessonGuide::showNow);

    m_frame = new HighlightFrame(m_window);
    connect(m_choices, &QComboBox::activated, this, &LessonGuide::onChoice);
    connect(m_slider, &QSlider::valueChanged, this, &LessonGuide::onSlider);
    connect(m_previous, &QPushButton::clicked, this, [this] { start(current() - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { start(current() + 1); });
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        // Closing the bar ends the lesson; another dock tab in front only hides it.
        if (!visible && m_dock->isHidden()) {
            m_frame->attach(nullptr);
            m_lesson = nullptr;
        }
    });
}

bool LessonGuide::start(int number)
{
    const Lesson* lesson = lessonNumber(number);
    if (lesson == nullptr) {
        return false;
    }
    if (!m_dock) {
        buildDock();
    }
    m_lesson = lesson;
    startFromCleanView();
    m_window->start(lesson->source, lesson->spec);
    m_window->showTab(lesson->view);
    m_window->showTab(lesson->table);
    if (lesson->prepare) {
        lesson->prepare(*m_window);
    }
    {
        const QSignalBlocker blockChoices(m_choices);
        const QSignalBlocker blockSlider(m_slider);
        m_choices->clear();
        for (std::size_t i = 0; i < lesson->choices.size(); ++i) {
            m_choices->addItem(QString());
        }
        m_choices->setVisible(!lesson->choices.empty());
        m_slider->setVisible(lesson->slider.has_value());
        m_sliderValue->setVisible(lesson->slider.has_value());
        if (lesson->slider) {
            m_slider->setRange(lesson->slider->minimum, lesson->slider->maximum);
            m_slider->setValue(lesson->slider->initial);
        }
    }
    showTexts();
    m_previous->setEnabled(number > 1);
    m_next->setEnabled(lessonNumber(number + 1) != nullptr);
    m_dock->show();
    m_dock->raise();
    QWidget* talkedAbout = m_window->findChild<QWidget*>(lesson->highlight);
    m_frame->attach(talkedAbout);
    // A plot in the views below the histogram is small beside the lesson's bar on a laptop
    // screen: the views get the room.
    if (talkedAbout != nullptr && lesson->view != QStringLiteral("quantizer")) {
        m_window->giveViewsTheRoom();
    }
    return true;
}

int LessonGuide::current() const
{
    return m_lesson ? m_lesson->number : 0;
}

QWidget* LessonGuide::highlighted() const
{
    return m_frame ? m_frame->target() : nullptr;
}

void LessonGuide::startFromCleanView()
{
    HistogramPlot* histogram = m_window->histogramPlot();
    histogram->setLogScale(false);
    histogram->resetZoom();
    histogram->setOutlierSigmas(6);
    m_window->channelsPanel()->pickGroup(0);
    m_window->walkthroughPanel()->setTrialText(QString());
}

QString LessonGuide::nowText() const
{
    return m_now ? m_now->text() : QString();
}

void LessonGuide::showNow()
{
    if (m_now == nullptr) {
        return;
    }
    const QString text = m_lesson && m_lesson->now ? m_lesson->now(*m_window) : QString();
    m_now->setText(text);
    m_now->setVisible(!text.isEmpty());
}

void LessonGuide::showTexts()
{
    if (!m_lesson) {
        return;
    }
    m_title->setText(tr("Lesson %1 of %2: %3")
                         .arg(m_lesson->number)
                         .arg(lessons().size())
                         .arg(m_lesson->title()));
    m_explanation->setText(m_lesson->explanation());
    m_tryThis->setText(m_lesson->tryThis());
    QStringList labels;
    for (const LessonChoice& choice : m_lesson->choices) {
        labels << choice.label();
    }
    setItemTexts(m_choices, labels);
    if (m_lesson->slider) {
        m_sliderValue->setText(m_lesson->slider->valueText(m_slider->value()));
    }
    showNow();
}

void LessonGuide::onChoice(int index)
{
    if (m_lesson && index >= 0 && index < static_cast<int>(m_lesson->choices.size())) {
        m_lesson->choices[static_cast<std::size_t>(index)].apply(*m_window);
    }
}

void LessonGuide::onSlider(int value)
{
    if (m_lesson && m_lesson->slider) {
        m_sliderValue->setText(m_lesson->slider->valueText(value));
        m_lesson->slider->apply(*m_window, value);
    }
}

} // namespace qs::ui
