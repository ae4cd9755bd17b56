#pragma once
// The "Now:" line under a lesson's text: the numbers the lesson talks about, read off what the
// window shows at this moment, so they follow every Try-this change (another tensor, other bits,
// another calibration, the walkthrough's value). The lesson's own text keeps the tutorial's
// numbers for the state it starts from.

#include <QString>

namespace qs::ui {

class MainWindow;

namespace lesson_numbers {

// Lesson 1: the walkthrough's value through the steps, "R = 0.5 → code 55 → R′ = 0.4987".
QString walkthroughValue(const MainWindow& window);
// Lessons 2 and 4: the grid's step and how much of it the values use.
QString gridUse(const MainWindow& window);
// Lesson 3: bits, Scale, Z and SQNR.
QString bitsAndZeroPoint(const MainWindow& window);
// Lessons 5, 7 and 8: SQNR, codes used and clipping.
QString errorSummary(const MainWindow& window);
// Lesson 6: where the calibration clips and what that costs.
QString clipThreshold(const MainWindow& window);
// Lessons 9 and 10: the Outliers view's output SQNR and both sides' kurtosis, before → after.
QString mitigationMeasures(const MainWindow& window);

} // namespace lesson_numbers
} // namespace qs::ui
