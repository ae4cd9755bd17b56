#pragma once
// The Outliers view's first tab: the measures table before and after, core's warnings under it
// (SmoothQuant's zero channels) and, where the view is tall enough to show it whole below the
// table, how to read the numbers.

#include "mitigate/mitigation.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;

namespace qs::ui {

class MitigationMeasuresModel;
class Retranslator;

class MeasuresPage : public QWidget
{
    Q_OBJECT

public:
    explicit MeasuresPage(QWidget* parent = nullptr);

    // Either may be null (not computed yet); the warnings are `after`'s.
    void show(std::shared_ptr<const MitigationOutcome> before,
              std::shared_ptr<const MitigationOutcome> after);
    MitigationMeasuresModel* model() const { return m_model; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitGuide();
    void fitWidth();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    MitigationMeasuresModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_warnings = nullptr;
    QLabel* m_guide = nullptr;
    std::shared_ptr<const MitigationOutcome> m_after;
};

} // namespace qs::ui
