#pragma once
// quantscope --benchmark: the window's speed targets, measured in the real window.
//  * latency: from a control change (the bit width) to every plot redrawn, on 1M values;
//  * stalls: the longest time the UI thread did not get to run a 1 ms timer, on 16M values,
//    while the tensor is generated and analysed and the bit width changes.
// Prints a table and quits.

namespace qs::ui {
class MainWindow;
}

namespace qs::bench {

void runUiBenchmark(qs::ui::MainWindow& window);

} // namespace qs::bench
