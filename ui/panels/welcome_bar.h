#pragma once
// The bar across the top of a first run: what the demo shows, and the way into the lessons.
// Either button closes it for good (remembered in the settings).

#include <QFrame>

class QLabel;
class QPushButton;

namespace qs::ui {

class Retranslator;

class WelcomeBar : public QFrame
{
    Q_OBJECT

public:
    explicit WelcomeBar(QWidget* parent = nullptr);

    // Shows the bar unless it was closed in an earlier run.
    void offer();
    static bool wasDismissed();
    // Forgets the dismissal (tests).
    static void forget();

signals:
    void lessonRequested();

private:
    void dismiss();

    Retranslator* m_texts = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_lesson = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace qs::ui
