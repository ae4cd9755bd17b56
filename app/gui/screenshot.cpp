#include "gui/screenshot.h"

#include "common/cli_support.h"
#include "main_window.h"
#include "plots/histogram_plot.h"

#include <QApplication>
#include <QPixmap>
#include <QSaveFile>
#include <QTimer>
#include <qcustomplot.h>

#include <cstdio>
#include <memory>

namespace qs::gui {
namespace {

constexpr int kTimeoutMs = 120000;
constexpr int kSettleMs = 300; // longer than the histogram's re-bin delay

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
    // The picture must show the final state: after the first results are drawn, wait until no
    // work runs and nothing has been redrawn for a moment (a zoom re-bins, after a short delay).
    auto* settle = new QTimer(&window);
    settle->setSingleShot(true);
    settle->setInterval(kSettleMs);
    auto drawn = std::make_shared<bool>(false);
    QObject::connect(settle, &QTimer::timeout, &window, [&window, save, drawn, settle] {
        if (*drawn && !window.isWorking()) {
            save();
        } else {
            settle->start();
        }
    });
    QObject::connect(&window, &qs::ui::MainWindow::resultsDrawn, &window, [drawn, settle] {
        *drawn = true;
        settle->start();
    });
    QObject::connect(window.histogramPlot()->plot(), &QCustomPlot::afterReplot, settle, [settle] {
        if (settle->isActive()) {
            settle->start();
        }
    });
    // Exit as the command line does for the same failure: 3 for a bad file, 2 for options that
    // do not fit the tensor.
    QObject::connect(runner, &qs::ui::AnalysisRunner::failed, &window,
                     [](const QString& message, quint64, bool inputRejected) {
                         finish(inputRejected ? cli::kExitBadInput : cli::kExitUsage,
                                QStringLiteral("error: %1").arg(message));
                     });
    QTimer::singleShot(kTimeoutMs, &window,
                       [] { finish(1, QStringLiteral("error: no results drawn in time")); });
}

} // namespace qs::gui
