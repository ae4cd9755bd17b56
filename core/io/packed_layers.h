#pragma once
// Layers a GPTQ or AWQ checkpoint stores as packed integer codes (`qweight`), packed zero points
// (`qzeros`), float16 `scales` and, for GPTQ, the group of each input row (`g_idx`), decoded
// into the weight [out, in] they stand for: W[j][i] = scale[g(i)][j] · (code[j][i] − zero[g(i)][j]).
//
// Layouts, as the packers publish them:
// - GPTQ (AutoGPTQ / GPTQModel): qweight int32 [in / p, out] packs p = 32 / bits codes of
//   consecutive input rows per word (row i at bit bits·(i mod p)); qzeros int32 [groups, out / p]
//   packs consecutive outputs; the "gptq" checkpoint format stores each zero minus one (an
//   old off-by-one kept for compatibility), "gptq_v2" the zero itself.
// - AWQ (AutoAWQ, GEMM): qweight int32 [in, out / 8] packs 8 outputs per word in the order
//   0, 2, 4, 6, 1, 3, 5, 7 (nibble p holds output 8k + order[p]); qzeros [in / group, out / 8]
//   the same way; scales [in / group, out]; the group of input row i is i / group.

#include "common/error.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct PackedLayerFormat
{
    enum class Method
    {
        Gptq,
        Awq,
    };
    Method method = Method::Gptq;
    int bits = 4;                   // 2, 4 or 8 (AWQ: 4)
    std::int64_t groupSize = 128;   // -1 or 0: one group over all input rows
    bool zeroStoredMinusOne = true; // GPTQ's "gptq" checkpoint format
};

// "gptq int4 (group 128)", "awq int4 (group 128)" — the dtype a decoded layer is listed with.
std::string packedLayerDtype(const PackedLayerFormat& format);

struct PackedLayerParts
{
    std::span<const std::byte> qweight; // int32 little-endian
    Shape qweightShape;
    std::span<const std::byte> qzeros; // int32 little-endian
    Shape qzerosShape;
    std::vector<float> scales; // float16 values, exact in float32
    Shape scalesShape;
    std::span<const std::byte> groupIndex; // int32 little-endian; empty: i / groupSize
};

// The decoded weight's shape [out, in] from the parts' shapes alone (their bytes and scales may
// be empty), or BadHeader (naming `module`) when they do not fit together.
Result<Shape> packedLayerShape(const PackedLayerFormat& format, const PackedLayerParts& parts,
                               const std::string& module);

struct DecodedLayer
{
    std::vector<float> weight;       // [out, in]
    std::vector<std::int32_t> codes; // [out, in], the stored codes
};

// Errors: the shapes (as packedLayerShape), parts shorter than their shapes, a g_idx entry
// outside the groups.
Result<DecodedLayer> decodePackedLayer(const PackedLayerFormat& format,
                                       const PackedLayerParts& parts, const std::string& module);

} // namespace qs
