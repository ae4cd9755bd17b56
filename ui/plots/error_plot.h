#pragma once
// Histograms of the error R′ − R: rounding error of the values inside the grid (within ±Scale/2)
// on the left, clipping error of the clipped values on the right, each on its own axis because
// the two can differ by orders of magnitude.

#include "analysis_snapshot.h"

#include <QWidget>

class QCustomPlot;
class QCPAxisRect;

namespace qs::ui {

class Retranslator;

class ErrorPlot : public QWidget
{
    Q_OBJECT

public:
    explicit ErrorPlot(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    QCustomPlot* plot() const { return m_plot; }

private:
    QCustomPlot* m_plot = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;             // drawn again when the language changes
    QCPAxisRect* m_clippingRect = nullptr;
};

} // namespace qs::ui
