#pragma once
// Output SQNR against SmoothQuant's α (scanSmoothingAlpha: α from 0 to 1 in steps of 0.05, the
// other transforms as set), with the α Auto chooses ringed, the α on the slider marked and the
// output SQNR without any transform as the line to beat.

#include "mitigate/mitigation.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCustomPlot;
class QCPGraph;

namespace qs::ui {

class Retranslator;

class AlphaScanPlot : public QWidget
{
    Q_OBJECT

public:
    explicit AlphaScanPlot(QWidget* parent = nullptr);

    // `scan` null: none yet. `beforeDb`: the output SQNR with no transform, if known;
    // `currentAlpha`: SmoothQuant's α when it is on.
    void show(std::shared_ptr<const AlphaScan> scan, std::optional<double> beforeDb,
              std::optional<double> currentAlpha);
    QCustomPlot* plot() const { return m_plot; }

private:
    void draw();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_scan = nullptr; // graph "alpha-scan"
    QCPGraph* m_best = nullptr; // graph "auto-alpha"
    std::shared_ptr<const AlphaScan> m_shown;
    std::optional<double> m_beforeDb;
    std::optional<double> m_currentAlpha;
};

} // namespace qs::ui
