#pragma once
// R against R′: the quantizer's staircase, the identity line it approximates, and the clip
// plateaus where R′ stops following R.

#include "analysis_snapshot.h"

#include <QWidget>

class QCustomPlot;

namespace qs::ui {

class Retranslator;

class TransferPlot : public QWidget
{
    Q_OBJECT

public:
    explicit TransferPlot(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    QCustomPlot* plot() const { return m_plot; }

private:
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;             // drawn again when the language changes
    QCustomPlot* m_plot = nullptr;
};

} // namespace qs::ui
