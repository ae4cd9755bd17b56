#pragma once
// The line above a view whose work runs in the background: what the view shows or does, and
// while it works a progress bar (per mille) and Cancel. Messages are given as functions that
// build them with tr(), so a language change rewrites the message shown.

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace qs::ui {

class Retranslator;

class JobStatusBar : public QWidget
{
    Q_OBJECT

public:
    // `name` prefixes the children's object names (NAMEStatus, NAMEProgress, NAMECancel).
    JobStatusBar(const QString& name, QWidget* parent);

    using Message = std::function<QString()>;

    QString text() const;
    void setText(Message message);
    // Shows `message` with the progress bar at 0 and Cancel.
    void start(Message message);
    void setProgress(int permille);
    // Hides the progress bar and Cancel.
    void stop();

signals:
    void cancelRequested();

private:
    QLabel* m_status = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    Message m_message;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace qs::ui
