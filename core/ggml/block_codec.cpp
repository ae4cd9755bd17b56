#include "ggml/block_codec.h"

#include "ggml/fp4_quants.h"
#include "ggml/iq4_quants.h"
#include "ggml/k_quants.h"
#include "ggml/legacy_quants.h"
#include "ggml/level_tables.h"
#include "ggml/ternary_quants.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>
#include <string>
#include <vector>

namespace qs::ggml {
namespace {

// level(code) for codes codeMin, codeMin + 1, ...: `code − bias` over `count` codes.
template <int Count, int Bias> constexpr std::array<float, Count> shiftedLevels()
{
    std::array<float, Count> levels{};
    for (int i = 0; i < Count; ++i) {
        levels[static_cast<std::size_t>(i)] = static_cast<float>(i - Bias);
    }
    return levels;
}

template <std::size_t N>
constexpr std::array<float, N> tableLevels(std::array<std::int8_t, N> table)
{
    std::array<float, N> levels{};
    for (std::size_t i = 0; i < N; ++i) {
        levels[i] = table[i];
    }
    return levels;
}

constexpr auto kSigned8 = shiftedLevels<256, 128>();  // Q8_0: codes −128..127 are their levels
constexpr auto kBias8Of16 = shiftedLevels<16, 8>();   // Q4_0
constexpr auto kBias16Of32 = shiftedLevels<32, 16>(); // Q5_0
constexpr auto kUnsigned4 = shiftedLevels<4, 0>();    // Q2_K
constexpr auto kBias4Of8 = shiftedLevels<8, 4>();     // Q3_K
constexpr auto kUnsigned16 = shiftedLevels<16, 0>();  // Q4_1, Q4_K
constexpr auto kUnsigned32 = shiftedLevels<32, 0>();  // Q5_1, Q5_K
constexpr auto kBias32Of64 = shiftedLevels<64, 32>(); // Q6_K
constexpr auto kTernary = shiftedLevels<3, 1>();      // TQ1_0: base-3 digits are 0..2
// TQ2_0's 2-bit fields can hold 3, which ggml decodes as level 2 though its quantizer never
// writes it.
constexpr auto kTernaryField = shiftedLevels<4, 1>();
constexpr auto kIq4 = tableLevels(kIq4Levels);
constexpr auto kE2m1Doubled = tableLevels(kE2m1DoubledLevels);

constexpr TypeInfo plain(std::uint32_t id, std::string_view name, std::size_t bytes)
{
    TypeInfo type{};
    type.id = id;
    type.name = name;
    type.kind = TypeKind::Plain;
    type.blockValues = 1;
    type.blockBytes = bytes;
    return type;
}

constexpr TypeInfo sizeOnly(std::uint32_t id, std::string_view name, TypeKind kind,
                            std::size_t values, std::size_t bytes)
{
    TypeInfo type{};
    type.id = id;
    type.name = name;
    type.kind = kind;
    type.blockValues = values;
    type.blockBytes = bytes;
    return type;
}

struct BlockSpec
{
    std::uint32_t id;
    std::string_view name;
    std::string_view option;
    std::size_t values;
    std::size_t bytes;
    std::size_t gridValues;
    std::int32_t codeMin;
    std::span<const float> levels;
    bool hasOffset;
    bool usesImportance;
    QuantizeRowFn quantize;
    DecodeFn decode;
};

TypeInfo block(const BlockSpec& s)
{
    return {.id = s.id,
            .name = s.name,
            .option = s.option,
            .kind = TypeKind::Block,
            .blockValues = s.values,
            .blockBytes = s.bytes,
            .gridValues = s.gridValues,
            .codeMin = s.codeMin,
            .levels = s.levels,
            .hasOffset = s.hasOffset,
            .usesImportance = s.usesImportance,
            .quantizeRow = s.quantize,
            .decode = s.decode};
}

const std::vector<TypeInfo>& catalog()
{
    // Importance: ggml's quantizers of the 4- and 5-bit legacy types, the k-quants and IQ4 weigh
    // their searches by it; Q8_0, TQ1_0/TQ2_0, MXFP4 and NVFP4 have no search to weigh.
    static const std::vector<TypeInfo> types{
        plain(0, "f32", 4),
        plain(1, "f16", 2),
        block(
            {2, "q4_0", "q4_0", 32, 18, 32, 0, kBias8Of16, false, true, quantizeQ4_0, decodeQ4_0}),
        block(
            {3, "q4_1", "q4_1", 32, 20, 32, 0, kUnsigned16, true, true, quantizeQ4_1, decodeQ4_1}),
        block(
            {6, "q5_0", "q5_0", 32, 22, 32, 0, kBias16Of32, false, true, quantizeQ5_0, decodeQ5_0}),
        block(
            {7, "q5_1", "q5_1", 32, 24, 32, 0, kUnsigned32, true, true, quantizeQ5_1, decodeQ5_1}),
        block({8, "q8_0", "q8_0", 32, 34, 32, -128, kSigned8, false, false, quantizeQ8_0,
               decodeQ8_0}),
        sizeOnly(9, "q8_1", TypeKind::Other, 32, 36),
        block({10, "q2_k", "q2_k", 256, 84, 16, 0, kUnsigned4, true, true, quantizeQ2K, decodeQ2K}),
        block(
            {11, "q3_k", "q3_k", 256, 110, 16, 0, kBias4Of8, false, true, quantizeQ3K, decodeQ3K}),
        block(
            {12, "q4_k", "q4_k", 256, 144, 32, 0, kUnsigned16, true, true, quantizeQ4K, decodeQ4K}),
        block(
            {13, "q5_k", "q5_k", 256, 176, 32, 0, kUnsigned32, true, true, quantizeQ5K, decodeQ5K}),
        block({14, "q6_k", "q6_k", 256, 210, 16, 0, kBias32Of64, false, true, quantizeQ6K,
               decodeQ6K}),
        sizeOnly(15, "q8_k", TypeKind::Other, 256, 292),
        sizeOnly(16, "iq2_xxs", TypeKind::Lattice, 256, 66),
        sizeOnly(17, "iq2_xs", TypeKind::Lattice, 256, 74),
        sizeOnly(18, "iq3_xxs", TypeKind::Lattice, 256, 98),
        sizeOnly(19, "iq1_s", TypeKind::Lattice, 256, 50),
        block(
            {20, "iq4_nl", "iq4_nl", 32, 18, 32, 0, kIq4, false, true, quantizeIq4Nl, decodeIq4Nl}),
        sizeOnly(21, "iq3_s", TypeKind::Lattice, 256, 110),
        sizeOnly(22, "iq2_s", TypeKind::Lattice, 256, 82),
        block({23, "iq4_xs", "iq4_xs", 256, 136, 32, 0, kIq4, false, true, quantizeIq4Xs,
               decodeIq4Xs}),
        plain(24, "i8", 1),
        plain(25, "i16", 2),
        plain(26, "i32", 4),
        plain(27, "i64", 8),
        plain(28, "f64", 8),
        sizeOnly(29, "iq1_m", TypeKind::Lattice, 256, 56),
        plain(30, "bf16", 2),
        block({34, "tq1_0", "tq1_0", 256, 54, 256, 0, kTernary, false, false, quantizeTq1_0,
               decodeTq1_0}),
        block({35, "tq2_0", "tq2_0", 256, 66, 256, 0, kTernaryField, false, false, quantizeTq2_0,
               decodeTq2_0}),
        block({39, "mxfp4", "mxfp4-ggml", 32, 17, 32, 0, kE2m1Doubled, false, false, quantizeMxfp4,
               decodeMxfp4}),
        block({40, "nvfp4", "nvfp4-ggml", 64, 36, 16, 0, kE2m1Doubled, false, false, quantizeNvfp4,
               decodeNvfp4}),
        sizeOnly(41, "q1_0", TypeKind::Other, 128, 18),
        sizeOnly(42, "q2_0", TypeKind::Other, 64, 18),
    };
    return types;
}

} // namespace

std::span<const TypeInfo> typeCatalog()
{
    return catalog();
}

const TypeInfo* typeById(std::uint32_t id)
{
    const auto& types = catalog();
    const auto found = std::ranges::find(types, id, &TypeInfo::id);
    return found == types.end() ? nullptr : &*found;
}

const TypeInfo* typeByName(std::string_view name)
{
    const auto& types = catalog();
    const auto found = std::ranges::find(types, name, &TypeInfo::name);
    return found == types.end() ? nullptr : &*found;
}

const TypeInfo* typeByOption(std::string_view option)
{
    if (option.empty()) {
        return nullptr;
    }
    const auto& types = catalog();
    const auto found = std::ranges::find(types, option, &TypeInfo::option);
    return found == types.end() ? nullptr : &*found;
}

std::span<const char* const> formatOptionNames()
{
    static const std::vector<const char*> names = [] {
        std::vector<const char*> list;
        for (const TypeInfo& type : catalog()) {
            if (!type.option.empty()) {
                list.push_back(type.option.data()); // the literals are NUL-terminated
            }
        }
        return list;
    }();
    return names;
}

std::optional<std::uint64_t> storedBytes(const TypeInfo& type, std::uint64_t values)
{
    if (type.blockValues == 0 || values % type.blockValues != 0) {
        return std::nullopt;
    }
    const std::uint64_t blocks = values / type.blockValues;
    if (blocks > std::numeric_limits<std::uint64_t>::max() / type.blockBytes) {
        return std::nullopt;
    }
    return blocks * type.blockBytes;
}

Result<void> checkRowLength(const TypeInfo& type, std::uint64_t rowLength)
{
    if (rowLength == 0 || rowLength % type.blockValues != 0) {
        return fail(ErrorCode::InvalidArgument, std::string(type.name) +
                                                    " stores rows of whole blocks of " +
                                                    std::to_string(type.blockValues) +
                                                    " values along the last axis; this "
                                                    "tensor's rows hold " +
                                                    std::to_string(rowLength));
    }
    return {};
}

void quantizeRows(const TypeInfo& type, std::span<const float> values, std::size_t rowLength,
                  std::span<std::byte> out, std::span<const float> importance)
{
    assert(type.kind == TypeKind::Block && rowLength % type.blockValues == 0);
    assert(values.size() % rowLength == 0);
    assert(importance.empty() || importance.size() == rowLength);
    const std::size_t rowBytes = rowLength / type.blockValues * type.blockBytes;
    assert(out.size() == values.size() / rowLength * rowBytes);
    for (std::size_t row = 0; row * rowLength < values.size(); ++row) {
        type.quantizeRow(values.subspan(row * rowLength, rowLength),
                         out.subspan(row * rowBytes, rowBytes), importance);
    }
}

void decodeBlocks(const TypeInfo& type, std::span<const std::byte> blocks,
                  std::span<std::int32_t> codes, std::span<SubBlockGrid> grids)
{
    assert(type.kind == TypeKind::Block && blocks.size() % type.blockBytes == 0);
    assert(codes.size() == blocks.size() / type.blockBytes * type.blockValues);
    assert(grids.size() == codes.size() / type.gridValues);
    type.decode(blocks, codes, grids);
}

void dequantizeBlocks(const TypeInfo& type, std::span<const std::byte> blocks,
                      std::span<float> values)
{
    // A block at a time keeps the codes and grids in L1.
    std::vector<std::int32_t> codes(type.blockValues);
    std::vector<SubBlockGrid> grids(type.blockValues / type.gridValues);
    const std::size_t count = blocks.size() / type.blockBytes;
    assert(values.size() == count * type.blockValues);
    // The table indexed by the code itself; the offset's test hoisted out of the loops (adding a
    // zero offset would turn a −0 into +0, so the types without one never add it).
    const float* level = type.levels.data() - type.codeMin;
    for (std::size_t b = 0; b < count; ++b) {
        type.decode(blocks.subspan(b * type.blockBytes, type.blockBytes), codes, grids);
        float* out = values.data() + b * type.blockValues;
        const std::int32_t* code = codes.data();
        for (const SubBlockGrid& grid : grids) {
            if (type.hasOffset) {
                for (std::size_t i = 0; i < type.gridValues; ++i) {
                    out[i] = grid.scale * level[code[i]] + grid.offset;
                }
            } else {
                for (std::size_t i = 0; i < type.gridValues; ++i) {
                    out[i] = grid.scale * level[code[i]];
                }
            }
            out += type.gridValues;
            code += type.gridValues;
        }
    }
}

} // namespace qs::ggml
