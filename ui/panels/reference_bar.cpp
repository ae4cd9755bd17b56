#include "panels/reference_bar.h"

#include "i18n/retranslator.h"
#include "theme.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <algorithm>

namespace qs::ui {
namespace {

// Enough to see the pattern; the table's Reference tensor column has every row's note.
constexpr std::size_t kListedUnmatched = 12;

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path).toHtmlEscaped();
}

} // namespace

ReferenceBar::ReferenceBar(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("referenceStatus"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("referenceClear"));
    m_texts->bind([this] {
        m_clear->setText(tr("Clear Reference"));
        m_clear->setToolTip(tr("Stop comparing with the reference file"));
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_clear, 0, Qt::AlignTop);
    connect(m_clear, &QToolButton::clicked, this, &ReferenceBar::clearRequested);
    m_texts->onChange([this] { setMessage(m_message, m_toolTip); });
    hide();
}

QString ReferenceBar::text() const
{
    return m_label->text();
}

void ReferenceBar::setMessage(Message message, Message toolTip)
{
    m_message = std::move(message);
    m_toolTip = std::move(toolTip);
    m_label->setText(m_message ? m_message() : QString());
    m_label->setToolTip(m_toolTip ? m_toolTip() : QString());
    setVisible(static_cast<bool>(m_message));
}

void ReferenceBar::showNone()
{
    setMessage({});
}

void ReferenceBar::showPending(const QString& reference)
{
    setMessage([reference] { return tr("Comparing with %1…").arg(shown(reference)); });
}

void ReferenceBar::showComparison(const QString& reference, const ReferenceComparison& comparison)
{
    const auto matched = static_cast<std::size_t>(std::ranges::count_if(
        comparison.tensors, [](const ReferenceMatch& m) { return m.stored.has_value(); }));
    const std::size_t unmatched = comparison.tensors.size() - matched;
    const QString file = QString::fromStdString(comparison.referenceFile);
    setMessage(
        [reference, matched, unmatched] {
            QString text = tr("Compared with %1: %2 matched, %3 not matched.")
                               .arg(shown(reference))
                               .arg(matched)
                               .arg(unmatched);
            if (unmatched > 0) {
                text += QLatin1Char(' ') + tr("The Reference tensor column says why.");
            }
            return text;
        },
        [file, list = unmatchedList(comparison)] {
            QString tip = tr("Read from %1").arg(QDir::toNativeSeparators(file));
            return list.isEmpty() ? tip : tip + QStringLiteral("\n\n") + list;
        });
}

void ReferenceBar::showCancelled(const QString& reference)
{
    setMessage([reference] {
        return tr("The comparison with %1 was cancelled. It runs again when the report does or "
                  "the reference changes.")
            .arg(shown(reference));
    });
}

void ReferenceBar::showError(const QString& reference, const QString& error)
{
    setMessage([reference, error] {
        return tr("Cannot compare with %1:").arg(shown(reference)) +
               QStringLiteral(" <b style=\"color:%1\">%2</b>")
                   .arg(theme::clipped().name(), error.toHtmlEscaped());
    });
}

QString ReferenceBar::unmatchedList(const ReferenceComparison& comparison)
{
    QStringList lines;
    std::size_t unmatched = 0;
    for (const ReferenceMatch& m : comparison.tensors) {
        if (m.stored) {
            continue;
        }
        if (++unmatched <= kListedUnmatched) {
            lines << QStringLiteral("%1: %2").arg(QString::fromStdString(m.name),
                                                  QString::fromStdString(m.note));
        }
    }
    if (unmatched > kListedUnmatched) {
        lines << tr("… and %1 more").arg(unmatched - kListedUnmatched);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace qs::ui
