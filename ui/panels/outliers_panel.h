#pragma once
// The Outliers view: the window's tensor as the weight W of a linear layer Y = X·Wᵀ, activations
// X (synthetic or a file's), and the outlier-mitigation transforms of core/mitigate judged at
// the product: before (the formats alone) and after, side by side — the output SQNR on top, the
// measures table and the plots in tabs. Only the tab in front is drawn. The work runs in a
// MitigationRunner, and only while the view is shown; the α scan only while its tab is in front
// or for Auto.

#include "analysis_snapshot.h"
#include "mitigation_runner.h"
#include "report/mitigation_report.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace qs::ui {

class AlphaScanPlot;
class ChannelMaxPlot;
class JobStatusBar;
class MeasuresPage;
class MitigationControls;
class MitigationMeasuresModel;
class OutputChannelPlot;
class Retranslator;
class SideHistograms;

class OutliersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit OutliersPanel(QWidget* parent = nullptr);
    ~OutliersPanel() override;

    // W is `snapshot`'s tensor (its scheme does not matter here).
    void setSnapshot(const SnapshotPtr& snapshot);

    // File → Open Activations…: the dialog, then openActivations.
    void chooseActivationsFile();
    // X from a file ("acts.npz#layer3.input" picks a tensor; a file of several tensors named
    // without one opens the tensor picker).
    void openActivations(const QString& path);
    // Auto: scans α (if not yet for these settings) and puts SmoothQuant on at the best one.
    void chooseAlphaAutomatically();

    // The weight the message page offers to generate: normal values of σ 0.02, as a freshly
    // initialised layer's, [1024, 1024].
    static GenerateSpec generatedWeight();

    bool isComputing() const { return m_runner.isBusy(); }
    // The results shown are those of the current W, X and settings, and nothing runs.
    bool showsCurrentSettings() const;
    MitigationControls* controls() const { return m_controls; }
    const MitigationRunner& runner() const { return m_runner; }
    std::shared_ptr<const MitigationOutcome> before() const;
    // With every transform off, after is before.
    std::shared_ptr<const MitigationOutcome> after() const;
    std::shared_ptr<const AlphaScan> alphaScan() const;
    // What File → Export Report writes: the results shown, when they are those of the current
    // settings (showsCurrentSettings); the α scan goes with it when one was run for them.
    std::optional<MitigationReport> shownReport() const;
    // The message shown instead of the results (a 1-D tensor, a shape mismatch, ...), if any.
    QString message() const;
    QString headline() const;
    QString statusText() const;
    MitigationMeasuresModel* measures() const;
    QTabWidget* plotTabs() const { return m_plotTabs; }
    ChannelMaxPlot* channelPlot() const { return m_channels; }
    SideHistograms* activationHistograms() const { return m_activationHistograms; }
    SideHistograms* weightHistograms() const { return m_weightHistograms; }
    OutputChannelPlot* outputChannelPlot() const { return m_outputChannels; }
    AlphaScanPlot* alphaPlot() const { return m_alpha; }

signals:
    // Before and after of the current settings are shown.
    void resultsShown();
    // Auto set the slider to the best α of its scan.
    void alphaChosen(double alpha);
    // The user asked for a generated weight, the window's tensor being none (one dimension).
    void weightRequested(const qs::TensorSource& source);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildResults();
    void request();
    void onResults();
    void applyAutoAlpha();
    void showResults();
    QString failureText() const;
    void showVisiblePlots();
    void updateStatus();
    std::function<QString()> runningMessage() const;
    QString idleStatus() const;
    void useActivationsFile(const FileSpec& file);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    MitigationControls* m_controls = nullptr;
    JobStatusBar* m_status = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_messagePage = nullptr;
    QPushButton* m_generateWeight = nullptr; // offered while the window's tensor is no weight
    QStackedWidget* m_pages = nullptr;       // the message, or the results
    QTabWidget* m_plotTabs = nullptr;
    MeasuresPage* m_measuresPage = nullptr;
    ChannelMaxPlot* m_channels = nullptr;
    SideHistograms* m_activationHistograms = nullptr;
    SideHistograms* m_weightHistograms = nullptr;
    OutputChannelPlot* m_outputChannels = nullptr;
    AlphaScanPlot* m_alpha = nullptr;

    MitigationRunner m_runner;
    QTimer m_busyDelay; // a quick slider job shows no progress bar
    std::shared_ptr<const LoadedData> m_weight;
    QString m_weightMessage;      // set: W cannot be a weight (one dimension)
    bool m_autoPending = false;   // Auto waits for its scan
    bool m_statusRunning = false; // the status bar shows progress and Cancel
};

} // namespace qs::ui
