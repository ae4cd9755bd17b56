#pragma once
// File → Compare with Reference…: the float file a quantized model file is measured against,
// picked in a file dialog — or, with Compare with Reference Folder…, a Hugging Face folder — and
// handed to the Model view, which comes to the front. File → Clear Reference drops it.

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMenu;

namespace qs::ui {

class MainWindow;
class ModelPanel;

class ReferenceChooser : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        File,
        Folder
    };
    // Asks for a path of `kind`; empty when dismissed.
    using Dialog = std::function<QString(Kind)>;

    ReferenceChooser(MainWindow* window, ModelPanel* panel);

    // Adds the three actions to `menu` (again whenever the menus are rebuilt).
    void addActions(QMenu* menu);
    // Comparing needs a file: the actions follow whether the source shown is one.
    void setFileShown(bool shown);
    // Asks for a reference of `kind` and compares with it.
    void choose(Kind kind);
    // Answers in place of the file and folder dialogs, which block (for tests); empty: the
    // dialogs again.
    void setDialog(Dialog dialog) { m_dialog = std::move(dialog); }

private:
    QString ask(Kind kind) const;
    void updateActions();

    MainWindow* m_window;
    ModelPanel* m_panel;
    Dialog m_dialog;
    bool m_fileShown = false;
    QPointer<QAction> m_chooseFile;
    QPointer<QAction> m_chooseFolder;
    QPointer<QAction> m_clear;
};

} // namespace qs::ui
