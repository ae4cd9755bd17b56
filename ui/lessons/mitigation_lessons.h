#pragma once
// The lessons on outlier mitigation, in the Outliers view (lessons.h lists them all):
//    9  activation outlier channels and SmoothQuant's α: the difficulty moves from X to W
//   10  a Hadamard rotation spreads an outlier over every channel
// Both take lesson 8's heavy-tailed weights as the layer's W and the view's default synthetic
// activations as X.

#include "lessons/lessons.h"

namespace qs::ui {

Lesson smoothQuantAlpha();
Lesson hadamardRotation();

} // namespace qs::ui
