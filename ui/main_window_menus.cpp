// The menu bar of the main window: File, Data, Scheme, View and Help. Built anew on a language
// change (rebuildMenus), so every entry reads in the new language.

#include "export/plot_export_menu.h"
#include "export/plot_title.h"
#include "export/report_export_dialog.h"
#include "file_opener.h"
#include "generate/data_presets.h"
#include "i18n/language_menu.h"
#include "i18n/preset_texts.h"
#include "lessons/lessons.h"
#include "main_window.h"
#include "panels/model_panel.h"
#include "panels/outliers_panel.h"
#include "panels/shootout_panel.h"
#include "panels/source_panel.h"
#include "panels/sweeps_panel.h"
#include "panels/walkthrough_panel.h"
#include "plots/histogram_plot.h"
#include "quant/presets.h"
#include "reference_chooser.h"
#include "session_controller.h"

#include <QMenuBar>
#include <QMessageBox>
#include <QTabWidget>

namespace qs::ui {

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, m_files, &FileOpener::chooseFile);
    QAction* folder = file->addAction(tr("Open &Folder…"), m_files, &FileOpener::chooseFolder);
    folder->setObjectName(QStringLiteral("openFolder"));
    folder->setStatusTip(tr("A Hugging Face model folder: config.json beside its safetensors or "
                            "PyTorch weights (sharded through their index)"));
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentFiles"));
    m_files->setRecentMenu(recent);
    m_chooseTensorAction = file->addAction(tr("Choose &Tensor…"), this, [this] {
        if (const FileSpec* current = m_files->currentFile()) {
            chooseTensor(*current);
        }
    });
    m_chooseTensorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_chooseTensorAction->setEnabled(false);
    // X for the Outliers view, whose W is the tensor shown.
    QAction* activations = file->addAction(tr("Open &Activations…"), this, [this] {
        showTab(QStringLiteral("outliers"));
        m_outliers->chooseActivationsFile();
    });
    activations->setObjectName(QStringLiteral("openActivations"));
    activations->setStatusTip(tr("A tensor [tokens, inputs] as X for the Outliers view, whose "
                                 "weight W is the tensor shown"));
    m_references->addActions(file);
    file->addSeparator();
    file->addAction(tr("Open &Session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    [this] { m_sessions->openWithDialog(); });
    file->addAction(tr("&Save Session"), QKeySequence::Save, this,
                    [this] { m_sessions->saveWithDialog(); });
    file->addAction(tr("Save Session &As…"), QKeySequence::SaveAs, this,
                    [this] { m_sessions->saveAsWithDialog(); });
    file->addSeparator();
    file->addAction(tr("Export &Report…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        // With the Model view in front, the report of the whole file; with the Outliers view,
        // the experiment's.
        const auto model = m_modelView->shownReport();
        const auto outliers = m_outliers->shownReport();
        if (currentViewName() == QLatin1String("model") && model) {
            exportModelReportInteractively(*model, this);
        } else if (currentViewName() == QLatin1String("outliers") && outliers) {
            exportMitigationReportInteractively(*outliers, m_outliers->alphaScan(), this);
        } else {
            exportReportInteractively(m_snapshot, m_sweeps->hasResults(), this,
                                      m_shootout->shownFor(m_snapshot));
        }
    });
    QMenu* exportMenu = file->addMenu(tr("&Export Plot"));
    exportMenu->setObjectName(QStringLiteral("exportPlotMenu"));
    for (const auto& [label, plot] : exportablePlots()) {
        exportMenu->addAction(label, this,
                              [this, plot = plot] { exportPlotInteractively(plot, this); });
    }
    exportMenu->addSeparator();
    QAction* titleLine = exportMenu->addAction(tr("With a &Title Line"));
    titleLine->setObjectName(QStringLiteral("exportTitleLine"));
    titleLine->setCheckable(true);
    titleLine->setChecked(exportTitleWanted());
    titleLine->setToolTip(tr("Exported plots name the tensor and the scheme above the plot"));
    connect(titleLine, &QAction::toggled, this, [](bool on) { setExportTitleWanted(on); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* data = menuBar()->addMenu(tr("&Data"));
    data->addAction(tr("&Demo"), this, [this] { start(demoSource(), demoSpec()); });
    QMenu* presets = data->addMenu(tr("&Presets"));
    presets->setToolTipsVisible(true);
    for (const DataPreset& preset : dataPresets()) {
        QAction* action = presets->addAction(dataPresetTitle(preset), this,
                                             [this, id = std::string(preset.name)] {
                                                 const TensorSource source = PresetSpec{id};
                                                 m_source->setSource(source);
                                                 requestSource(source);
                                             });
        action->setToolTip(dataPresetToolTip(preset));
        action->setStatusTip(action->toolTip());
    }

    QMenu* scheme = menuBar()->addMenu(tr("&Scheme"));
    scheme->setObjectName(QStringLiteral("schemeMenu"));
    scheme->setToolTipsVisible(true);
    scheme->addAction(tr("&Tutorial defaults"), this, [this] { applySpec(QuantSpec{}); });
    QMenu* frameworks = scheme->addMenu(tr("&Framework presets"));
    frameworks->setObjectName(QStringLiteral("frameworkPresets"));
    frameworks->setToolTipsVisible(true);
    for (const SchemePreset& preset : schemePresets()) {
        const QString description = schemePresetToolTip(preset);
        QAction* action = frameworks->addAction(schemePresetTitle(preset), this,
                                                [this, spec = preset.spec] { applySpec(spec); });
        action->setToolTip(description);
        action->setStatusTip(description);
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* log = view->addAction(tr("&Log counts"));
    log->setCheckable(true);
    log->setChecked(m_histogram->logScale());
    connect(log, &QAction::toggled, m_histogram, &HistogramPlot::setLogScale);
    // One state, two views of it: the menu item follows the box and a restored session.
    connect(m_histogram, &HistogramPlot::logScaleChanged, log, &QAction::setChecked);
    view->addAction(tr("Show &walkthrough"), this,
                    [this] { m_tables->setCurrentWidget(m_walkthrough); });
    view->addAction(tr("Show &compare table"), this,
                    [this] { showTab(QStringLiteral("compare")); });
    view->addSeparator();
    fillLanguageMenu(view->addMenu(tr("&Language")));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QMenu* lessonsMenu = help->addMenu(tr("&Lessons"));
    lessonsMenu->setObjectName(QStringLiteral("lessonsMenu"));
    for (const Lesson& lesson : lessons()) {
        lessonsMenu->addAction(tr("%1. %2").arg(lesson.number).arg(lesson.title()), this,
                               [this, number = lesson.number] { startLesson(number); });
    }
    help->addSeparator();
    help->addAction(tr("&About QuantScope"), this, [this] {
        QMessageBox::about(
            this, tr("About QuantScope"),
            tr("<b>QuantScope</b><p>See what quantization does to a tensor: where values are "
               "clipped (截断), which codes go unused, what one outlier does to the scale.</p>"
               "<p>GPL-3.0-or-later. Plots by QCustomPlot.</p>"));
    });
}

void MainWindow::rebuildMenus()
{
    setMenuBar(new QMenuBar(this)); // deletes the old one with its menus
    buildMenus();
    m_chooseTensorAction->setEnabled(m_files->currentFile() != nullptr);
    m_references->setFileShown(m_files->currentFile() != nullptr);
}

} // namespace qs::ui
