#pragma once
// The scale fields a ggml block stores beside its codes, as they are stored: the block's d (an
// fp16, or MXFP4's E8M0 exponent, or NVFP4's UE4M3 code per 16 values), the fp16 minimum of the
// types that have one (Q4_1/Q5_1's m, the k-quants' dmin) and the integer scale and minimum codes
// of each sub-block. ggml/block_codec.h's grids are what these make together (the k-quants'
// scale = d · sc, offset = −dmin · m); this says which stored numbers made them.
//
//   type              d per       minimum     sub-block scale codes          minimum codes
//   Q4_0 Q5_0 Q8_0    32          —           —                              —
//   IQ4_NL            32          —           —                              —
//   Q4_1 Q5_1         32          fp16 m      —                              —
//   TQ1_0 TQ2_0       256         —           —                              —
//   Q2_K              256         fp16 dmin   16 × 4 bits, 0..15             16 × 4 bits
//   Q3_K              256         —           16 × 6 bits, 0..63 (sc + 32)   —
//   Q4_K Q5_K         256         fp16 dmin   8 × 6 bits, 0..63              8 × 6 bits
//   Q6_K              256         —           16 × int8, −128..127           —
//   IQ4_XS            256         —           8 × 6 bits, 0..63 (sc + 32)    —
//   MXFP4             32 (E8M0)   —           —                              —
//   NVFP4             16 (UE4M3)  —           —                              —

#include "ggml/block_codec.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace qs::ggml {

enum class BlockScaleStorage : std::uint8_t
{
    Fp16,  // IEEE binary16
    E8M0,  // MXFP4: X = 2^(e − 127)
    UE4M3, // NVFP4: an unsigned E4M3 value (ggml ignores the top bit)
};

// Which scale fields `type` stores (a Block type).
struct ScaleLayout
{
    BlockScaleStorage storage = BlockScaleStorage::Fp16;
    std::size_t scaleValues = 0;     // values under one d: 32, 256, NVFP4's 16
    bool hasMinimum = false;         // Q4_1/Q5_1's m, the k-quants' dmin
    bool minimumIsFactor = false;    // dmin, which multiplies minimum codes (m is added as it is)
    std::size_t subBlockValues = 0;  // values under one sub-block scale code, 0 for none
    std::int32_t subScaleLowest = 0; // the codes a sub-block scale field holds
    std::int32_t subScaleHighest = 0;
    std::int32_t subScaleBias = 0; // the factor applied is code − bias (Q3_K, IQ4_XS: 32)
    int subScaleBits = 0;          // 4, 6 or 8
    bool hasSubMinimums = false;   // Q2_K, Q4_K, Q5_K

    bool hasSubScales() const { return subBlockValues != 0; }
};

ScaleLayout scaleLayoutOf(const TypeInfo& type);

// What one grid (ggml/block_codec.h: a run of gridValues values sharing a scale) was made of.
struct GridScaleFields
{
    std::uint16_t dBits = 0;       // the field as stored: fp16 bits, the E8M0 or UE4M3 byte
    float d = 0;                   // its value (E8M0: 2^(e − 127), UE4M3 without ggml's halving)
    std::uint16_t minimumBits = 0; // fp16 bits of m or dmin (hasMinimum)
    float minimum = 0;
    std::int32_t subScale = 0;   // the sub-block's scale code as stored (hasSubScales)
    std::int32_t subMinimum = 0; // its minimum code (hasSubMinimums)

    friend bool operator==(const GridScaleFields&, const GridScaleFields&) = default;
};

// The fields of every grid of whole blocks, in grid order (one per gridValues values).
// Precondition: a Block type, blocks.size() a multiple of its block bytes.
std::vector<GridScaleFields> readScaleFields(const TypeInfo& type,
                                             std::span<const std::byte> blocks);

// The fields of grid `grid` alone. Precondition: as above, and the grid lies in `blocks`.
GridScaleFields readGridScaleFields(const TypeInfo& type, std::span<const std::byte> blocks,
                                    std::size_t grid);

} // namespace qs::ggml
