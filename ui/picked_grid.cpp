#include "picked_grid.h"

#include <algorithm>

namespace qs::ui {

std::size_t pickedGroupOf(const Analysis& analysis, std::size_t picked)
{
    return analysis.params.empty() ? 0 : std::min(picked, analysis.params.size() - 1);
}

PickedGrid pickedGrid(const Analysis& analysis, std::size_t picked)
{
    PickedGrid out;
    if (analysis.params.empty()) {
        return out;
    }
    out.group = pickedGroupOf(analysis, picked);
    out.params = analysis.params[out.group];
    out.grid = gridGeometry(out.params);
    out.onlyGrid = analysis.params.size() == 1;
    return out;
}

} // namespace qs::ui
