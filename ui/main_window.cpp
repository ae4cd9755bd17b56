#include "main_window.h"

#include "column_scroll_area.h"
#include "export/plot_title.h"
#include "file_opener.h"
#include "grip_splitter.h"
#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "lessons/lesson_guide.h"
#include "lessons/lessons.h"
#include "number_format.h"
#include "panels/channels_panel.h"
#include "panels/compare_panel.h"
#include "panels/metrics_panel.h"
#include "panels/model_panel.h"
#include "panels/outliers_panel.h"
#include "panels/scheme_panel.h"
#include "panels/shootout_panel.h"
#include "panels/source_panel.h"
#include "panels/sweeps_panel.h"
#include "panels/tensor_info_panel.h"
#include "panels/walkthrough_panel.h"
#include "panels/welcome_bar.h"
#include "picked_grid.h"
#include "plots/channel_range_plot.h"
#include "plots/code_usage_plot.h"
#include "plots/error_plot.h"
#include "plots/histogram_plot.h"
#include "plots/scale_usage_plot.h"
#include "plots/shootout_plots.h"
#include "plots/sweep_plots.h"
#include "plots/transfer_plot.h"
#include "plots/worst_tensors_plot.h"
#include "quant/ggml_formats.h"
#include "reference_chooser.h"
#include "session_controller.h"
#include "window_fit.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {
namespace {

constexpr int kBusyDelayMs = 200;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    m_texts = new Retranslator(this);
    setAcceptDrops(true);
    m_mainSplitter = new GripSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(buildLeftColumn());
    m_mainSplitter->addWidget(buildCentre());
    m_mainSplitter->addWidget(buildRightColumn());
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setStretchFactor(2, 0);
    m_mainSplitter->setSizes({320, 900, 360}); // shares of the width: the plots take most
    m_welcome = new WelcomeBar(this);
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_welcome);
    centralLayout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
    connect(m_welcome, &WelcomeBar::lessonRequested, this, [this] { startLesson(1); });
    m_sessions = new SessionController(this);
    connect(m_sessions, &SessionController::pathChanged, this, [this] { showResultTexts(); });
    m_files = new FileOpener(this);
    m_lessons = new LessonGuide(this);
    m_references = new ReferenceChooser(this, m_modelView);
    buildMenus();
    showResultTexts();
    // Menus are built anew once the events are handled (deleting widgets while Qt hands the
    // event to them would be unsafe; a switch sends one event per translator, one rebuild does);
    // tabs, buttons and panels rename themselves.
    m_menuRebuild.setSingleShot(true);
    m_menuRebuild.setInterval(0);
    connect(&m_menuRebuild, &QTimer::timeout, this, &MainWindow::rebuildMenus);
    m_texts->onChange([this] {
        m_menuRebuild.start();
        showResultTexts();
    });
    buildStatusBar();
    fitToScreen();
    restoreLayout();

    connect(m_source, &SourcePanel::sourceChanged, this, &MainWindow::requestSource);
    connect(m_source, &SourcePanel::openFileRequested, m_files, &FileOpener::chooseFile);
    connect(m_scheme, &SchemePanel::specChanged, this, &MainWindow::requestSpec);
    connect(m_compare, &ComparePanel::specChosen, this, &MainWindow::applySpec);
    connect(m_compare, &ComparePanel::schemeChosen, this, [this](Scheme scheme) {
        QuantSpec spec = m_spec;
        spec.scheme = scheme;
        spec.narrowRange.reset();
        spec.preset.clear(); // no longer the preset's scheme
        applySpec(spec);
    });
    connect(m_shootout, &ShootoutPanel::specChosen, this, &MainWindow::applySpec);
    connect(m_outliers, &OutliersPanel::weightRequested, this, &MainWindow::applySource);
    connect(m_modelView, &ModelPanel::tensorChosen, this, [this](const QString& name) {
        openTensor(name);
        showTab(QStringLiteral("quantizer"));
    });
    connect(m_histogram, &HistogramPlot::outlierSigmasChanged, this,
            [this] { submit(std::nullopt); });
    // A dragged end of the grid is a manual clip range; the runner coalesces a fast drag.
    connect(m_histogram, &HistogramPlot::clipLineDragged, this, [this](GridEnd end, double x) {
        if (!m_snapshot || m_snapshot->current.params.size() != 1) {
            return;
        }
        const RealRange range =
            manualRangeForGridEnd(m_spec, m_snapshot->current.params.front(), end, x);
        QuantSpec spec = m_spec;
        spec.preset.clear();
        spec.calibration = CalibrationSpec{};
        spec.calibration.method = CalibrationMethod::Manual;
        spec.calibration.clipMin = range.lo;
        spec.calibration.clipMax = range.hi;
        applySpec(spec);
    });
    connect(m_histogram, &HistogramPlot::rebinRequested, this, [this](double lo, double hi) {
        if (m_snapshot) {
            m_runner.submitRebin(m_snapshot->data, lo, hi, HistogramPlot::kZoomBins);
        }
    });
    connect(&m_runner, &AnalysisRunner::rebinned, m_histogram, &HistogramPlot::showZoomedHistogram);
    // The block picked in the Channels view is the one whose grid the other views draw.
    connect(m_channels, &ChannelsPanel::groupShown, this, [this](int group) {
        m_histogram->setPickedGroup(group);
        m_transfer->setPickedGroup(group);
        m_codes->setPickedGroup(group);
        m_walkthrough->setPickedGroup(group);
    });
    connect(&m_runner, &AnalysisRunner::finished, this,
            [this](const SnapshotPtr& snapshot) { showSnapshot(snapshot); });
    connect(&m_runner, &AnalysisRunner::failed, this,
            [this](const QString& message) { showError(message); });
    connect(&m_runner, &AnalysisRunner::cancelled, this,
            [this] { statusBar()->showMessage(tr("Cancelled"), 3000); });
    connect(&m_runner, &AnalysisRunner::started, this, [this] {
        m_progress->setValue(0);
        m_busyTimer.start();
    });
    connect(&m_runner, &AnalysisRunner::idle, this, [this] {
        m_busyTimer.stop();
        m_progress->hide();
        m_cancel->hide();
    });
    connect(&m_runner, &AnalysisRunner::progress, this,
            [this](double fraction) { m_progress->setValue(static_cast<int>(fraction * 100)); });

    for (QCustomPlot* plot :
         {m_histogram->plot(), m_transfer->plot(), m_error->plot(), m_codes->plot()}) {
        connect(plot, &QCustomPlot::afterReplot, this, [this, plot] { onPlotReplotted(plot); });
    }
}

MainWindow::~MainWindow() = default;

TensorSource MainWindow::demoSource()
{
    // 200,000 normal values and three outliers at +12σ: under the general scheme the outliers
    // clip at the top while the codes below the data go unused.
    GenerateSpec spec;
    spec.distribution = Distribution::Normal;
    spec.shape = {200000};
    spec.seed = 8215;
    spec.outliers = {3, 12.0, OutlierUnit::Sigma, OutlierSign::Positive};
    return spec;
}

QuantSpec MainWindow::demoSpec()
{
    QuantSpec spec;
    spec.scheme = Scheme::General;
    return spec;
}

QWidget* MainWindow::buildLeftColumn()
{
    m_source = new SourcePanel(this);
    m_scheme = new SchemePanel(this);
    m_info = new TensorInfoPanel(this);
    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->addWidget(m_source);
    layout->addWidget(m_scheme);
    layout->addWidget(m_info);
    layout->addStretch();
    // Long choices ("Rmax (tutorial): Z = Qmax − Round(Rmax/Scale)") must not widen the column:
    // combo boxes elide, labels wrap, and the column never scrolls sideways.
    for (QComboBox* combo : column->findChildren<QComboBox*>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
        // Neither setter forgets the minimum size the combo box worked out from its longest
        // item while its panel was built; a style change makes it work it out again.
        QEvent styleChange(QEvent::StyleChange);
        QCoreApplication::sendEvent(combo, &styleChange);
    }
    auto* scroll = new ColumnScrollArea(column, this);
    scroll->setObjectName(QStringLiteral("leftColumn"));
    scroll->setMinimumWidth(320);
    return scroll;
}

QWidget* MainWindow::buildCentre()
{
    m_histogram = new HistogramPlot(this);
    m_transfer = new TransferPlot(this);
    m_error = new ErrorPlot(this);
    m_codes = new CodeUsagePlot(this);
    m_scales = new ScaleUsagePlot(this);
    // A block format's scale codes under its element codes (the scale plot hides itself for
    // formats without block scales).
    auto* codesColumn = new GripSplitter(Qt::Vertical, this);
    codesColumn->setObjectName(QStringLiteral("codesSplitter"));
    codesColumn->addWidget(m_codes);
    codesColumn->addWidget(m_scales);
    m_plotsSplitter = new GripSplitter(Qt::Horizontal, this);
    m_plotsSplitter->setObjectName(QStringLiteral("plotsSplitter"));
    m_plotsSplitter->addWidget(m_transfer);
    m_plotsSplitter->addWidget(m_error);
    m_plotsSplitter->addWidget(codesColumn);
    m_channels = new ChannelsPanel(this);
    m_sweeps = new SweepsPanel(this);
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("views"));
    m_modelView = new ModelPanel(this);
    m_outliers = new OutliersPanel(this);
    m_views->addTab(m_plotsSplitter, QString());
    m_views->addTab(m_channels, QString());
    m_views->addTab(m_sweeps, QString());
    m_views->addTab(m_modelView, QString());
    m_views->addTab(m_outliers, QString());
    m_texts->bind([this] {
        m_views->setTabText(0, tr("Quantizer"));
        m_views->setTabText(1, tr("Channels"));
        m_views->setTabText(2, tr("Sweeps"));
        m_views->setTabText(3, tr("Model"));
        m_views->setTabText(4, tr("Outliers"));
        m_views->setTabToolTip(
            0, tr("The transfer staircase, the error split and the use of every code"));
        m_views->setTabToolTip(
            1, tr("Every channel's range and SQNR; pick one to see its own histogram"));
        m_views->setTabToolTip(
            2, tr("SQNR over bits, error over the clip threshold, one outlier growing"));
        m_views->setTabToolTip(3, tr("Every tensor of the open file under the current scheme, "
                                     "with outlier flags; double-click one to open it"));
        m_views->setTabToolTip(4, tr("The tensor as a layer's weight W with activations X: "
                                     "SmoothQuant, a Hadamard rotation and LLM.int8(), judged at "
                                     "the output X·Wᵀ"));
    });
    m_centreSplitter = new GripSplitter(Qt::Vertical, this);
    m_centreSplitter->setObjectName(QStringLiteral("centreSplitter"));
    m_centreSplitter->addWidget(m_histogram);
    m_centreSplitter->addWidget(m_views);
    m_centreSplitter->setStretchFactor(0, 3);
    m_centreSplitter->setStretchFactor(1, 2);
    // The histogram above and the tables beside show W under the window's scheme; the Outliers
    // view has its own (X and W, before and after, and their measures) and needs the room.
    connect(m_views, &QTabWidget::currentChanged, this, [this] {
        const bool outliers = m_views->currentWidget() == m_outliers;
        m_histogram->setVisible(!outliers);
        if (m_tables != nullptr) {
            m_tables->setVisible(!outliers);
        }
    });
    return m_centreSplitter;
}

QWidget* MainWindow::buildRightColumn()
{
    m_metrics = new MetricsPanel(this);
    m_compare = new ComparePanel(this);
    m_shootout = new ShootoutPanel(this);
    m_comparisons = new QTabWidget(this);
    m_comparisons->setObjectName(QStringLiteral("comparisons"));
    m_comparisons->setDocumentMode(true);
    m_comparisons->addTab(m_compare, QString());
    m_comparisons->addTab(m_shootout, QString());
    m_walkthrough = new WalkthroughPanel(this);
    m_tables = new QTabWidget(this);
    m_tables->setObjectName(QStringLiteral("tables"));
    m_tables->addTab(m_metrics, QString());
    m_tables->addTab(m_comparisons, QString());
    m_tables->addTab(m_walkthrough, QString());
    m_texts->bind([this] {
        m_tables->setTabText(0, tr("Error"));
        m_tables->setTabText(1, tr("Compare"));
        m_tables->setTabText(2, tr("Walkthrough"));
        m_comparisons->setTabText(0, tr("Settings"));
        m_comparisons->setTabText(1, tr("Formats"));
    });
    m_tables->setMinimumWidth(300); // the error table's two columns; wider tables scroll
    return m_tables;
}

void MainWindow::buildStatusBar()
{
    m_sizeLabel = new QLabel(this);
    m_timeLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_texts->bind([this] { m_cancel->setText(tr("Cancel")); });
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_sizeLabel);
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_busyTimer.setSingleShot(true);
    m_busyTimer.setInterval(kBusyDelayMs);
    connect(&m_busyTimer, &QTimer::timeout, this, [this] {
        if (m_runner.isBusy()) {
            m_progress->show();
            m_cancel->show();
        }
    });
    connect(m_cancel, &QToolButton::clicked, this, [this] { m_runner.cancel(); });
}

void MainWindow::fitToScreen()
{
    setMinimumSize(kSmallestWindowSize);
    // The offscreen platform's screen is a nominal 800×600: there is nothing to fit, and a
    // picture (--screenshot) is drawn at the preferred size.
    const bool offscreen = QGuiApplication::platformName() == QLatin1String("offscreen");
    if (const QScreen* display = screen(); display != nullptr && !offscreen) {
        setGeometry(openingWindowGeometry(display->availableGeometry()));
    } else {
        resize(kPreferredWindowSize);
    }
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    for (QSplitter* splitter : {m_mainSplitter, m_centreSplitter, m_plotsSplitter}) {
        splitter->restoreState(settings.value("window/" + splitter->objectName()).toByteArray());
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    for (const QSplitter* splitter : {m_mainSplitter, m_centreSplitter, m_plotsSplitter}) {
        settings.setValue("window/" + splitter->objectName(), splitter->saveState());
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_sessions->maySafelyClose()) {
        event->ignore();
        return;
    }
    saveLayout();
    m_runner.cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    openFile(event->mimeData()->urls().first().toLocalFile());
}

void MainWindow::start(const TensorSource& source, const QuantSpec& spec, bool adoptStoredFormat)
{
    m_spec = spec;
    m_adoptStoredFormat = adoptStoredFormat;
    m_scheme->setSpec(spec);
    const TensorSource shown = m_files->firstTensorOf(source);
    m_source->setSource(shown);
    submit(shown);
}

QList<QPair<QString, QCustomPlot*>> MainWindow::exportablePlots() const
{
    return {
        {tr("&Histogram…"), m_histogram->plot()},
        {tr("&Transfer…"), m_transfer->plot()},
        {tr("&Error…"), m_error->plot()},
        {tr("&Code Usage…"), m_codes->plot()},
        {tr("Sc&ale Usage…"), m_scales->plot()},
        {tr("Channel &Ranges…"), m_channels->rangePlot()->rangePlot()},
        {tr("Channel &SQNR…"), m_channels->rangePlot()->sqnrPlot()},
        {tr("Picked C&hannel…"), m_channels->histogramPlot()->plot()},
        {tr("SQNR over &Bits…"), m_sweeps->plots()->bitsPlot()},
        {tr("Error over C&lip…"), m_sweeps->plots()->clipPlot()},
        {tr("Growing &Outlier…"), m_sweeps->plots()->outlierPlot()},
        {tr("SQNR over Bits per &Value…"), m_shootout->plots()->frontPlot()},
        {tr("Format &Errors…"), m_shootout->plots()->errorPlot()},
        {tr("&Worst Tensors…"), m_modelView->chart()->plot()},
    };
}

void MainWindow::openFile(const QString& path)
{
    m_files->openFile(path);
}

void MainWindow::chooseTensor(const FileSpec& file)
{
    m_files->chooseTensor(file);
}

void MainWindow::openTensor(const QString& name)
{
    m_files->openTensor(name);
}

QHash<QString, QWidget*> MainWindow::tableTabs() const
{
    return {{"error", m_metrics}, {"compare", m_comparisons}, {"walkthrough", m_walkthrough}};
}

QHash<QString, QWidget*> MainWindow::viewTabs() const
{
    return {{"quantizer", m_plotsSplitter},
            {"channels", m_channels},
            {"sweeps", m_sweeps},
            {"model", m_modelView},
            {"outliers", m_outliers}};
}

QString MainWindow::currentViewName() const
{
    return viewTabs().key(m_views->currentWidget());
}

QString MainWindow::currentTableName() const
{
    if (m_tables->currentWidget() == m_comparisons &&
        m_comparisons->currentWidget() == m_shootout) {
        return QStringLiteral("formats"); // the Compare tab's shoot-out
    }
    return tableTabs().key(m_tables->currentWidget());
}

bool MainWindow::showTab(const QString& name)
{
    const QHash<QString, QWidget*> tables = tableTabs();
    const QHash<QString, QWidget*> views = viewTabs();
    if (name == QStringLiteral("formats") || name == QStringLiteral("compare")) {
        m_comparisons->setCurrentWidget(
            name == QStringLiteral("formats") ? static_cast<QWidget*>(m_shootout) : m_compare);
        m_tables->setCurrentWidget(m_comparisons);
        return true;
    }
    if (tables.contains(name)) {
        m_tables->setCurrentWidget(tables.value(name));
        return true;
    }
    if (views.contains(name)) {
        m_views->setCurrentWidget(views.value(name));
        return true;
    }
    return false;
}

void MainWindow::giveViewsTheRoom()
{
    const int height = m_centreSplitter->height();
    if (height > 0) {
        m_centreSplitter->setSizes({height / 3, height - height / 3});
    }
}

TensorSource MainWindow::source() const
{
    return m_source->source();
}

ViewState MainWindow::viewState() const
{
    ViewState view;
    view.view = currentViewName().toStdString();
    view.table = currentTableName().toStdString();
    view.zoom = m_histogram->zoomedRange();
    view.outlierSigmas = m_histogram->outlierSigmas();
    view.logCounts = m_histogram->logScale();
    view.channel = m_channels->pickedGroup();
    view.shootoutBits = m_shootout->bitsClass();
    view.bestFormatBits = m_modelView->bestFormatBits();
    return view;
}

void MainWindow::applyViewState(const ViewState& view)
{
    m_histogram->setOutlierSigmas(view.outlierSigmas);
    m_histogram->setLogScale(view.logCounts);
    m_shootout->setBitsClass(view.shootoutBits);
    m_modelView->setBestFormatBits(view.bestFormatBits);
    showTab(QString::fromStdString(view.view));
    showTab(QString::fromStdString(view.table));
    connect(
        this, &MainWindow::snapshotShown, this,
        [this, view] {
            if (view.zoom) {
                m_histogram->zoomTo(view.zoom->first, view.zoom->second);
            }
            m_channels->pickGroup(view.channel);
        },
        Qt::SingleShotConnection);
}

bool MainWindow::isWorking() const
{
    return m_runner.isBusy() || m_channels->isComputing() || m_sweeps->isComputing() ||
           m_shootout->isComputing() || m_modelView->isComputing() || m_compare->isComputing() ||
           m_outliers->isComputing();
}

void MainWindow::requestSource(const TensorSource& source)
{
    submit(source);
}

void MainWindow::applySource(const TensorSource& source)
{
    m_source->setSource(source);
    m_adoptStoredFormat = true;
    requestSource(source);
}

bool MainWindow::adoptStoredFormat(const SnapshotPtr& snapshot)
{
    if (!m_adoptStoredFormat) {
        return false;
    }
    m_adoptStoredFormat = false;
    const auto& stored = snapshot->data->loaded.storedBlocks;
    const ggml::TypeInfo* type = stored ? ggml::typeById(stored->type) : nullptr;
    const auto format = type ? formatOfGgmlType(*type) : std::nullopt;
    if (!format || m_spec.format.format == *format) {
        return false;
    }
    QuantSpec spec = m_spec;
    spec.format = FormatSpec{};
    spec.format.format = *format;
    spec.calibration = CalibrationSpec{};
    applySpec(spec);
    return true;
}

void MainWindow::applySpec(const QuantSpec& spec)
{
    m_scheme->setSpec(spec);
    requestSpec(spec);
}

void MainWindow::requestSpec(const QuantSpec& spec)
{
    m_spec = spec;
    submit(std::nullopt);
}

void MainWindow::submit(std::optional<TensorSource> source)
{
    AnalysisRequest request;
    request.spec = m_spec;
    request.outlierSigmas = m_histogram->outlierSigmas();
    // A scheme change reuses the tensor being shown; before any, the panel's source is loaded.
    if (source || !m_snapshot) {
        request.source = source ? *source : m_source->source();
    } else {
        request.data = m_snapshot->data;
    }
    m_runner.submit(std::move(request));
}

void MainWindow::showSnapshot(const SnapshotPtr& snapshot)
{
    const bool newData = !m_snapshot || m_snapshot->data != snapshot->data;
    m_snapshot = snapshot;
    // A tensor the file stores quantized (a GGUF block type) opens on its own type, shown as
    // stored (analysed on the data just loaded); this snapshot is shown meanwhile.
    if (newData) {
        adoptStoredFormat(snapshot);
    }
    m_awaitingReplot = {m_histogram->plot(), m_transfer->plot(), m_error->plot(), m_codes->plot()};
    m_info->setSnapshot(snapshot);
    m_scheme->setTensorShape(snapshot->data->loaded.tensor.shape);
    m_histogram->setSnapshot(snapshot);
    m_transfer->setSnapshot(snapshot);
    m_error->setSnapshot(snapshot);
    m_codes->setSnapshot(snapshot);
    m_scales->setSnapshot(snapshot);
    m_metrics->setSnapshot(snapshot);
    m_compare->setSnapshot(snapshot);
    m_shootout->setSnapshot(snapshot);
    m_walkthrough->setSnapshot(snapshot);
    m_channels->setSnapshot(snapshot);
    m_sweeps->setSnapshot(snapshot);
    m_modelView->setSnapshot(snapshot);
    m_outliers->setSnapshot(snapshot);
    m_chooseTensorAction->setEnabled(m_files->currentFile() != nullptr);
    m_references->setFileShown(m_files->currentFile() != nullptr);
    showResultTexts();
    // Where a manual range starts when the user picks manual: the grid shown now.
    const PickedGrid shownGrid = pickedGrid(snapshot->current, 0);
    m_scheme->setCurrentRange(shownGrid.grid.lo, shownGrid.grid.hi);
    // What an exported plot's title line says (export/plot_title.h).
    const QString title = plotTitle(*snapshot);
    for (const auto& [label, plot] : exportablePlots()) {
        setExportTitle(plot, title);
    }
    if (const FileSpec* file = m_files->currentFile()) {
        setExportTitle(
            m_modelView->chart()->plot(),
            plotTitle(*snapshot, QFileInfo(QString::fromStdString(file->path)).fileName()));
    }
    emit snapshotShown(snapshot);
}

void MainWindow::showResultTexts()
{
    if (!m_snapshot) {
        setWindowTitle(tr("QuantScope"));
        return;
    }
    const Tensor& tensor = m_snapshot->data->loaded.tensor;
    const QString tensorName = QString::fromStdString(tensor.name);
    const QString session = m_sessions ? QFileInfo(m_sessions->path()).fileName() : QString();
    setWindowTitle(
        session.isEmpty()
            ? tr("QuantScope — %1").arg(tensorName)
            : tr("QuantScope — %1 — %2", "tensor, session file").arg(tensorName, session));
    m_sizeLabel->setText(tr("%1 values %2")
                             .arg(formatCount(tensor.values.size()),
                                  QString::fromStdString(shapeToString(tensor.shape))));
    m_timeLabel->setText(tr("computed in %1 ms").arg(m_snapshot->computeMilliseconds, 0, 'f', 1));
}

void MainWindow::startLesson(int number)
{
    m_lessons->start(number);
}

void MainWindow::onPlotReplotted(QObject* plot)
{
    if (m_awaitingReplot.remove(plot) && m_awaitingReplot.isEmpty()) {
        emit resultsDrawn();
    }
}

void MainWindow::offerWelcome()
{
    m_welcome->offer();
}

void MainWindow::showError(const QString& message)
{
    // One dialog with core's message; the window keeps showing the last good tensor, and with
    // none yet (a bad file named at start-up) it shows the demo rather than empty axes.
    if (m_snapshot) {
        m_source->setSource(m_snapshot->data->source);
    } else {
        start(demoSource(), demoSpec());
    }
    statusBar()->showMessage(message, 10000);
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("QuantScope"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace qs::ui
