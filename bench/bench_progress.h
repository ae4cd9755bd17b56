#pragma once
// How far a benchmark is, for a progress display beside its table: `step` before each timed row
// (rows started, rows in all), `clear` before a line of the table is printed, so that a display
// sharing the terminal with the table is out of its way first. Both may be empty.

#include <functional>

namespace qs::bench {

struct BenchProgress
{
    std::function<void(int done, int total)> step;
    std::function<void()> clear;

    void starting(int done, int total) const
    {
        if (step) {
            step(done, total);
        }
    }
    void printing() const
    {
        if (clear) {
            clear();
        }
    }
};

} // namespace qs::bench
