#pragma once
// The fused pass: one read of the tensor computes codes, dequantized values, every metric and the
// histograms. Cancellable through `progress`; deterministic whatever the thread count.

#include "analysis/histogram.h"
#include "analysis/metrics.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/simd.h"
#include "quant/choose_params.h"
#include "quant/group_layout.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"
#include "tensor/tensor_stats.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace qs {

struct PassHistograms
{
    Histogram values; // R over [min R, max R] of the finite inputs
    Histogram codes;  // one bin per code, Qmin..Qmax
    // e of inputs inside the grid, over ±Scale/2 (±Scale for floor and stochastic)
    Histogram roundingError;
    Histogram clippingError; // e of clipped inputs, over the largest clipping error either side

    friend bool operator==(const PassHistograms&, const PassHistograms&) = default;
};

struct PassOptions
{
    Rounding rounding = Rounding::HalfEven;
    std::uint64_t roundingSeed = 0;
    double dataMin = 0; // finite extremes of the input (from computeStats): histogram ranges
    double dataMax = 0;
    // Groups with their own parameters (see quant/group_layout.h); unset: one group. With a
    // layout, groupExtremes holds each group's finite [min, max].
    std::optional<GroupLayout> layout;
    std::span<const RealRange> groupExtremes;
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

// One group's share of the error.
struct GroupError
{
    std::uint64_t finite = 0;
    std::uint64_t clipped = 0;
    double mse = 0;
    double sqnrDb = 0; // +inf when lossless

    friend bool operator==(const GroupError&, const GroupError&) = default;
};

struct PassResult
{
    Metrics metrics;
    PassHistograms histograms;
    std::uint64_t finiteCount = 0;
    std::uint64_t atZeroCode = 0; // finite inputs whose code is their group's zero point
    // ΣR² and Σe² over the finite inputs, for callers that add up passes over parts of a tensor.
    double signalEnergy = 0;
    double errorEnergy = 0;
    std::vector<GroupError> groups;
};

// The value histogram over [dataMin, dataMax] and one bin per code of `first`'s grid, empty; the
// error histograms are left to the pass.
PassHistograms valueAndCodeHistograms(const QuantParams& first, const PassOptions& options);

// What every pass of `spec` over a tensor with `stats` shares: the rounding and its seed, the
// histogram ranges, and the all-finite promise.
PassOptions passOptionsFor(const QuantSpec& spec, const TensorStats& stats);

// `params` holds one entry per group of options.layout (one for a single group).
// Errors: Cancelled; InvalidArgument when an output span has the wrong size or the parameters
// do not match the layout.
Result<PassResult> quantizePass(std::span<const float> values, std::span<const QuantParams> params,
                                const PassOptions& options);
Result<PassResult> quantizePass(std::span<const float> values, const QuantParams& params,
                                const PassOptions& options);

} // namespace qs
