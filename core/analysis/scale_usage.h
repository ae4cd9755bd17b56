#pragma once
// How often each block scale occurs, for the window's scale-usage plot. A block format stores one
// scale per block: MX an E8M0 code c (X = 2^(c − 127)), NVFP4 an E4M3 code s, bitsandbytes a
// float32 absmax (and a minifloat per channel or group a float32 s = amax / max_element). The
// codes are counted one by one; the float32 scales are binned over their range.
//
// A ggml block type stores an fp16 d per block (with Q4_1/Q5_1's m or the k-quants' dmin),
// binned like the float32 scales, and the k-quants and IQ4_XS integer scale (and minimum) codes
// per sub-block under it, counted one by one (analysis/ggml_scale_usage.h). ggml's MXFP4 and
// NVFP4 count their E8M0 and UE4M3 codes as MX and NVFP4 do.
//
// The integer grid and a minifloat with one scale for the tensor have no such scales (storage
// None).

#include "analysis/analyze.h"
#include "analysis/histogram.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace qs {

enum class ScaleStorageKind : std::uint8_t
{
    None,
    E8M0,    // MX: 2^(c − 127), 0xFF NaN
    E4M3,    // NVFP4: the block scale s (the tensor scale on top is one number)
    Float32, // bitsandbytes' absmax, a minifloat group's s
    Fp16,    // ggml: d per block (and m or dmin), integer sub-block codes under it
};

// Integer codes counted one by one: a ggml sub-block's scale or minimum code.
struct SubScaleCounts
{
    std::int32_t first = 0;            // the lowest code the field holds (Q6_K −128, else 0)
    std::int32_t bias = 0;             // a code applies the factor code − bias (Q3_K, IQ4_XS 32)
    int bits = 0;                      // the field's width: 4, 6 or 8
    std::vector<std::uint64_t> counts; // sub-blocks per code: counts[c − first]
    std::int32_t lowest = 0;           // the smallest and largest code used
    std::int32_t highest = 0;

    bool empty() const { return counts.empty(); }
    std::size_t codesUsed() const;
    std::uint64_t total() const;
    std::uint64_t count(std::int32_t code) const; // 0 outside the field

    friend bool operator==(const SubScaleCounts&, const SubScaleCounts&) = default;
};

struct ScaleUsage
{
    ScaleStorageKind storage = ScaleStorageKind::None;
    std::size_t blocks = 0;
    std::array<std::uint64_t, 256> codeCounts{}; // E8M0, E4M3: blocks per stored code
    std::int32_t lowestCode = 0;                 // the smallest and largest code used
    std::int32_t highestCode = 0;
    Histogram values; // Float32: the blocks' scales over [smallest, largest]; Fp16: their d
    // Fp16 only:
    Histogram minimums;         // m or dmin per block over its range (no bins: the type has none)
    SubScaleCounts subScales;   // the sub-block scale codes (empty: the type has none)
    SubScaleCounts subMinimums; // the sub-block minimum codes (Q2_K, Q4_K, Q5_K)

    bool empty() const { return storage == ScaleStorageKind::None || blocks == 0; }
    // Distinct codes used (E8M0, E4M3).
    std::size_t codesUsed() const;

    friend bool operator==(const ScaleUsage&, const ScaleUsage&) = default;
};

// The scale storage of `analysis`' format (None for the integer grid and a single minifloat
// scale).
ScaleStorageKind scaleStorageOf(const Analysis& analysis);

// Inputs: the analysis' params, one per block. Outputs: the counts per code, or the float32
// scales binned into `valueBins` bins. A ggml format's scales are in its blocks, not its params:
// this gives its storage with no blocks counted; the overload below reads them.
ScaleUsage scaleUsage(const Analysis& analysis, std::size_t valueBins = 64);

// The same, reading a ggml format's scales from `ggmlBlocks`, the analysis' blocks as ggml
// stores them (AnalysisOptions::ggmlBlocksOut); other formats ignore them.
ScaleUsage scaleUsage(const Analysis& analysis, std::span<const std::byte> ggmlBlocks,
                      std::size_t valueBins = 64);

// The finite `scales` binned into `bins` bins over [smallest, largest] (the largest in the last
// bin); a single value gets a bin around it, no finite value an empty histogram at 0.
Histogram binScaleValues(std::span<const double> scales, std::size_t bins);

// The scale block `group` stores, decoded: X = 2^(c − 127) (MX), decode(s) (NVFP4, without the
// tensor scale), absmax (bitsandbytes), s (a minifloat); the integer grid's Scale otherwise.
double storedScale(const Analysis& analysis, std::size_t group);

// The value of a stored scale code: 2^(c − 127) for E8M0 (NaN for 0xFF), the E4M3 value.
double scaleCodeValue(ScaleStorageKind storage, std::int32_t code);

} // namespace qs
