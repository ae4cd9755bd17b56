#pragma once
// Progress and cancellation for long core work.

#include <functional>

namespace qs {

// Called with the finished fraction in [0, 1]; return false to cancel. Core calls it only from
// the thread that started the work, never from a worker, so a UI may forward it to a signal.
using ProgressFn = std::function<bool(double fraction)>;

// The progress of one stage that covers [start, start + share] of `overall` (empty if
// `overall` is).
inline ProgressFn progressStage(const ProgressFn& overall, double start, double share)
{
    if (!overall) {
        return {};
    }
    return [overall, start, share](double fraction) {
        return overall(start + share * fraction);
    };
}

} // namespace qs
