#pragma once
// Keeps a widget's texts in the interface language. Each bound function sets some texts with
// tr(); it runs once when bound and again whenever the language changes. Qt sends LanguageChange
// down the widget tree to every child object, so a Retranslator created as a child of a widget
// hears it without the widget overriding changeEvent.
//
//     auto* texts = new Retranslator(this);
//     texts->bind([box] { box->setTitle(tr("Tensor")); });

#include <QObject>

#include <functional>
#include <vector>

class QAbstractItemModel;
class QComboBox;
class QFormLayout;
class QLayout;
class QWidget;

namespace qs::ui {

class Retranslator : public QObject
{
    Q_OBJECT

public:
    explicit Retranslator(QObject* parent);

    // Runs `setTexts` now and after every language change.
    void bind(std::function<void()> setTexts);
    // Runs `refresh` after every language change only (texts drawn from data shown later).
    void onChange(std::function<void()> refresh);

protected:
    bool event(QEvent* event) override;

private:
    std::vector<std::function<void()>> m_setters;
};

// Adds `field` to `form` under a label that follows the language: `label` returns its tr() text.
void addTranslatedRow(QFormLayout* form, Retranslator* texts, QWidget* field,
                      std::function<QString()> label);
void addTranslatedRow(QFormLayout* form, Retranslator* texts, QLayout* field,
                      std::function<QString()> label);

// Tells the views of `model` that its headers and cells read differently now (its data() and
// headerData() call tr()).
void refreshTexts(QAbstractItemModel* model);

// Renames a combo box's items in order, keeping the current item and each item's data.
void setItemTexts(QComboBox* combo, const QStringList& texts);

} // namespace qs::ui
