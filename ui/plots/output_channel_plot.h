#pragma once
// How the output error is spread over the output channels: the distribution of each channel's
// SQNR over the tokens (MitigationOutcome::outputChannelSqnrDb), before and after, as two
// histograms on common bins, with the whole output's SQNR of each marked. A transform that helps
// on average may still leave some channels behind; this shows it.

#include "mitigate/mitigation.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPGraph;

namespace qs::ui {

class Retranslator;

class OutputChannelPlot : public QWidget
{
    Q_OBJECT

public:
    explicit OutputChannelPlot(QWidget* parent = nullptr);

    void show(std::shared_ptr<const MitigationOutcome> before,
              std::shared_ptr<const MitigationOutcome> after);
    QCustomPlot* plot() const { return m_plot; }

private:
    void draw();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_before = nullptr; // graph "before"
    QCPGraph* m_after = nullptr;  // graph "after"
    std::shared_ptr<const MitigationOutcome> m_shownBefore;
    std::shared_ptr<const MitigationOutcome> m_shownAfter;
};

} // namespace qs::ui
