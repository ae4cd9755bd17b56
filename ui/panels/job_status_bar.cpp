#include "panels/job_status_bar.h"

#include "i18n/retranslator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace qs::ui {

JobStatusBar::JobStatusBar(const QString& name, QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_status = new QLabel(this);
    m_status->setObjectName(name + QStringLiteral("Status"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(name + QStringLiteral("Progress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(name + QStringLiteral("Cancel"));
    m_texts->bind([this] { m_cancel->setText(tr("Cancel")); });
    m_cancel->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &JobStatusBar::cancelRequested);
    m_texts->onChange([this] { m_status->setText(m_message ? m_message() : QString()); });
}

QString JobStatusBar::text() const
{
    return m_status->text();
}

void JobStatusBar::setText(Message message)
{
    m_message = std::move(message);
    m_status->setText(m_message ? m_message() : QString());
}

void JobStatusBar::start(Message message)
{
    setText(std::move(message));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
}

void JobStatusBar::setProgress(int permille)
{
    m_progress->setValue(permille);
}

void JobStatusBar::stop()
{
    m_progress->hide();
    m_cancel->hide();
}

} // namespace qs::ui
