#include "window_benchmark.h"

#include "main_window.h"
#include "panels/mitigation_controls.h"
#include "panels/outliers_panel.h"
#include "panels/scheme_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace qs::bench {
namespace {

constexpr int kChanges = 15;
constexpr int kSettleMs = 30; // pause between changes so each one is measured on its own

struct Phase
{
    const char* label;
    std::int64_t count;
};

constexpr Phase kPhases[] = {{"1M", 1 << 20}, {"16M", 1 << 24}};
// The Outliers view at the size: W [4096, 4096] and synthetic X [256, 4096].
constexpr std::int64_t kLayerWidth = 4096;
constexpr int kAlphaChanges = 7;

// Drives the window through the phases as a state machine on the event loop (no nested loops).
class Benchmark : public QObject
{
public:
    explicit Benchmark(qs::ui::MainWindow& window) : QObject(&window), m_window(window)
    {
        m_bits = window.schemePanel()->findChild<QSpinBox*>(QStringLiteral("bits"));
        connect(&window, &qs::ui::MainWindow::resultsDrawn, this, &Benchmark::onDrawn);
        connect(window.outliersPanel(), &qs::ui::OutliersPanel::resultsShown, this,
                &Benchmark::onOutliersShown);
        m_ticker.setInterval(1);
        connect(&m_ticker, &QTimer::timeout, this, [this] {
            m_longestStall = std::max(m_longestStall, m_sinceTick.nsecsElapsed() / 1e6);
            m_sinceTick.restart();
        });
        std::printf("QuantScope window benchmark (%s platform)\n",
                    qPrintable(QApplication::platformName()));
        std::printf("%-6s %-48s %10s %10s\n", "values", "measure", "median ms", "max ms");
        startPhase();
    }

private:
    void startPhase()
    {
        m_latencies.clear();
        m_loading = true;
        m_longestStall = 0;
        m_sinceTick.start();
        m_ticker.start();
        GenerateSpec spec;
        spec.shape = {kPhases[m_phase].count};
        spec.seed = 1;
        QuantSpec quant;
        quant.bits = 8;
        m_window.start(spec, quant);
    }

    void onDrawn()
    {
        if (m_outliers) {
            return;
        }
        if (m_window.runner()->isBusy()) {
            return; // a newer request is on its way; wait for its drawing
        }
        if (!m_loading) {
            m_latencies.push_back(m_sinceChange.nsecsElapsed() / 1e6);
        }
        m_loading = false;
        if (static_cast<int>(m_latencies.size()) < kChanges) {
            QTimer::singleShot(kSettleMs, this, [this] {
                m_sinceChange.start();
                m_bits->setValue(m_bits->value() == 8 ? 7 : 8); // the control change under test
            });
            return;
        }
        report();
        if (++m_phase < std::size(kPhases)) {
            startPhase();
        } else {
            startOutliers();
        }
    }

    // A weight as a freshly initialised layer's, the Outliers view in front: the first results
    // (the float64 reference, before and after) arrive, then α moves between 0.45 and 0.5.
    void startOutliers()
    {
        m_outliers = true;
        m_loading = true;
        m_latencies.clear();
        m_longestStall = 0;
        GenerateSpec weight;
        weight.shape = {kLayerWidth, kLayerWidth};
        weight.std = 0.02;
        weight.seed = 1;
        m_window.start(weight, QuantSpec{});
        m_window.showTab(QStringLiteral("outliers"));
        m_window.outliersPanel()->controls()->setSmoothAlpha(0.5);
        m_sinceTick.start();
        m_ticker.start();
    }

    void onOutliersShown()
    {
        qs::ui::OutliersPanel* panel = m_window.outliersPanel();
        if (!m_outliers || !panel->showsCurrentSettings()) {
            return;
        }
        if (!m_loading) {
            m_latencies.push_back(m_sinceChange.nsecsElapsed() / 1e6);
        } else {
            m_loadingStall = m_longestStall;
            m_longestStall = 0;
        }
        m_loading = false;
        if (static_cast<int>(m_latencies.size()) < kAlphaChanges) {
            QTimer::singleShot(kSettleMs, this, [this, panel] {
                m_alphaHigh = !m_alphaHigh;
                m_sinceChange.start();
                panel->controls()->setSmoothAlpha(m_alphaHigh ? 0.5 : 0.45);
            });
            return;
        }
        m_ticker.stop();
        std::sort(m_latencies.begin(), m_latencies.end());
        std::printf("%-6s %-48s %10.1f %10.1f\n", "4096²", "Outliers: α change -> results shown",
                    m_latencies[m_latencies.size() / 2], m_latencies.back());
        std::printf("%-6s %-48s %10s %10.1f\n", "4096²",
                    "longest UI-thread stall (generate W, reference)", "", m_loadingStall);
        std::printf("%-6s %-48s %10s %10.1f\n", "4096²", "longest UI-thread stall (α changes)", "",
                    m_longestStall);
        std::fflush(stdout);
        QApplication::exit(0);
    }

    void report()
    {
        m_ticker.stop();
        std::sort(m_latencies.begin(), m_latencies.end());
        const char* label = kPhases[m_phase].label;
        std::printf("%-6s %-48s %10.1f %10.1f\n", label, "bit width change -> all plots redrawn",
                    m_latencies[m_latencies.size() / 2], m_latencies.back());
        std::printf("%-6s %-48s %10s %10.1f\n", label,
                    "longest UI-thread stall (generate, analyse, redraw)", "", m_longestStall);
        std::fflush(stdout);
    }

    qs::ui::MainWindow& m_window;
    QSpinBox* m_bits = nullptr;
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_sinceChange;
    std::vector<double> m_latencies;
    double m_longestStall = 0;
    double m_loadingStall = 0;
    std::size_t m_phase = 0;
    bool m_loading = true;
    bool m_outliers = false; // the Outliers phase runs
    bool m_alphaHigh = true;
};

} // namespace

void runUiBenchmark(qs::ui::MainWindow& window)
{
    new Benchmark(window);
}

} // namespace qs::bench
