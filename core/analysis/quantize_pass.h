#pragma once
// The fused pass: one read of the tensor computes codes, dequantized values, every metric and the
// histograms. Cancellable through `progress`; deterministic whatever the thread count.

#include "analysis/histogram.h"
#include "analysis/metrics.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/simd.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <span>

namespace qs {

struct PassHistograms
{
    Histogram values;        // R over [min R, max R] of the finite inputs
    Histogram codes;         // one bin per code, Qmin..Qmax
    Histogram roundingError; // e of inputs inside the grid, over ±Scale/2 (±Scale for floor and
                             // stochastic)
    Histogram clippingError; // e of clipped inputs, over the largest clipping error either side

    friend bool operator==(const PassHistograms&, const PassHistograms&) = default;
};

struct PassOptions
{
    Rounding rounding = Rounding::HalfEven;
    std::uint64_t roundingSeed = 0;
    double dataMin = 0; // finite extremes of the input (from computeStats): histogram ranges
    double dataMax = 0;
    // Promise that no input is NaN or ±Inf (stats.finiteCount == stats.count); lets the kernel
    // skip its masks when, in addition, the extremes show that nothing can clip.
    bool allFinite = false;
    std::size_t valueBins = 256;
    std::size_t errorBins = 128;
    std::span<std::int32_t> codesOut; // empty, or one slot per input
    std::span<float> dequantOut;      // empty, or one slot per input
    unsigned threads = 0;             // 0 = automatic
    simd::Isa isa = simd::Isa::Auto;  // kernel variant (results agree up to float summation order)
    ProgressFn progress;
};

struct PassResult
{
    Metrics metrics;
    PassHistograms histograms;
    std::uint64_t finiteCount = 0;
    std::uint64_t atZeroCode = 0; // finite inputs whose code is the zero point
};

// Errors: Cancelled; InvalidArgument when an output span has the wrong size.
Result<PassResult> quantizePass(std::span<const float> values, const QuantParams& params,
                                const PassOptions& options);

} // namespace qs
