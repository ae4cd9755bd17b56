#pragma once
// File dialogs open in the folder where the user last chose a file of the same kind, also in a
// later run (remembered in the settings); the first time, in the home folder.

#include <QString>

namespace qs::ui {

enum class DialogKind
{
    Tensors,  // tensors, model files and reference files to open
    Sessions, // .qscope files opened and saved
    Exports,  // reports and plots written
};

// The folder a dialog of this kind starts in.
QString dialogFolder(DialogKind kind);
// `fileName` in that folder: the start of a save dialog.
QString inDialogFolder(DialogKind kind, const QString& fileName);
// Remembers the folder of `chosenPath` (a file, or a folder itself) for the next dialog of this
// kind; an empty path (the dialog was cancelled) changes nothing.
void rememberDialogFolder(DialogKind kind, const QString& chosenPath);

} // namespace qs::ui
