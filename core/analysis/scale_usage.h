#pragma once
// How often each block scale occurs, for the window's scale-usage plot. A block format stores one
// scale per block: MX an E8M0 code c (X = 2^(c − 127)), NVFP4 an E4M3 code s, bitsandbytes a
// float32 absmax (and a minifloat per channel or group a float32 s = amax / max_element). The
// codes are counted one by one; the float32 scales are binned over their range.
//
// The integer grid and a minifloat with one scale for the tensor have no such scales (storage
// None).

#include "analysis/analyze.h"
#include "analysis/histogram.h"

#include <array>
#include <cstdint>

namespace qs {

enum class ScaleStorageKind : std::uint8_t
{
    None,
    E8M0,    // MX: 2^(c − 127), 0xFF NaN
    E4M3,    // NVFP4: the block scale s (the tensor scale on top is one number)
    Float32, // bitsandbytes' absmax, a minifloat group's s
};

struct ScaleUsage
{
    ScaleStorageKind storage = ScaleStorageKind::None;
    std::size_t blocks = 0;
    std::array<std::uint64_t, 256> codeCounts{}; // E8M0, E4M3: blocks per stored code
    std::int32_t lowestCode = 0;                 // the smallest and largest code used
    std::int32_t highestCode = 0;
    Histogram values; // Float32: the blocks' scales over [smallest, largest]

    bool empty() const { return storage == ScaleStorageKind::None || blocks == 0; }
    // Distinct codes used (E8M0, E4M3).
    std::size_t codesUsed() const;

    friend bool operator==(const ScaleUsage&, const ScaleUsage&) = default;
};

// The scale storage of `analysis`' format (None for the integer grid and a single minifloat
// scale).
ScaleStorageKind scaleStorageOf(const Analysis& analysis);

// Inputs: the analysis' params, one per block. Outputs: the counts per code, or the float32
// scales binned into `valueBins` bins.
ScaleUsage scaleUsage(const Analysis& analysis, std::size_t valueBins = 64);

// The scale block `group` stores, decoded: X = 2^(c − 127) (MX), decode(s) (NVFP4, without the
// tensor scale), absmax (bitsandbytes), s (a minifloat); the integer grid's Scale otherwise.
double storedScale(const Analysis& analysis, std::size_t group);

// The value of a stored scale code: 2^(c − 127) for E8M0 (NaN for 0xFF), the E4M3 value.
double scaleCodeValue(ScaleStorageKind storage, std::int32_t code);

} // namespace qs
