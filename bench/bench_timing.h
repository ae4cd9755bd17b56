#pragma once
// Timing helpers shared by the benchmarks: sizes as users type them, and the best of repeated
// runs (the least disturbed by the rest of the machine).

#include "common/error.h"

#include <cstddef>
#include <functional>
#include <string>

namespace qs::bench {

// "16M", "64K", "65536" -> a value count (1 .. 1024M). Errors: InvalidArgument.
Result<std::size_t> parseSize(const std::string& text);

// The fastest of `repeat` runs of `work`, in nanoseconds per element of `n`.
double bestNsPerElement(int repeat, std::size_t n, const std::function<void()>& work);

} // namespace qs::bench
