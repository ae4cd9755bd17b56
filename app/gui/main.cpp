// quantscope: the QuantScope window.

#include "common/cli_support.h"
#include "gui/gui_options.h"
#include "gui/screenshot.h"
#include "i18n/language.h"
#include "io/temporary_files.h"
#include "main_window.h"
#include "plots/histogram_plot.h"
#include "session_controller.h"
#include "window_benchmark.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    qs::removeTemporaryFilesOnSignals(); // an export killed half way leaves no .part file behind
    if (qs::gui::asksForVersion(argc, argv)) {
        std::printf("%s\n", qs::gui::versionText().c_str());
        return 0;
    }
    const std::string sessionPath = qs::gui::takeSessionArgument(argc, argv);
    QApplication app(argc, argv); // takes Qt's own options (-platform, ...) out of argv
    QApplication::setOrganizationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationVersion(QStringLiteral(QUANTSCOPE_VERSION));
    // The installed desktop entry's name: Wayland shells find the window's icon and name by it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.quantscope.QuantScope"));

    CLI::App parser{"QuantScope: see what quantization does to a tensor.", "quantscope"};
    qs::gui::GuiOptions options;
    qs::gui::addGuiOptions(parser, options);
    try {
        parser.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return parser.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return parser.exit(version);
    } catch (const CLI::ParseError& error) {
        return qs::cli::reportUsageError(std::string(error.what()) + " (see quantscope --help)");
    }

    options.session.load = sessionPath;
    if (const auto placed = qs::gui::placeFileArgument(options); !placed) {
        return qs::cli::reportUsageError(placed.error().message + " (see quantscope --help)");
    }
    // A screenshot never waits on a dialog: there a moved tensor file is the error it is in the
    // command line; in the window, the user is asked where it went.
    const auto session =
        qs::cli::loadSessionOption(parser, options.session, options.screenshot.empty());
    if (!session) {
        return qs::cli::reportError(session.error());
    }
    qs::ui::setLanguage(options.language.empty() ? qs::ui::preferredLanguage()
                                                 : QString::fromStdString(options.language));
    qs::ui::MainWindow window;
    const auto state = qs::gui::startState(options, qs::ui::MainWindow::demoSource(),
                                           qs::ui::MainWindow::demoSpec());
    if (!state) {
        return qs::cli::reportError(state.error());
    }
    if (!options.screenshot.empty()) {
        qs::gui::screenshotWhenDrawn(window, QString::fromStdString(options.screenshot));
    }
    if (options.zoom.size() == 2) {
        // Once the first results are in; a zoom before them would be reset by the first drawing.
        QObject::connect(
            &window, &qs::ui::MainWindow::snapshotShown, &window,
            [&window, zoom = options.zoom] { window.histogramPlot()->zoomTo(zoom[0], zoom[1]); },
            Qt::SingleShotConnection);
    }
    window.show();
    if (options.benchmark) {
        qs::bench::runUiBenchmark(window);
    } else if (options.lesson > 0) {
        window.startLesson(options.lesson);
    } else if (*session) {
        const QString path = QString::fromStdString(options.session.load);
        if (!options.screenshot.empty()) {
            window.sessions()->apply(**session, path);
        } else if (!window.sessions()->applyLocatingFile(**session, path)) {
            window.start(state->source, state->spec, state->adoptStoredFormat);
        }
    } else {
        window.start(state->source, state->spec, state->adoptStoredFormat);
        if (state->source == qs::ui::MainWindow::demoSource()) {
            window.offerWelcome(); // nothing named: a first run says what it shows
        }
    }
    for (const std::string& tab : options.tabs) { // after a session's view: --tab wins
        window.showTab(QString::fromStdString(tab));
    }
    return QApplication::exec();
}
