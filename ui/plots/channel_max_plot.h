#pragma once
// SmoothQuant's "difficulty migration" picture: per input channel j, max |x_j| of the
// activations and max |w_j| of the weight, before (the formats alone) and after the transforms,
// side by side on one logarithmic scale. Outlier channels stand out as spikes of X before;
// smoothing flattens X and lifts W, a rotation flattens both; LLM.int8()'s float16 channels are
// ringed.

#include "mitigate/mitigation.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPGraph;

namespace qs::ui {

class Retranslator;

class ChannelMaxPlot : public QWidget
{
    Q_OBJECT

public:
    explicit ChannelMaxPlot(QWidget* parent = nullptr);

    // Either may be null (not computed yet). `afterHeading` names the transforms.
    void show(std::shared_ptr<const MitigationOutcome> before,
              std::shared_ptr<const MitigationOutcome> after, const QString& afterHeading);

    QCustomPlot* beforePlot() const { return m_before.plot; }
    QCustomPlot* afterPlot() const { return m_after.plot; }

private:
    struct Pane
    {
        QCustomPlot* plot = nullptr;
        QCPGraph* activations = nullptr; // graph "activation-max"
        QCPGraph* weight = nullptr;      // graph "weight-max"
        QCPGraph* float16 = nullptr;     // graph "float16-channels"
    };

    Pane makePane(const QString& objectName);
    void fill(Pane& pane, const MitigationOutcome* outcome);
    void nameGraphs();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    Pane m_before;
    Pane m_after;
    std::shared_ptr<const MitigationOutcome> m_shownBefore;
    std::shared_ptr<const MitigationOutcome> m_shownAfter;
    QString m_afterHeading;
};

} // namespace qs::ui
