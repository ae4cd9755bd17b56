#pragma once
// Manual calibration from a dragged clip line: the range [clipMin, clipMax] that puts one end
// of the grid where the user let go of it. What the other end does depends on the scheme:
//   symmetric    the grid is ±t: both ends move, t = |x|
//   asymmetric   the other end stays where it is (Z follows)
//   general      no zero point: Scale = x / Q at the dragged end, so both ends scale together
// The window asks here rather than working the range out itself.

#include "quant/choose_params.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

namespace qs {

enum class GridEnd
{
    Low,
    High,
};

// The manual range for `spec` (an integer grid, one group) whose grid end `end` lands at x,
// from the grid `params` shows now. A line dragged past the other end (or past 0 where the
// scheme keeps 0 inside) stops a hair short of it: the range never collapses.
RealRange manualRangeForGridEnd(const QuantSpec& spec, const QuantParams& params, GridEnd end,
                                double x);

// Whether a clip line of this spec can be dragged: an integer grid of the tutorial's or
// PyTorch's arithmetic, one group.
bool clipLinesDraggable(const QuantSpec& spec, std::size_t groups);

} // namespace qs
