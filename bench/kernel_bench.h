#pragma once
// `quantscope-cli bench`: ns per element of the analyze pass and its stages (stats, the fused
// pass with and without stores, checks and AVX2, the whole analyze), on one thread and on all,
// next to a memory-copy yardstick measured on the same machine in the same run.

#include "bench_progress.h"
#include "common/error.h"
#include "quant/quant_spec.h"

#include <string>
#include <vector>

namespace qs::bench {

struct KernelBenchOptions
{
    QuantSpec spec;
    std::vector<std::string> sizes{"1M", "16M"}; // as parseSize reads them
    int repeat = 5;                              // runs per stage; the best is reported
    unsigned threads = 0;                        // of the parallel column; 0 = automatic
    BenchProgress progress;
};

// Prints the table on stdout. Errors: InvalidArgument (a size), the analysis' own.
Result<void> runKernelBench(const KernelBenchOptions& options);

} // namespace qs::bench
