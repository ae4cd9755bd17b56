#pragma once
// Where the main window opens: at its preferred size where the screen has room for it, else
// filling the screen's available area (less the frame a window manager draws around it), centred.

#include <QRect>
#include <QSize>

namespace qs::ui {

inline constexpr QSize kPreferredWindowSize{1660, 940};
// The smallest window the layout is made for: every plot keeps a readable size down to it.
inline constexpr QSize kSmallestWindowSize{960, 600};

// The window's geometry (without its frame) on a screen whose available area is `available`.
QRect openingWindowGeometry(const QRect& available);

} // namespace qs::ui
