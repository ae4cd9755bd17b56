#pragma once
// `quantscope-cli bench --mitigate`: the outlier-mitigation experiment at the size — a
// 256-token sequence X [256 × 4096] (synthetic, four outlier channels) through a linear layer
// W [4096 × 4096] — timing what the Outliers view does: the float64 reference product once,
// then one slider change per transform setting (everything after the reference: transforms,
// both quantizations, the quantized product, every measure), and the whole auto-α scan. The
// target for a slider change is 250 ms on 2 cores, repaint included; the window's own part is
// `quantscope --benchmark`'s.

#include "bench_progress.h"
#include "common/error.h"

namespace qs::bench {

struct MitigationBenchOptions
{
    std::size_t tokens = 256;
    std::size_t features = 4096; // W's input dimension
    std::size_t outputs = 4096;
    int repeat = 3;
    unsigned threads = 0; // 0 = automatic
    BenchProgress progress;
};

// Prints the table on stdout. Errors: the experiment's own.
Result<void> runMitigationBench(const MitigationBenchOptions& options);

} // namespace qs::bench
