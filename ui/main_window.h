#pragma once
// The QuantScope window. It only wires things together: the source and scheme panels send
// requests to the runner, and every finished snapshot goes to the plots, tables and panels.

#include "analysis_runner.h"
#include "session/session.h"

#include <QMainWindow>
#include <QSet>
#include <QTimer>

class QAction;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QToolButton;
class QMenu;

namespace qs::ui {

class ChannelsPanel;
class CodeUsagePlot;
class ComparePanel;
class ShootoutPanel;
class ErrorPlot;
class FileOpener;
class HistogramPlot;
class LessonGuide;
class WelcomeBar;
class Retranslator;
class MetricsPanel;
class ModelPanel;
class OutliersPanel;
class ReferenceChooser;
class SessionController;
class SchemePanel;
class ScaleUsagePlot;
class SourcePanel;
class SweepsPanel;
class TensorInfoPanel;
class TransferPlot;
class WalkthroughPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The built-in demo: clipping, unused codes and outliers at first glance.
    static TensorSource demoSource();
    static QuantSpec demoSpec();

    // Shows `source` and `spec` in the panels and analyses them.
    // `adoptStoredFormat`: a tensor the file stores quantized opens on its own type (the command
    // line named no format).
    void start(const TensorSource& source, const QuantSpec& spec, bool adoptStoredFormat = false);
    // A file by path ("model.npz#layer1.weight" picks a tensor); a file of several tensors without
    // a name opens the tensor picker.
    void openFile(const QString& path);
    // The picker for `file`'s tensors (non-modal); choosing one loads it.
    void chooseTensor(const FileSpec& file);
    // Another tensor of the file being shown.
    void openTensor(const QString& name);
    // One dialog with `message`; the window keeps showing the last good tensor.
    void showError(const QString& message);
    // Help → Lessons: the lesson's tensor, scheme and view, its text and its "try this" control.
    void startLesson(int number);
    LessonGuide* lessonGuide() const { return m_lessons; }
    // A first run on the demo: the bar that says what it shows and offers lesson 1.
    void offerWelcome();
    WelcomeBar* welcomeBar() const { return m_welcome; }
    // Shows `spec` in the scheme panel and analyses it.
    void applySpec(const QuantSpec& spec);
    // Shows `source` in the source panel and analyses it under the current scheme.
    void applySource(const TensorSource& source);
    // Brings a tab to the front: a table ("error", "compare", "formats" — the Compare tab's
    // shoot-out —, "walkthrough") or a view ("quantizer", "channels", "sweeps", "model",
    // "outliers"). False if unknown.
    bool showTab(const QString& name);
    // Gives the views under the histogram (Quantizer, Channels, Sweeps, Model) most of the
    // centre's height, for a lesson about one of their plots; the histogram keeps a third.
    void giveViewsTheRoom();
    // The names showTab takes for the view and the table in front.
    QString currentViewName() const;
    QString currentTableName() const;
    const QuantSpec& spec() const { return m_spec; }
    // The tensor source the panels show.
    TensorSource source() const;
    // How the results are shown: the view and table in front, the histogram's zoom, outlier band
    // and log counts, the picked channel.
    ViewState viewState() const;
    // Shows `view`'s tabs, outlier band and log counts now, and its zoom and channel once the
    // next results are shown (they apply to results).
    void applyViewState(const ViewState& view);
    SessionController* sessions() const { return m_sessions; }
    // File → Compare with Reference… and its dialogs.
    ReferenceChooser* referenceChooser() const { return m_references; }

    SnapshotPtr snapshot() const { return m_snapshot; }
    // Some background work runs: an analysis, a re-binning, a channel or the sweeps.
    bool isWorking() const;
    AnalysisRunner* runner() { return &m_runner; }
    HistogramPlot* histogramPlot() const { return m_histogram; }
    TransferPlot* transferPlot() const { return m_transfer; }
    ErrorPlot* errorPlot() const { return m_error; }
    CodeUsagePlot* codeUsagePlot() const { return m_codes; }
    ScaleUsagePlot* scaleUsagePlot() const { return m_scales; }
    SourcePanel* sourcePanel() const { return m_source; }
    SchemePanel* schemePanel() const { return m_scheme; }
    ComparePanel* comparePanel() const { return m_compare; }
    ShootoutPanel* shootoutPanel() const { return m_shootout; }
    MetricsPanel* metricsPanel() const { return m_metrics; }
    WalkthroughPanel* walkthroughPanel() const { return m_walkthrough; }
    ChannelsPanel* channelsPanel() const { return m_channels; }
    SweepsPanel* sweepsPanel() const { return m_sweeps; }
    ModelPanel* modelPanel() const { return m_modelView; }
    OutliersPanel* outliersPanel() const { return m_outliers; }
    // File → Export Plot: every plot of the window, with its menu label.
    QList<QPair<QString, QCustomPlot*>> exportablePlots() const;

signals:
    void snapshotShown(qs::ui::SnapshotPtr snapshot);
    // Every plot has been redrawn for the newest snapshot.
    void resultsDrawn();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildLeftColumn();
    QWidget* buildCentre();
    QWidget* buildRightColumn();
    void buildMenus();
    void buildStatusBar();
    void rebuildMenus();
    // The window title and the status bar's size and time, for the snapshot shown.
    void showResultTexts();
    void fitToScreen();
    void restoreLayout();
    void saveLayout() const;

    void requestSource(const TensorSource& source);
    void requestSpec(const QuantSpec& spec);
    void submit(std::optional<TensorSource> source);
    void showSnapshot(const SnapshotPtr& snapshot);
    // For a newly shown tensor: switches the format to the type it is stored in, once after the
    // user chose it; true if it did.
    bool adoptStoredFormat(const SnapshotPtr& snapshot);
    void onPlotReplotted(QObject* plot);
    QHash<QString, QWidget*> tableTabs() const;
    QHash<QString, QWidget*> viewTabs() const;

    AnalysisRunner m_runner;
    SnapshotPtr m_snapshot;
    QuantSpec m_spec;
    // Set by a user's choice of tensor: the next new tensor stored in a ggml block type switches
    // the format to that type (a session restore keeps its own).
    bool m_adoptStoredFormat = false;

    SourcePanel* m_source = nullptr;
    SchemePanel* m_scheme = nullptr;
    TensorInfoPanel* m_info = nullptr;
    HistogramPlot* m_histogram = nullptr;
    TransferPlot* m_transfer = nullptr;
    ErrorPlot* m_error = nullptr;
    CodeUsagePlot* m_codes = nullptr;
    ScaleUsagePlot* m_scales = nullptr; // block formats: how often each block scale is used
    MetricsPanel* m_metrics = nullptr;
    ComparePanel* m_compare = nullptr;
    ShootoutPanel* m_shootout = nullptr;
    QTabWidget* m_comparisons = nullptr; // the Compare tab: schemes and formats
    WalkthroughPanel* m_walkthrough = nullptr;
    ChannelsPanel* m_channels = nullptr;
    SweepsPanel* m_sweeps = nullptr;
    ModelPanel* m_modelView = nullptr;
    OutliersPanel* m_outliers = nullptr; // the window's tensor as a layer's weight
    SessionController* m_sessions = nullptr;
    FileOpener* m_files = nullptr;
    LessonGuide* m_lessons = nullptr;
    WelcomeBar* m_welcome = nullptr;
    ReferenceChooser* m_references = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QAction* m_chooseTensorAction = nullptr;
    QTabWidget* m_tables = nullptr;
    QTabWidget* m_views = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_centreSplitter = nullptr;
    QSplitter* m_plotsSplitter = nullptr;

    QLabel* m_sizeLabel = nullptr;
    QLabel* m_timeLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QTimer m_busyTimer;   // shows progress and Cancel only for work that takes a while
    QTimer m_menuRebuild; // after a language change
    QSet<QObject*> m_awaitingReplot;
};

} // namespace qs::ui
