#include "panels/welcome_bar.h"

#include "i18n/retranslator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>

namespace qs::ui {
namespace {

constexpr const char* kDismissedKey = "welcome/dismissed";

} // namespace

WelcomeBar::WelcomeBar(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("welcomeBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette shade = palette();
    shade.setColor(QPalette::Window, palette().color(QPalette::AlternateBase));
    setPalette(shade);
    m_texts = new Retranslator(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_lesson = new QPushButton(this);
    m_lesson->setObjectName(QStringLiteral("welcomeStartLesson"));
    m_lesson->setDefault(true);
    m_close = new QPushButton(this);
    m_close->setObjectName(QStringLiteral("welcomeClose"));
    m_texts->bind([this] {
        m_text->setText(
            tr("<b>Welcome to QuantScope.</b> The demo is 200,000 normal values with three "
               "outliers at +12σ, quantized to int8 by the tutorial's general process: the "
               "outliers stretch the range, so they clip at the top (red) while the codes below "
               "the data go unused (hatched). Open your own tensor or model with File → Open, "
               "or let the lessons walk through the tutorial."));
        m_lesson->setText(tr("Start lesson 1"));
        m_close->setText(tr("Close"));
        m_close->setToolTip(tr("Lessons stay in the Help menu"));
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_lesson);
    layout->addWidget(m_close);
    connect(m_lesson, &QPushButton::clicked, this, [this] {
        dismiss();
        emit lessonRequested();
    });
    connect(m_close, &QPushButton::clicked, this, &WelcomeBar::dismiss);
    hide();
}

void WelcomeBar::offer()
{
    setVisible(!wasDismissed());
}

bool WelcomeBar::wasDismissed()
{
    return QSettings().value(kDismissedKey, false).toBool();
}

void WelcomeBar::forget()
{
    QSettings().remove(kDismissedKey);
}

void WelcomeBar::dismiss()
{
    QSettings().setValue(kDismissedKey, true);
    hide();
}

} // namespace qs::ui
