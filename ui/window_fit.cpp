#include "window_fit.h"

#include <algorithm>

namespace qs::ui {
namespace {

// A window manager's title bar and borders, which the window's own geometry leaves out.
constexpr QSize kFrameAllowance{16, 48};

} // namespace

QRect openingWindowGeometry(const QRect& available)
{
    const QSize room = (available.size() - kFrameAllowance).expandedTo(QSize(1, 1));
    const QSize size = kPreferredWindowSize.boundedTo(room);
    QRect geometry({0, 0}, size);
    geometry.moveCenter(available.center());
    // Centred, the frame's title bar must not rise above the screen's top.
    geometry.moveTop(std::max(geometry.top(), available.top() + kFrameAllowance.height() -
                                                  kFrameAllowance.width() / 2));
    return geometry;
}

} // namespace qs::ui
