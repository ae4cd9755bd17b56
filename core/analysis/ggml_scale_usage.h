#pragma once
// How often each stored scale of a ggml block type occurs (analysis/scale_usage.h), read from the
// blocks as ggml stores them (ggml/block_scales.h):
//
//   Fp16 types   values: the blocks' fp16 d binned over [smallest, largest] (one d per block);
//                minimums: Q4_1/Q5_1's m or the k-quants' dmin likewise; subScales and
//                subMinimums: the k-quants' and IQ4_XS's sub-block codes counted one by one
//                over the field's whole range (16, 64 or 256 codes)
//   MXFP4        codeCounts: the E8M0 exponent of each block of 32
//   NVFP4        codeCounts: the UE4M3 code of each sub-block of 16 (ggml has no tensor scale)
//
// Every block type has its d: none is without a scale (TQ1_0 and TQ2_0 an fp16 d per 256).

#include "analysis/scale_usage.h"
#include "ggml/block_codec.h"

#include <cstddef>
#include <span>

namespace qs {

// The storage of `type`'s block scale: E8M0 (MXFP4), E4M3 (NVFP4), Fp16 (the others).
ScaleStorageKind ggmlScaleStorage(const ggml::TypeInfo& type);

// Inputs: whole blocks of `type` (a Block type); `valueBins` bins for d and the minimum.
// Outputs: the usage, `blocks` the number of d fields read (NVFP4: of sub-blocks of 16).
ScaleUsage ggmlScaleUsage(const ggml::TypeInfo& type, std::span<const std::byte> blocks,
                          std::size_t valueBins = 64);

} // namespace qs
