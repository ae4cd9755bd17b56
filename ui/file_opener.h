#pragma once
// Opening files in the window: File → Open, drag and drop, Open Recent, the element type of a
// raw binary, and the tensor picker for a file of several tensors (a model file named without a
// tensor shows its first float tensor and offers the rest).

#include "io/tensor_source.h"

#include <QObject>
#include <QPointer>

class QMenu;

namespace qs::ui {

class MainWindow;

class FileOpener : public QObject
{
    Q_OBJECT

public:
    explicit FileOpener(MainWindow* window);

    // The File → Open dialog.
    void chooseFile();
    // File → Open Folder: a Hugging Face model folder (config.json beside its weights).
    void chooseFolder();
    // A file by path ("model.npz#layer1.weight" picks a tensor).
    void openFile(const QString& path);
    // The picker for `file`'s tensors (non-modal); choosing one loads it.
    void chooseTensor(const FileSpec& file);
    // Another tensor of the file being shown.
    void openTensor(const QString& name);
    // What to show for `source`: for a file of several tensors named without one, its first
    // float tensor, with the picker opened for the rest; else `source` itself.
    TensorSource firstTensorOf(const TensorSource& source);
    // The file of the tensor shown, if it came from one.
    const FileSpec* currentFile() const;
    // Open Recent: filled now and again whenever a file is opened.
    void setRecentMenu(QMenu* menu);

private:
    void rememberRecentFile(const QString& path);
    void fillRecentMenu();

    MainWindow* m_window;
    QPointer<QMenu> m_recentMenu;
};

} // namespace qs::ui
