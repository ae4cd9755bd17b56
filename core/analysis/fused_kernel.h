#pragma once
// The fused kernel behind quantizePass: one chunk of inputs -> codes, dequantized values, partial
// sums and histogram counts, in SIMD lanes (8 on AVX2 machines, 4 on the x86-64 baseline).
// Internal to core/analysis.

#include "analysis/histogram.h"
#include "common/simd.h"
#include "quant/minifloat.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <vector>

namespace qs::kernel {

// Per-chunk partial results, merged in chunk order so sums are identical for any thread count.
struct ChunkSums
{
    double sumX2 = 0; // ΣR²
    double sumE2 = 0; // Σe²
    double sumAbsE = 0;
    // Summed directly, not derived from R' = R + e: heavy clipping would make the derivation
    // cancel catastrophically.
    double sumXD = 0;        // ΣR·R'
    double sumD2 = 0;        // ΣR'²
    double sumXE = 0;        // ΣR·e, for an accurate 1 − cosine when the error is small
    double sumE2Clipped = 0; // the part of Σe² from clipped inputs
    float maxAbsE = 0;
    std::uint64_t finite = 0;
    std::uint64_t below = 0;
    std::uint64_t above = 0;
    std::uint64_t atZeroCode = 0; // inputs whose code is their group's zero point

    void add(const ChunkSums& other);
};

// Per-worker histogram counts (integer sums are order-free, so each worker owns one set). Each
// array ends in a trash slot that absorbs NaN/Inf inputs, so counting needs no branch.
struct WorkerCounts
{
    std::vector<std::uint64_t> values; // valueBins + 1
    std::vector<std::uint64_t> codes;  // codeCount + 1
    std::vector<std::uint64_t> errors; // rounding bins, then clipping bins, + 1
};

// What every chunk of a pass shares.
struct KernelContext
{
    Rounding rounding;        // the integer grid's rounding
    MinifloatCodec minifloat; // the encoder of the pass's minifloat type, if it has one
    HistogramBinner valueBinner;
    HistogramBinner roundingBinner;
    HistogramBinner clippingBinner;
    std::uint32_t valueTrash; // index of the trash slot in WorkerCounts::values
    std::uint32_t codeTrash;
    std::uint32_t clippingFirst; // where the clipping-error bins start in WorkerCounts::errors
    std::uint32_t errorTrash;
    std::uint64_t seed;
};

// One chunk of work: a run of values of one group. `checked` false promises that every input is
// finite and that none can clip (the caller has checked the extremes): the kernel then skips its
// masks and clip counts.
struct ChunkJob
{
    const QuantParams* params; // the group's
    const float* in;
    std::size_t n;
    std::uint64_t firstIndex; // index of in[0] in the tensor (stochastic rounding's counter)
    std::int32_t* codesOut;   // null: not wanted
    float* dequantOut;        // null: not wanted
    bool checked;
};

// Adds the chunk's sums to `sums` and its histogram counts to `counts`.
void processChunk(bool avx2, const KernelContext& ctx, const ChunkJob& job, ChunkSums& sums,
                  WorkerCounts& counts);

} // namespace qs::kernel
