#pragma once
// The compare table in a view: clicking a scheme's column switches the window to that scheme.

#include "analysis_snapshot.h"

#include <QWidget>

class QTableView;

namespace qs::ui {

class Retranslator;
class CompareModel;

class ComparePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePanel(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    CompareModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

signals:
    void schemeChosen(qs::Scheme scheme);

private:
    void chooseColumn(int column);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    CompareModel* m_model = nullptr;
    QTableView* m_view = nullptr;
};

} // namespace qs::ui
