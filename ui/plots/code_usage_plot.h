#pragma once
// How often each integer code from Qmin to Qmax is used: unused codes marked, the codes out of
// the values' reach shaded, the zero point's code highlighted.

#include "analysis_snapshot.h"

#include <QWidget>

class QCustomPlot;

namespace qs::ui {

class Retranslator;

class CodeUsagePlot : public QWidget
{
    Q_OBJECT

public:
    explicit CodeUsagePlot(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    QCustomPlot* plot() const { return m_plot; }

private:
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;             // drawn again when the language changes
    QCustomPlot* m_plot = nullptr;
};

} // namespace qs::ui
