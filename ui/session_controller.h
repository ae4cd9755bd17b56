#pragma once
// The window's side of sessions: what a .qscope file records of the window (tensor, scheme,
// view), applying one, File → Open / Save / Save As, and whether the window has changed since
// the session was last saved or opened.

#include "session/session.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace qs::ui {

class MainWindow;

class SessionController : public QObject
{
    Q_OBJECT

public:
    explicit SessionController(MainWindow* window);

    // The window's state as a session.
    Session capture() const;
    // Shows `session` (tensor, scheme, then the view once its results are in) and remembers
    // `path` as the current session file.
    void apply(const Session& session, const QString& path);
    // As apply, but a session whose tensor file has moved or gone first asks where it is now
    // (the locator); the file found replaces the old path, so the session counts as changed
    // until it is saved. False when the user gives no file (nothing changes then).
    bool applyLocatingFile(Session session, const QString& path);

    // Asks for the new place of a missing tensor file; empty for none. The default asks with a
    // message box offering "Locate file…" and a file dialog; tests put their own.
    using FileLocator = std::function<QString(const QString& missingPath)>;
    void setFileLocator(FileLocator locator) { m_locate = std::move(locator); }

    // Reads `path`; on error shows it and changes nothing. True when opened.
    bool open(const QString& path);
    // Writes the current state to `path` (atomically); on error shows it. True when saved.
    bool saveAs(const QString& path);

    // File-menu flows with dialogs (the save dialog asks before replacing a file).
    void openWithDialog();
    bool saveWithDialog(); // Save: to the current file, or ask where
    bool saveAsWithDialog();

    QString path() const { return m_path; }
    // A session is open or saved and the window no longer matches it.
    bool hasUnsavedChanges() const;
    // Before the window closes: true to go on (saved, discarded or nothing to save).
    bool maySafelyClose();

signals:
    // The current session file changed (opened, saved under a new name); empty for none.
    void pathChanged(const QString& path);

private:
    void showError(const QString& message);
    void setPath(const QString& path);
    QString askWhereTheFileIs(const QString& missingPath) const;

    MainWindow* m_window;
    QString m_path;
    std::optional<Session> m_saved;
    FileLocator m_locate;
};

} // namespace qs::ui
