#pragma once
// The group or block whose grid the window draws: the one picked in the Channels view, group 0
// before any is picked. Every plot and table that shows "the" grid takes it from here, as core's
// GridGeometry (quant/grid_geometry.h): the window does no grid arithmetic of its own.

#include "analysis/analyze.h"
#include "quant/grid_geometry.h"

#include <cstddef>

namespace qs::ui {

struct PickedGrid
{
    std::size_t group = 0;
    QuantParams params;
    GridGeometry grid;
    bool onlyGrid = true; // the analysis has one group: the grid is the whole tensor's
};

// `picked` clamped to the analysis' groups.
std::size_t pickedGroupOf(const Analysis& analysis, std::size_t picked);

// Errors: none; an analysis without params gives an empty grid.
PickedGrid pickedGrid(const Analysis& analysis, std::size_t picked);

} // namespace qs::ui
