#pragma once
// The line above a view whose work runs in the background: what the view shows or does, and
// while it works a progress bar (per mille) and Cancel.

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace qs::ui {

class JobStatusBar : public QWidget
{
    Q_OBJECT

public:
    // `name` prefixes the children's object names (NAMEStatus, NAMEProgress, NAMECancel).
    JobStatusBar(const QString& name, QWidget* parent);

    QString text() const;
    void setText(const QString& text);
    // Shows `message` with the progress bar at 0 and Cancel.
    void start(const QString& message);
    void setProgress(int permille);
    // Hides the progress bar and Cancel.
    void stop();

signals:
    void cancelRequested();

private:
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace qs::ui
