#include "reference_chooser.h"

#include "dialog_folders.h"
#include "main_window.h"
#include "panels/model_panel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

namespace qs::ui {

ReferenceChooser::ReferenceChooser(MainWindow* window, ModelPanel* panel)
    : QObject(window), m_window(window), m_panel(panel)
{
    connect(m_panel, &ModelPanel::referenceChanged, this, &ReferenceChooser::updateActions);
}

void ReferenceChooser::addActions(QMenu* menu)
{
    m_chooseFile =
        menu->addAction(tr("Compare with &Reference…"), this, [this] { choose(Kind::File); });
    m_chooseFile->setObjectName(QStringLiteral("compareWithReference"));
    m_chooseFile->setStatusTip(tr("Measure the stored values of the open file against a float "
                                  "file (.gguf, .safetensors, an index, ...) in the Model view"));
    m_chooseFolder = menu->addAction(tr("Compare with Reference Fol&der…"), this,
                                     [this] { choose(Kind::Folder); });
    m_chooseFolder->setObjectName(QStringLiteral("compareWithReferenceFolder"));
    m_chooseFolder->setStatusTip(tr("The same against a Hugging Face folder: its "
                                    "model.safetensors, or the shards its index lists"));
    m_clear = menu->addAction(tr("Clear Refere&nce"), m_panel, &ModelPanel::clearReference);
    m_clear->setObjectName(QStringLiteral("clearReference"));
    updateActions();
}

void ReferenceChooser::setFileShown(bool shown)
{
    m_fileShown = shown;
    updateActions();
}

void ReferenceChooser::updateActions()
{
    for (QAction* action : {m_chooseFile.data(), m_chooseFolder.data()}) {
        if (action != nullptr) {
            action->setEnabled(m_fileShown);
        }
    }
    if (m_clear) {
        m_clear->setEnabled(!m_panel->reference().isEmpty());
    }
}

void ReferenceChooser::choose(Kind kind)
{
    if (!m_fileShown) {
        return;
    }
    const QString path = m_dialog ? m_dialog(kind) : ask(kind);
    if (path.isEmpty()) {
        return;
    }
    m_window->showTab(QStringLiteral("model")); // the view runs its jobs only while shown
    m_panel->setReference(path);
}

QString ReferenceChooser::ask(Kind kind) const
{
    // Beside the quantized file: its float source is usually there.
    QString folder = dialogFolder(DialogKind::Tensors);
    const TensorSource source = m_window->source();
    if (const auto* file = std::get_if<FileSpec>(&source)) {
        folder = QFileInfo(QString::fromStdString(file->path)).absolutePath();
    }
    QString path;
    if (kind == Kind::Folder) {
        path = QFileDialog::getExistingDirectory(m_window, tr("Compare with a Hugging Face folder"),
                                                 folder);
    } else {
        path = QFileDialog::getOpenFileName(
            m_window, tr("Compare with a reference file"), folder,
            tr("Float tensors and models (*.gguf *.safetensors *.json *.npz *.onnx *.pt *.pth "
               "*.bin *.ckpt *.npy);;"
               "All files (*)"));
    }
    rememberDialogFolder(DialogKind::Tensors, path);
    return path;
}

} // namespace qs::ui
