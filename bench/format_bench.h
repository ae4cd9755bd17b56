#pragma once
// `quantscope-cli bench --formats`: the analyze pass of every number format next to int8's, on
// the same generated tensor in the same run (rows of 4096 values, as a linear layer's), with the
// ratio to int8 — the formats' speed target is within 2× of it — and the whole 4- and 8-bit
// shoot-outs (`compare`) on the tensor, in seconds.

#include "bench_progress.h"
#include "common/error.h"

#include <string>
#include <vector>

namespace qs::bench {

struct FormatBenchOptions
{
    std::vector<std::string> sizes{"16M"}; // as parseSize reads them (rounded to rows of 4096)
    int repeat = 5;
    unsigned threads = 0; // of the parallel column; 0 = automatic
    BenchProgress progress;
};

// Prints the table on stdout. Errors: InvalidArgument (a size), the analysis' own.
Result<void> runFormatBench(const FormatBenchOptions& options);

} // namespace qs::bench
