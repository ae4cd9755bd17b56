#pragma once
// The three sweeps side by side: SQNR over the bit width against the 6.02 dB/bit line; the MSE
// over the clip threshold split into rounding and clipping, with each calibration's choice
// marked — every method, and every framework's variant of percentile, MSE and KL, with a table
// under the plot giving each one's threshold, MSE and SQNR, so that the spread between
// toolchains shows on the user's own tensor; and what one growing outlier does to the scale, the
// SQNR of everything else and the share of values left on the zero code. A sweep that does not
// apply says why in its plot.

#include "analysis/sweeps.h"
#include "common/error.h"

#include <QWidget>

#include <optional>
#include <utility>

class QCustomPlot;
class QCPAxis;
class QTableWidget;

namespace qs::ui {

class Retranslator;

class SweepPlots : public QWidget
{
    Q_OBJECT

public:
    explicit SweepPlots(QWidget* parent = nullptr);

    // `currentBits` is marked on the bit axis.
    void showBits(const Result<BitsSweep>& sweep, int currentBits);
    void showClip(const Result<ClipSweep>& sweep);
    void showOutlier(const Result<OutlierSweep>& sweep);
    void clear();

    QCustomPlot* bitsPlot() const { return m_bits; }
    QCustomPlot* clipPlot() const { return m_clip; }
    QCustomPlot* outlierPlot() const { return m_outlier; }
    // One row per marked calibration (each variant under its method): calibration, SQNR,
    // threshold (the MSE in each row's tooltip); column 0 holds the variant's core name in
    // Qt::UserRole.
    QTableWidget* choicesTable() const { return m_choices; }

private:
    void showChoices(const ClipSweep& sweep);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    // What is shown, drawn again when the language changes.
    std::optional<std::pair<Result<BitsSweep>, int>> m_shownBits;
    std::optional<Result<ClipSweep>> m_shownClip;
    std::optional<Result<OutlierSweep>> m_shownOutlier;
    QCustomPlot* m_bits = nullptr;
    QCustomPlot* m_clip = nullptr;
    QCustomPlot* m_outlier = nullptr;
    QTableWidget* m_choices = nullptr;
    QCPAxis* m_scaleAxis = nullptr; // the outlier plot's third axis
};

} // namespace qs::ui
