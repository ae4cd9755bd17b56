#pragma once
// The shoot-out drawn: SQNR against bits per value, one point per format with its name, the
// Pareto front as a line and the format the window shows ringed; beside it, for the best few
// formats, the share of values whose |R′ − R| is at most each bound (the error distributions
// overlaid, on a log axis since the formats' errors span decades).

#include "analysis/shootout.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCustomPlot;

namespace qs::ui {

class Retranslator;

class ShootoutPlots : public QWidget
{
    Q_OBJECT

public:
    // How many of the best rows get an error curve.
    static constexpr std::size_t kErrorCurves = 3;

    explicit ShootoutPlots(QWidget* parent = nullptr);

    // `current` is the row of the format the window shows, if it is one.
    void show(std::shared_ptr<const Shootout> shootout, std::optional<int> current);
    void clear();

    QCustomPlot* frontPlot() const { return m_front; }
    QCustomPlot* errorPlot() const { return m_errors; }

private:
    void draw();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    std::shared_ptr<const Shootout> m_shootout;
    std::optional<int> m_current;
    QCustomPlot* m_front = nullptr;
    QCustomPlot* m_errors = nullptr;
};

} // namespace qs::ui
