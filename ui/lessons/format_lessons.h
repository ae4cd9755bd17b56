#pragma once
// The lessons on number formats beyond the integer grid (lessons.h lists them all):
//   7  floating-point grids: FP8 is dense near zero and sparse at the top; E4M3 against E5M2
//   8  block scaling: a power-of-two MX scale wastes part of the element range, NVFP4's E4M3
//      scale does not

#include "lessons/lessons.h"

namespace qs::ui {

Lesson floatingPointGrids();
Lesson blockScaling();

} // namespace qs::ui
