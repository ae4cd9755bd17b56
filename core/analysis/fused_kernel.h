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
#include <span>
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
// array ends in a trash slot that absorbs NaN/Inf inputs, so counting needs no branch. A code
// histogram of few bins (a 4-bit format has 16 codes) keeps kCountCopies counters per bin, element
// i counting in copy i mod kCountCopies, so that a run of values on one code does not wait on a
// single counter; the other histograms and wide code ranges keep one (more would crowd L1).
inline constexpr std::size_t kCountCopies = 4;
inline constexpr std::size_t kCopiedCodesUpTo = 64;
struct WorkerCounts
{
    std::vector<std::uint64_t> values; // valueBins + 1
    std::vector<std::uint64_t> codes;  // (codeCount + 1) · codeCopies
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
    // The sums add up R, R′ and e times powers of two (1/2^floor(log2) of the largest |R|, |R′|
    // and of the larger of the two for e): the caller divides them out of the totals.
    float valueUnit = 1;
    float dequantUnit = 1;
    float errorUnit = 1;
    int codeCopyShift = 0; // log2 of the code histogram's counters per bin (1 or kCountCopies)
    bool scaled = false;   // the units are not all 1 (tiny or huge data)
};

// One group's stretch of a chunk. `checked` false promises that every input is finite and that
// none can clip (the caller has checked the extremes): the kernel then skips its masks and clip
// counts.
struct GroupPiece
{
    const QuantParams* params; // the group's
    std::size_t offset;        // of its first value in the run's arrays
    std::size_t n;
    bool checked;
};

// One group's share of the error, as GroupError needs it.
struct GroupPartial
{
    std::uint64_t finite = 0;
    std::uint64_t clipped = 0;
    double sumX2 = 0;
    double sumE2 = 0;

    void add(const GroupPartial& other);
};

// Consecutive pieces of one chunk, all of one element kind and rounding.
struct GroupRun
{
    const float* in;          // values; piece.offset indexes it
    std::uint64_t firstIndex; // index of in[0] in the tensor (stochastic rounding's counter)
    std::span<const GroupPiece> pieces;
    std::int32_t* codesOut;   // null: not wanted
    float* dequantOut;        // null: not wanted
    bool smallPieces = false; // a format's small blocks (fewer values than a lane-sum block)
};

// Adds every piece's sums to `total` (in piece order) and its histogram counts to `counts`, and
// stores each piece's share in `partials` (one per piece).
void processRun(bool avx2, const KernelContext& ctx, const GroupRun& run, ChunkSums& total,
                std::span<GroupPartial> partials, WorkerCounts& counts);

} // namespace qs::kernel
