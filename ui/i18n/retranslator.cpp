#include "i18n/retranslator.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>

namespace qs::ui {

Retranslator::Retranslator(QObject* parent) : QObject(parent)
{
    setObjectName(QStringLiteral("retranslator"));
}

void Retranslator::bind(std::function<void()> setTexts)
{
    setTexts();
    m_setters.push_back(std::move(setTexts));
}

void Retranslator::onChange(std::function<void()> refresh)
{
    m_setters.push_back(std::move(refresh));
}

bool Retranslator::event(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        for (const auto& setTexts : m_setters) {
            setTexts();
        }
        return true;
    }
    return QObject::event(event);
}

namespace {

QLabel* translatedLabel(QWidget* parent, Retranslator* texts, std::function<QString()> label)
{
    auto* text = new QLabel(parent);
    texts->bind([text, label = std::move(label)] { text->setText(label()); });
    return text;
}

} // namespace

void addTranslatedRow(QFormLayout* form, Retranslator* texts, QWidget* field,
                      std::function<QString()> label)
{
    form->addRow(translatedLabel(form->parentWidget(), texts, std::move(label)), field);
}

void addTranslatedRow(QFormLayout* form, Retranslator* texts, QLayout* field,
                      std::function<QString()> label)
{
    form->addRow(translatedLabel(form->parentWidget(), texts, std::move(label)), field);
}

void refreshTexts(QAbstractItemModel* model)
{
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    if (columns > 0) {
        emit model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    }
    if (rows > 0) {
        emit model->headerDataChanged(Qt::Vertical, 0, rows - 1);
        if (columns > 0) {
            emit model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1));
        }
    }
}

void setItemTexts(QComboBox* combo, const QStringList& texts)
{
    const int count = std::min<int>(combo->count(), static_cast<int>(texts.size()));
    for (int i = 0; i < count; ++i) {
        combo->setItemText(i, texts[i]);
    }
}

} // namespace qs::ui
