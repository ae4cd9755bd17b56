#include "ggml/block_scales.h"

#include "ggml/fp4_quants.h"
#include "ggml/ggml_scalars.h"
#include "ggml/packed_scales.h"

#include <array>
#include <cassert>
#include <string_view>

namespace qs::ggml {
namespace {

// Where a type keeps its fp16 fields (byte offsets in a block).
struct Fp16Fields
{
    std::size_t dAt = 0;
    int minimumAt = -1; // m or dmin, −1 for none
};

Fp16Fields fp16FieldsOf(std::string_view name)
{
    if (name == "q4_1" || name == "q5_1") {
        return {0, 2};
    }
    if (name == "q2_k") {
        return {80, 82};
    }
    if (name == "q4_k" || name == "q5_k") {
        return {0, 2};
    }
    if (name == "q3_k") {
        return {108, -1};
    }
    if (name == "q6_k") {
        return {208, -1};
    }
    if (name == "tq1_0") {
        return {52, -1};
    }
    if (name == "tq2_0") {
        return {64, -1};
    }
    return {0, -1}; // Q4_0, Q5_0, Q8_0, IQ4_NL, IQ4_XS: d first
}

void setFp16(std::uint16_t bits, std::uint16_t& field, float& value)
{
    field = bits;
    value = fp16BitsToFloat(bits);
}

struct SubBlockCodes
{
    std::int32_t scale = 0;
    std::int32_t minimum = 0;
};

SubBlockCodes fromUnsigned(ScaleMinCodes codes)
{
    return {static_cast<std::int32_t>(codes.scale), static_cast<std::int32_t>(codes.minimum)};
}

// The scale and minimum codes of sub-block j of one block.
SubBlockCodes subBlockCodes(std::string_view name, const std::byte* block, std::size_t j)
{
    if (name == "q2_k") { // a byte each: the scale code low, the minimum code high
        const auto byte = std::to_integer<std::int32_t>(block[j]);
        return {byte & 0xF, byte >> 4};
    }
    if (name == "q4_k" || name == "q5_k") {
        std::array<std::uint8_t, 12> bytes{};
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            bytes[i] = std::to_integer<std::uint8_t>(block[4 + i]);
        }
        return fromUnsigned(unpackScaleMinCodes(bytes.data(), j));
    }
    if (name == "q3_k") {
        return fromUnsigned({unpackQ3ScaleCode(block + 96, j), 0});
    }
    if (name == "iq4_xs") {
        return fromUnsigned({unpackIq4XsScaleCode(block, j), 0});
    }
    assert(name == "q6_k");
    return {static_cast<std::int8_t>(block[192 + j]), 0}; // a signed byte
}

} // namespace

ScaleLayout scaleLayoutOf(const TypeInfo& type)
{
    assert(type.kind == TypeKind::Block);
    const std::string_view name = type.name;
    ScaleLayout layout;
    layout.scaleValues = type.blockValues;
    if (name == "mxfp4") {
        layout.storage = BlockScaleStorage::E8M0;
        return layout;
    }
    if (name == "nvfp4") {
        layout.storage = BlockScaleStorage::UE4M3;
        layout.scaleValues = type.gridValues; // a scale per 16 values, four to a block
        return layout;
    }
    layout.hasMinimum = fp16FieldsOf(name).minimumAt >= 0;
    layout.minimumIsFactor = layout.hasMinimum && type.blockValues == 256;
    if (type.gridValues == type.blockValues) {
        return layout; // one grid per block: d (and m) are all it stores
    }
    layout.subBlockValues = type.gridValues;
    if (name == "q2_k") {
        layout.subScaleHighest = 15;
        layout.subScaleBits = 4;
        layout.hasSubMinimums = true;
    } else if (name == "q6_k") {
        layout.subScaleLowest = -128;
        layout.subScaleHighest = 127;
        layout.subScaleBits = 8;
    } else {
        layout.subScaleHighest = 63;
        layout.subScaleBits = 6;
        layout.subScaleBias = name == "q3_k" || name == "iq4_xs" ? 32 : 0;
        layout.hasSubMinimums = name == "q4_k" || name == "q5_k";
    }
    return layout;
}

GridScaleFields readGridScaleFields(const TypeInfo& type, std::span<const std::byte> blocks,
                                    std::size_t grid)
{
    const std::size_t gridsPerBlock = type.blockValues / type.gridValues;
    const std::size_t blockIndex = grid / gridsPerBlock;
    const std::size_t inBlock = grid % gridsPerBlock;
    assert((blockIndex + 1) * type.blockBytes <= blocks.size());
    const std::byte* block = blocks.data() + blockIndex * type.blockBytes;
    const ScaleLayout layout = scaleLayoutOf(type);
    GridScaleFields fields;
    switch (layout.storage) {
    case BlockScaleStorage::E8M0: {
        const auto e = std::to_integer<std::uint8_t>(block[0]);
        fields.dBits = e;
        fields.d = 2.0f * e8m0Half(e); // exact: a power of two doubled
        return fields;
    }
    case BlockScaleStorage::UE4M3: {
        const auto code = std::to_integer<std::uint8_t>(block[inBlock]);
        fields.dBits = code;
        fields.d = 2.0f * ue4m3Half(code);
        return fields;
    }
    case BlockScaleStorage::Fp16:
        break;
    }
    const Fp16Fields at = fp16FieldsOf(type.name);
    setFp16(loadU16(block + at.dAt), fields.dBits, fields.d);
    if (at.minimumAt >= 0) {
        setFp16(loadU16(block + at.minimumAt), fields.minimumBits, fields.minimum);
    }
    if (layout.hasSubScales()) {
        const SubBlockCodes codes = subBlockCodes(type.name, block, inBlock);
        fields.subScale = codes.scale;
        fields.subMinimum = codes.minimum;
    }
    return fields;
}

std::vector<GridScaleFields> readScaleFields(const TypeInfo& type,
                                             std::span<const std::byte> blocks)
{
    assert(type.kind == TypeKind::Block && blocks.size() % type.blockBytes == 0);
    const std::size_t grids =
        blocks.size() / type.blockBytes * (type.blockValues / type.gridValues);
    std::vector<GridScaleFields> out(grids);
    for (std::size_t g = 0; g < grids; ++g) {
        out[g] = readGridScaleFields(type, blocks, g);
    }
    return out;
}

} // namespace qs::ggml
