#include "dialog_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace qs::ui {
namespace {

QString settingsKey(DialogKind kind)
{
    switch (kind) {
    case DialogKind::Tensors:
        return QStringLiteral("dialogFolders/tensors");
    case DialogKind::Sessions:
        return QStringLiteral("dialogFolders/sessions");
    case DialogKind::Exports:
        return QStringLiteral("dialogFolders/exports");
    }
    return QStringLiteral("dialogFolders/other");
}

} // namespace

QString dialogFolder(DialogKind kind)
{
    const QString folder = QSettings().value(settingsKey(kind)).toString();
    // A remembered folder that has since gone would open the dialog somewhere arbitrary.
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
}

QString inDialogFolder(DialogKind kind, const QString& fileName)
{
    return QDir(dialogFolder(kind)).filePath(fileName);
}

void rememberDialogFolder(DialogKind kind, const QString& chosenPath)
{
    if (chosenPath.isEmpty()) {
        return;
    }
    const QFileInfo chosen(chosenPath);
    QSettings().setValue(settingsKey(kind),
                         chosen.isDir() ? chosen.absoluteFilePath() : chosen.absolutePath());
}

} // namespace qs::ui
