#pragma once

#include <QString>

namespace qs::ui {
class MainWindow;
}

namespace qs::gui {

// Once `window` has drawn its first results, saves the whole window to `path` (PNG, written
// atomically) and quits the application with 0, or with 1 and a message on stderr.
void screenshotWhenDrawn(qs::ui::MainWindow& window, const QString& path);

} // namespace qs::gui
