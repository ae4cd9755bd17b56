#include "panels/outliers_panel.h"

#include "column_scroll_area.h"
#include "dialog_folders.h"
#include "dialogs/tensor_picker.h"
#include "grip_splitter.h"
#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "io/archive_factory.h"
#include "mitigation_text.h"
#include "panels/job_status_bar.h"
#include "panels/measures_page.h"
#include "panels/mitigation_controls.h"
#include "plots/alpha_scan_plot.h"
#include "plots/channel_max_plot.h"
#include "plots/output_channel_plot.h"
#include "plots/side_histograms.h"
#include "theme.h"

#include <QFileDialog>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace qs::ui {
namespace {

constexpr int kBusyDelayMs = 300; // a slider's recomputation is quicker: no bar flashes for it

enum Page
{
    MessagePage,
    ResultsPage,
};

} // namespace

OutliersPanel::OutliersPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_controls = new MitigationControls(this);
    auto* controls = new ColumnScrollArea(m_controls, this);
    controls->setObjectName(QStringLiteral("outliersControls"));
    // As wide as the controls need (the scroll area scrolls only down), in either language.
    const auto fitControls = [this, controls] {
        controls->setMinimumWidth(m_controls->minimumSizeHint().width() +
                                  controls->verticalScrollBar()->sizeHint().width() +
                                  2 * controls->frameWidth());
    };
    fitControls();

    auto* split = new GripSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("outliersSplitter"));
    split->addWidget(controls);
    split->addWidget(buildResults());
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({290, 700});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(kBusyDelayMs);
    connect(&m_busyDelay, &QTimer::timeout, this, [this] {
        if (const auto running = runningMessage(); running && !m_statusRunning) {
            m_status->start(running);
            m_statusRunning = true;
        }
    });
    connect(&m_runner, &MitigationRunner::progressChanged, m_status, &JobStatusBar::setProgress);
    connect(&m_runner, &MitigationRunner::busyChanged, this, &OutliersPanel::updateStatus);
    connect(&m_runner, &MitigationRunner::resultsChanged, this, &OutliersPanel::onResults);
    connect(&m_runner, &MitigationRunner::alphaScanned, this, &OutliersPanel::applyAutoAlpha);
    connect(m_status, &JobStatusBar::cancelRequested, this, [this] {
        m_autoPending = false;
        m_runner.cancel();
        applyAutoAlpha(); // Auto is free again
        updateStatus();
    });
    connect(m_controls, &MitigationControls::settingsChanged, this, [this] {
        request();
        showResults(); // a refused name says so at once; α's marker follows the slider
    });
    connect(m_controls, &MitigationControls::activationsChanged, this, &OutliersPanel::request);
    connect(m_controls, &MitigationControls::autoAlphaRequested, this,
            &OutliersPanel::chooseAlphaAutomatically);
    connect(m_controls, &MitigationControls::openActivationsRequested, this,
            &OutliersPanel::chooseActivationsFile);
    connect(m_plotTabs, &QTabWidget::currentChanged, this, [this] {
        request(); // the α tab scans
        showVisiblePlots();
    });
    m_texts->onChange([this, fitControls] {
        fitControls();
        showResults();
        updateStatus();
    });
    showResults();
}

OutliersPanel::~OutliersPanel() = default; // the runner's trackers cancel and wait

QWidget* OutliersPanel::buildResults()
{
    auto* column = new QWidget(this);
    m_headline = new QLabel(column);
    m_headline->setObjectName(QStringLiteral("outputSqnrHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    QFont large = m_headline->font();
    large.setPointSizeF(large.pointSizeF() * 1.25);
    m_headline->setFont(large);
    m_status = new JobStatusBar(QStringLiteral("outliers"), column);

    m_messagePage = new QWidget(column);
    m_message = new QLabel(m_messagePage);
    m_message->setObjectName(QStringLiteral("outliersMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generateWeight = new QPushButton(m_messagePage);
    m_generateWeight->setObjectName(QStringLiteral("generateWeight"));
    m_texts->bind([this] {
        const GenerateSpec spec = generatedWeight();
        m_generateWeight->setText(
            tr("Generate a weight W %1").arg(QString::fromStdString(shapeToString(spec.shape))));
        m_generateWeight->setToolTip(tr("Normal values with σ = %1, as a freshly initialised "
                                        "layer's; the window shows it as its tensor")
                                         .arg(spec.std));
    });
    connect(m_generateWeight, &QPushButton::clicked, this,
            [this] { emit weightRequested(generatedWeight()); });
    auto* messageLayout = new QVBoxLayout(m_messagePage);
    messageLayout->addStretch(1);
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_generateWeight, 0, Qt::AlignHCenter);
    messageLayout->addStretch(1);

    m_measuresPage = new MeasuresPage(column);
    m_channels = new ChannelMaxPlot(column);
    m_channels->setObjectName(QStringLiteral("channelMaxima"));
    m_activationHistograms =
        new SideHistograms(Operand::Activations, QStringLiteral("activationHistogram"), column);
    m_weightHistograms =
        new SideHistograms(Operand::Weight, QStringLiteral("weightHistogram"), column);
    m_outputChannels = new OutputChannelPlot(column);
    m_alpha = new AlphaScanPlot(column);
    m_plotTabs = new QTabWidget(column);
    m_plotTabs->setObjectName(QStringLiteral("outliersTabs"));
    m_plotTabs->setDocumentMode(true);
    m_plotTabs->setUsesScrollButtons(true);
    for (QWidget* page :
         std::initializer_list<QWidget*>{m_measuresPage, m_channels, m_activationHistograms,
                                         m_weightHistograms, m_outputChannels, m_alpha}) {
        m_plotTabs->addTab(page, QString());
    }
    m_texts->bind([this] {
        const QStringList names = {tr("Measures"), tr("Channel max"), tr("X values"),
                                   tr("W values"), tr("Per output"),  tr("SQNR(α)")};
        const QStringList tips = {
            tr("Output SQNR and each side's SQNR, kurtosis and max/σ, before and after"),
            tr("Per input channel: max |x| of X and max |w| of W, before and after — the "
               "difficulty the transforms move"),
            tr("The activations' values and grid, before and after"),
            tr("The weight's values and grid, before and after"),
            tr("How the output SQNR is spread over the output channels"),
            tr("Output SQNR for every α of SmoothQuant, the other transforms as set")};
        for (int i = 0; i < names.size(); ++i) {
            m_plotTabs->setTabText(i, names[i]);
            m_plotTabs->setTabToolTip(i, tips[i]);
        }
    });

    m_pages = new QStackedWidget(column);
    m_pages->addWidget(m_messagePage);
    m_pages->addWidget(m_plotTabs);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);
    return column;
}

void OutliersPanel::chooseActivationsFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open activations"), dialogFolder(DialogKind::Tensors),
        tr("Tensors and models (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin "
           "*.ckpt *.json *.csv *.tsv *.txt);;All files (*)"));
    rememberDialogFolder(DialogKind::Tensors, path);
    if (!path.isEmpty()) {
        openActivations(path);
    }
}

void OutliersPanel::openActivations(const QString& path)
{
    const FileSpec file = parseInputLocation(path.toStdString());
    if (file.tensorName.empty()) {
        // A file of several tensors: the same picker the window opens for one.
        if (auto archive = openTensorArchive(file); archive && (*archive)->entries().size() > 1) {
            auto* picker = new TensorPicker(QString::fromStdString(file.path),
                                            (*archive)->entries(), (*archive)->metadata(), this);
            picker->setObjectName(QStringLiteral("activationsPicker"));
            picker->setAttribute(Qt::WA_DeleteOnClose);
            connect(picker, &QDialog::accepted, this, [this, picker, file] {
                FileSpec chosen = file;
                chosen.tensorName = picker->chosenName().toStdString();
                useActivationsFile(chosen);
            });
            picker->open();
            return;
        }
    }
    useActivationsFile(file); // a file that does not open says why when X is loaded
}

void OutliersPanel::useActivationsFile(const FileSpec& file)
{
    m_controls->setActivationsFile(file); // starts the new problem
}

MitigationMeasuresModel* OutliersPanel::measures() const
{
    return m_measuresPage->model();
}

GenerateSpec OutliersPanel::generatedWeight()
{
    GenerateSpec spec;
    spec.distribution = Distribution::Normal;
    spec.shape = {1024, 1024};
    spec.std = 0.02;
    return spec;
}

void OutliersPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot || snapshot->data == m_weight) {
        return; // a new scheme for the same tensor: the weight is unchanged
    }
    m_weight = snapshot->data;
    const Tensor& w = m_weight->loaded.tensor;
    m_weightMessage.clear();
    std::size_t inputs = 0;
    if (w.shape.size() < 2) {
        m_weightMessage =
            tr("%1 %2 has one dimension: it cannot be the weight of a linear layer, which is a "
               "matrix [out, in] (a convolution's [out, in, kh, kw] counts as [out, in·kh·kw]). "
               "Open or generate a tensor of two or more dimensions to see outlier mitigation.")
                .arg(QString::fromStdString(w.name),
                     QString::fromStdString(shapeToString(w.shape)));
    } else if (w.shape.front() > 0) {
        inputs = w.values.size() / static_cast<std::size_t>(w.shape.front());
    }
    m_controls->setWeightInputs(inputs);
    request();
    showResults();
}

void OutliersPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    request();
    showResults();
}

void OutliersPanel::request()
{
    // Nothing runs for a hidden view, nor for a tensor that cannot be a weight.
    if (!isVisible() || !m_weight || !m_weightMessage.isEmpty()) {
        updateStatus();
        return;
    }
    const bool scan = m_autoPending || m_plotTabs->currentWidget() == m_alpha;
    m_runner.request({m_weight, m_controls->activations()}, m_controls->settings(), scan);
    updateStatus();
}

void OutliersPanel::onResults()
{
    showResults();
    updateStatus();
    if (showsCurrentSettings()) {
        emit resultsShown();
    }
}

void OutliersPanel::chooseAlphaAutomatically()
{
    m_autoPending = true;
    m_runner.resumeAfterCancel(); // pressing Auto asks anew for what Cancel stopped
    request();
    applyAutoAlpha(); // at once when the scan of these settings is shown already
}

void OutliersPanel::applyAutoAlpha()
{
    const auto& scan = m_runner.scan();
    const auto settings = m_controls->settings();
    bool ready = m_autoPending && scan && settings && scan->problem == m_runner.problem();
    if (ready) {
        MitigationSettings scanned = *settings;
        scanned.smoothAlpha.reset();
        ready = scan->settings == scanned;
    }
    if (ready) {
        m_autoPending = false;
        if (scan->scan) {
            const double alpha = scan->scan->bestAlpha();
            m_controls->setSmoothAlpha(alpha);
            emit alphaChosen(alpha);
        }
    }
    updateStatus();
}

bool OutliersPanel::showsCurrentSettings() const
{
    const auto settings = m_controls->settings();
    const auto& before = m_runner.before();
    const auto& after = m_runner.after();
    if (m_runner.isBusy() || !settings || !m_weight ||
        !m_runner.holds({m_weight, m_controls->activations()}) || !m_runner.problem() || !before ||
        before->settings != settings->withoutTransforms()) {
        return false;
    }
    return !settings->anyTransform() || (after && after->settings == *settings);
}

std::optional<MitigationReport> OutliersPanel::shownReport() const
{
    if (!showsCurrentSettings()) {
        return std::nullopt;
    }
    const MitigationProblem& problem = *m_runner.problem();
    MitigationReport report;
    report.weight = {problem.weight.name, problem.weight.shape, problem.weight.sourceDtype};
    report.activations = {problem.activations.name, problem.activations.shape,
                          problem.activations.sourceDtype};
    if (m_runner.syntheticActivations()) {
        report.synthetic = m_controls->activations().synthetic;
        report.synthetic->features = problem.inputs;
    }
    report.weightFormat = m_controls->weightFormat().toStdString();
    report.activationFormat = m_controls->activationFormat().toStdString();
    report.outputs = problem.outputs;
    report.inputs = problem.inputs;
    report.tokens = problem.tokens;
    report.settings = *m_controls->settings();
    report.before = *before();
    report.after = *after();
    // α counts as the scan's choice (the report's "auto") when a scan for these settings holds
    // it as its best.
    if (const auto scan = alphaScan(); scan && report.settings.smoothAlpha) {
        MitigationSettings scanned = report.settings;
        scanned.smoothAlpha.reset();
        if (m_runner.scan()->settings == scanned &&
            scan->bestAlpha() == *report.settings.smoothAlpha) {
            report.alphaScan = *scan;
        }
    }
    return report;
}

std::shared_ptr<const MitigationOutcome> OutliersPanel::before() const
{
    return m_runner.before() ? m_runner.before()->outcome : nullptr;
}

std::shared_ptr<const MitigationOutcome> OutliersPanel::after() const
{
    const auto settings = m_controls->settings();
    if (settings && !settings->anyTransform()) {
        return before();
    }
    return m_runner.after() ? m_runner.after()->outcome : nullptr;
}

std::shared_ptr<const AlphaScan> OutliersPanel::alphaScan() const
{
    return m_runner.scan() ? m_runner.scan()->scan : nullptr;
}

QString OutliersPanel::message() const
{
    return m_pages->currentIndex() == MessagePage ? m_message->text() : QString();
}

QString OutliersPanel::headline() const
{
    return m_headline->text();
}

QString OutliersPanel::statusText() const
{
    return m_status->text();
}

// What keeps the results from being shown: no weight, no problem, a format the shapes refuse.
QString OutliersPanel::failureText() const
{
    if (!m_weight) {
        return tr("Open or generate a weight: the window's tensor is W.");
    }
    if (!m_weightMessage.isEmpty()) {
        return m_weightMessage;
    }
    const auto refused = [](const auto& result) {
        return result && !result->error.isEmpty() && !result->cancelled;
    };
    const PreparedProblem& preparation = m_runner.preparation();
    if (!preparation.error.isEmpty() && !preparation.cancelled) {
        return preparation.error;
    }
    if (refused(m_runner.before())) {
        return m_runner.before()->error;
    }
    const auto settings = m_controls->settings();
    if (refused(m_runner.after()) && settings && settings->anyTransform()) {
        return m_runner.after()->error;
    }
    return {};
}

void OutliersPanel::showResults()
{
    if (const QString failure = failureText(); !failure.isEmpty()) {
        m_message->setText(failure);
        m_generateWeight->setVisible(!m_weight || !m_weightMessage.isEmpty());
        m_pages->setCurrentIndex(MessagePage);
        m_headline->clear();
        m_controls->showFloat16Channels(std::nullopt);
        return;
    }
    m_pages->setCurrentIndex(ResultsPage);
    const auto settings = m_controls->settings();
    const std::shared_ptr<const MitigationOutcome> b = before();
    const std::shared_ptr<const MitigationOutcome> a = after();
    if (b && a) {
        const double gain = a->outputSqnrDb - b->outputSqnrDb;
        const QString change = std::isfinite(gain)
                                   ? tr("%1%2 dB")
                                         .arg(gain >= 0 ? QStringLiteral("+") : QString())
                                         .arg(gain, 0, 'f', 2)
                                   : QString();
        m_headline->setText(
            settings && !settings->anyTransform()
                ? tr("Output SQNR: <b>%1</b> (no transform on: after is before)")
                      .arg(decibelText(b->outputSqnrDb))
                : tr("Output SQNR: %1 before → <b>%2</b> after (%3)")
                      .arg(decibelText(b->outputSqnrDb), decibelText(a->outputSqnrDb), change));
    } else {
        m_headline->setText(tr("Output SQNR: …"));
    }
    m_measuresPage->show(b, a);
    m_controls->showFloat16Channels(a && settings && settings->int8Threshold
                                        ? std::optional(a->float16Channels.size())
                                        : std::nullopt);
    showVisiblePlots();
}

void OutliersPanel::showVisiblePlots()
{
    // Only the tab in front is drawn; the others when they come to the front (a slider drag
    // repaints one page).
    if (m_pages->currentIndex() != ResultsPage) {
        return;
    }
    const std::shared_ptr<const MitigationOutcome> b = before();
    const std::shared_ptr<const MitigationOutcome> a = after();
    const auto settings = m_controls->settings();
    const QString transforms = settings ? transformsText(*settings) : QString();
    QWidget* page = m_plotTabs->currentWidget();
    if (page == m_channels) {
        m_channels->show(b, a, transforms);
    } else if (page == m_activationHistograms) {
        m_activationHistograms->show(b, a, transforms);
    } else if (page == m_weightHistograms) {
        m_weightHistograms->show(b, a, transforms);
    } else if (page == m_outputChannels) {
        m_outputChannels->show(b, a);
    } else if (page == m_alpha) {
        m_alpha->show(alphaScan(), b ? std::optional(b->outputSqnrDb) : std::nullopt,
                      settings ? settings->smoothAlpha : std::nullopt);
    }
}

std::function<QString()> OutliersPanel::runningMessage() const
{
    switch (m_runner.running()) {
    case MitigationWork::Problem:
        return [] {
            return tr("Computing the reference product X·Wᵀ in float64…");
        };
    case MitigationWork::Scan:
        return [] {
            return tr("Scanning SmoothQuant's α from 0 to 1…");
        };
    case MitigationWork::Evaluation:
        return [] {
            return tr("Quantizing both sides and multiplying…");
        };
    case MitigationWork::None:
        break;
    }
    return {};
}

void OutliersPanel::updateStatus()
{
    // Auto is pressed again only once its scan is over (or nothing runs to bring it).
    m_controls->setAutoRunning(m_autoPending && m_runner.isBusy());
    if (const auto running = runningMessage()) {
        if (m_statusRunning) {
            m_status->setText(running);
        } else if (m_runner.running() != MitigationWork::Evaluation) {
            m_status->start(running);
            m_statusRunning = true;
        } else if (!m_busyDelay.isActive()) {
            m_busyDelay.start(); // the bar shows only if the job still runs then
        }
        return;
    }
    m_busyDelay.stop();
    m_status->stop();
    m_statusRunning = false;
    if (m_runner.wasCancelled()) {
        m_status->setText([] { return tr("Cancelled. Change a setting to compute again."); });
    } else {
        m_status->setText([this] { return idleStatus(); });
    }
}

QString OutliersPanel::idleStatus() const
{
    const std::shared_ptr<const MitigationProblem>& problem = m_runner.problem();
    if (!problem) {
        return {};
    }
    const QString x = QString::fromStdString(shapeToString(problem->activations.shape));
    const QString w = QString::fromStdString(shapeToString(problem->weight.shape));
    const QString weightName = QString::fromStdString(problem->weight.name);
    return m_runner.syntheticActivations()
               ? tr("Y = X·Wᵀ with synthetic X %1 and W %2 %3, measured against the float64 "
                    "product")
                     .arg(x, weightName, w)
               : tr("Y = X·Wᵀ with X %1 %2 and W %3 %4, measured against the float64 product")
                     .arg(QString::fromStdString(problem->activations.name), x, weightName, w);
}

} // namespace qs::ui
