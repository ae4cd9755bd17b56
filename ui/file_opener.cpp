#include "file_opener.h"

#include "dialog_folders.h"
#include "dialogs/tensor_picker.h"
#include "i18n/core_texts.h"
#include "io/archive_factory.h"
#include "io/tensor_archive.h"
#include "io/torch_archive.h"
#include "main_window.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QSettings>

namespace qs::ui {
namespace {

constexpr int kMaxRecentFiles = 8;
const char* const kRecentFilesKey = "recentFiles";

bool isRawFile(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        return false;
    }
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("bin")) { // pytorch_model.bin, or numbers
        return !looksLikeTorchFile(path.toStdString());
    }
    return suffix == QLatin1String("dat") || suffix == QLatin1String("raw");
}

} // namespace

FileOpener::FileOpener(MainWindow* window) : QObject(window), m_window(window) {}

const FileSpec* FileOpener::currentFile() const
{
    const SnapshotPtr snapshot = m_window->snapshot();
    return snapshot ? std::get_if<FileSpec>(&snapshot->data->source) : nullptr;
}

void FileOpener::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open a tensor"), dialogFolder(DialogKind::Tensors),
        tr("Tensors and models (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin "
           "*.ckpt *.json *.csv *.tsv *.txt);;"
           "Raw binary (*.bin *.dat *.raw);;All files (*)"));
    rememberDialogFolder(DialogKind::Tensors, path);
    if (!path.isEmpty()) {
        openFile(path);
    }
}

void FileOpener::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(m_window, tr("Open a model folder"),
                                                           dialogFolder(DialogKind::Tensors));
    if (!path.isEmpty()) { // next time, start beside this model rather than inside it
        rememberDialogFolder(DialogKind::Tensors, QFileInfo(path).absolutePath());
    }
    if (!path.isEmpty()) {
        openFile(path);
    }
}

void FileOpener::openFile(const QString& path)
{
    FileSpec file = parseInputLocation(path.toStdString());
    if (isRawFile(QString::fromStdString(file.path))) {
        bool ok = false;
        const QString dtype = QInputDialog::getItem(
            m_window, tr("Raw binary"), tr("Element type of %1").arg(path),
            {"<f4", "<f2", "<f8", "<i1", "<u1", "<i2", "<i4", ">f4"}, 0, true, &ok);
        auto raw = rawSpecFromDtype(dtype.toStdString());
        if (!ok || !raw) {
            return;
        }
        file.raw = *raw;
    } else if (file.tensorName.empty()) {
        if (auto archive = openTensorArchive(file); archive && (*archive)->entries().size() > 1) {
            chooseTensor(file); // loads once the user picks
            rememberRecentFile(path);
            return;
        }
    }
    m_window->applySource(file);
    rememberRecentFile(path);
}

void FileOpener::chooseTensor(const FileSpec& file)
{
    auto archive = openTensorArchive(file);
    if (!archive) {
        m_window->showError(errorText(archive.error()));
        return;
    }
    auto* picker = new TensorPicker(QString::fromStdString(file.path), (*archive)->entries(),
                                    (*archive)->metadata(), m_window);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    if (const FileSpec* current = currentFile(); current && current->path == file.path) {
        picker->select(QString::fromStdString(current->tensorName));
    }
    connect(picker, &QDialog::accepted, this, [this, picker, file] {
        FileSpec chosen = file;
        chosen.tensorName = picker->chosenName().toStdString();
        m_window->applySource(chosen);
        if (picker->wantsModelView()) {
            m_window->showTab(QStringLiteral("model"));
        }
    });
    picker->open();
}

void FileOpener::openTensor(const QString& name)
{
    if (const FileSpec* current = currentFile()) {
        FileSpec chosen = *current;
        chosen.tensorName = name.toStdString();
        m_window->applySource(chosen);
    }
}

TensorSource FileOpener::firstTensorOf(const TensorSource& source)
{
    const auto* file = std::get_if<FileSpec>(&source);
    if (file == nullptr || !file->tensorName.empty()) {
        return source;
    }
    auto archive = openTensorArchive(*file);
    if (!archive || (*archive)->entries().size() <= 1) {
        return source;
    }
    FileSpec first = *file;
    for (const TensorEntry& entry : (*archive)->entries()) {
        if (entry.floating && entry.unsupported.empty()) {
            first.tensorName = entry.name;
            break;
        }
    }
    chooseTensor(*file);
    return first;
}

void FileOpener::setRecentMenu(QMenu* menu)
{
    m_recentMenu = menu;
    fillRecentMenu();
}

void FileOpener::rememberRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(kRecentFilesKey).toStringList();
    files.removeAll(path);
    files.prepend(path);
    settings.setValue(kRecentFilesKey, files.mid(0, kMaxRecentFiles));
    fillRecentMenu();
}

void FileOpener::fillRecentMenu()
{
    if (!m_recentMenu) {
        return;
    }
    m_recentMenu->clear();
    const QStringList files = QSettings().value(kRecentFilesKey).toStringList();
    for (const QString& path : files) {
        m_recentMenu->addAction(path, this, [this, path] { openFile(path); });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

} // namespace qs::ui
