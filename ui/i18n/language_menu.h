#pragma once
// View → Language: follow the system, or one of the languages the interface speaks.

class QMenu;

namespace qs::ui {

// Fills `menu` with the choices (exclusive, the current one ticked). Choosing one saves it and
// switches the interface at once.
void fillLanguageMenu(QMenu* menu);

} // namespace qs::ui
