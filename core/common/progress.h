#pragma once
// Progress and cancellation for long core work.

#include <functional>

namespace qs {

// Called with the finished fraction in [0, 1]; return false to cancel. Core calls it only from
// the thread that started the work, never from a worker, so a UI may forward it to a signal.
using ProgressFn = std::function<bool(double fraction)>;

} // namespace qs
