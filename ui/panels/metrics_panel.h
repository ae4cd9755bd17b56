#pragma once
// The error table: every metric of the current analysis and the warnings, each explained.

#include "analysis_snapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace qs::ui {

class Retranslator;
class MetricsModel;

class MetricsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MetricsPanel(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    MetricsModel* model() const { return m_model; }

private:
    MetricsModel* m_model = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;
    QTableView* m_view = nullptr;
    QLabel* m_warnings = nullptr;
};

} // namespace qs::ui
