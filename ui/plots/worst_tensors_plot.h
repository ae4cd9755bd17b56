#pragma once
// The model view's chart: the tensors with the lowest SQNR under the current scheme, one
// horizontal bar each, worst at the top; bars of tensors an outlier rule flags are orange.

#include "analysis/model_report.h"

#include <QWidget>

#include <vector>

class QCustomPlot;

namespace qs::ui {

class Retranslator;

class WorstTensorsPlot : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kShown = 12;

    explicit WorstTensorsPlot(QWidget* parent = nullptr);

    void setRows(const std::vector<TensorReportRow>& rows);
    QCustomPlot* plot() const { return m_plot; }
    // The tensor names on the bars, worst first (for tests).
    QStringList shownNames() const { return m_names; }

private:
    QCustomPlot* m_plot = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QStringList m_names;
};

} // namespace qs::ui
