#pragma once
// The window's side of sessions: what a .qscope file records of the window (tensor, scheme,
// view), applying one, File → Open / Save / Save As, and whether the window has changed since
// the session was last saved or opened.

#include "session/session.h"

#include <QObject>
#include <QString>

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

private:
    void showError(const QString& message);

    MainWindow* m_window;
    QString m_path;
    std::optional<Session> m_saved;
};

} // namespace qs::ui
