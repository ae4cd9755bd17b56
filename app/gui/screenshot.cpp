#include "gui/screenshot.h"

#include "main_window.h"

#include <QApplication>
#include <QPixmap>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>

namespace qs::gui {
namespace {

constexpr int kTimeoutMs = 120000;

void finish(int code, const QString& message)
{
    if (!message.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
    }
    QApplication::exit(code);
}

} // namespace

void screenshotWhenDrawn(qs::ui::MainWindow& window, const QString& path)
{
    auto* runner = window.runner();
    auto save = [&window, path] {
        QSaveFile file(path);
        const QPixmap picture = window.grab();
        if (!file.open(QIODevice::WriteOnly) || !picture.save(&file, "PNG") || !file.commit()) {
            finish(1, QStringLiteral("error: %1: cannot write the screenshot (%2)")
                          .arg(path, file.errorString()));
            return;
        }
        finish(0, {});
    };
    // Drawn and nothing more queued: the picture shows the final state, not an intermediate one.
    QObject::connect(&window, &qs::ui::MainWindow::resultsDrawn, &window, [runner, save] {
        if (!runner->isBusy()) {
            QTimer::singleShot(0, save);
        }
    });
    QObject::connect(runner, &qs::ui::AnalysisRunner::failed, &window, [](const QString& message) {
        finish(1, QStringLiteral("error: %1").arg(message));
    });
    QTimer::singleShot(kTimeoutMs, &window,
                       [] { finish(1, QStringLiteral("error: no results drawn in time")); });
}

} // namespace qs::gui
