#include "io/packed_layers.h"

#include <array>

namespace qs {
namespace {

constexpr std::array<int, 8> kAwqOrder{0, 2, 4, 6, 1, 3, 5, 7};
constexpr int kAwqPack = 8;

std::uint32_t word(std::span<const std::byte> bytes, std::size_t index)
{
    std::uint32_t value = 0;
    for (std::size_t b = 4; b-- > 0;) {
        value = (value << 8) | std::to_integer<std::uint32_t>(bytes[index * 4 + b]);
    }
    return value;
}

std::unexpected<Error> badLayer(const std::string& module, const std::string& why)
{
    return fail(ErrorCode::BadHeader, "packed layer '" + module + "': " + why);
}

std::string shapeText(const Shape& shape)
{
    std::string text = "[";
    for (std::size_t d = 0; d < shape.size(); ++d) {
        text += (d == 0 ? "" : ", ") + std::to_string(shape[d]);
    }
    return text + "]";
}

struct Geometry
{
    std::int64_t out = 0;
    std::int64_t in = 0;
    std::int64_t groups = 0;
    std::int64_t groupSize = 0;
};

Result<Geometry> geometry(const PackedLayerFormat& format, const PackedLayerParts& parts,
                          const std::string& module)
{
    const auto is2d = [](const Shape& shape) {
        return shape.size() == 2;
    };
    if (!is2d(parts.qweightShape) || !is2d(parts.qzerosShape) || !is2d(parts.scalesShape)) {
        return badLayer(module, "qweight, qzeros and scales must be matrices");
    }
    if (format.bits != 2 && format.bits != 4 && format.bits != 8) {
        return badLayer(module, std::to_string(format.bits) +
                                    "-bit codes (QuantScope decodes 2, 4 and 8 bits)");
    }
    const std::int64_t pack = 32 / format.bits;
    Geometry g;
    if (format.method == PackedLayerFormat::Method::Gptq) {
        g.in = parts.qweightShape[0] * pack;
        g.out = parts.qweightShape[1];
    } else {
        if (format.bits != 4) {
            return badLayer(module, "AWQ's GEMM layout packs 4-bit codes only");
        }
        g.in = parts.qweightShape[0];
        g.out = parts.qweightShape[1] * kAwqPack;
    }
    g.groupSize = format.groupSize > 0 ? format.groupSize : g.in;
    if (g.in == 0 || g.out == 0 || g.in % g.groupSize != 0) {
        return badLayer(module, "qweight " + shapeText(parts.qweightShape) +
                                    " does not hold whole groups of " +
                                    std::to_string(g.groupSize) + " input rows");
    }
    g.groups = g.in / g.groupSize;
    const Shape scales{g.groups, g.out};
    const Shape zeros{g.groups,
                      g.out / (format.method == PackedLayerFormat::Method::Gptq ? pack : kAwqPack)};
    if (parts.scalesShape != scales || parts.qzerosShape != zeros || g.out % pack != 0) {
        return badLayer(module, "scales " + shapeText(parts.scalesShape) + " and qzeros " +
                                    shapeText(parts.qzerosShape) + " do not fit qweight " +
                                    shapeText(parts.qweightShape) + " (expected " +
                                    shapeText(scales) + " and " + shapeText(zeros) + ")");
    }
    return g;
}

Result<void> checkSizes(const PackedLayerParts& parts, const Geometry& g, const std::string& module)
{
    const auto expect = [](std::size_t bytes, std::int64_t words) {
        return bytes == static_cast<std::size_t>(words) * 4;
    };
    if (!expect(parts.qweight.size(), parts.qweightShape[0] * parts.qweightShape[1]) ||
        !expect(parts.qzeros.size(), parts.qzerosShape[0] * parts.qzerosShape[1]) ||
        parts.scales.size() != static_cast<std::size_t>(g.groups * g.out) ||
        (!parts.groupIndex.empty() && !expect(parts.groupIndex.size(), g.in))) {
        return badLayer(module, "a part holds fewer values than its shape needs, or g_idx is "
                                "not one entry per input row");
    }
    return {};
}

} // namespace

std::string packedLayerDtype(const PackedLayerFormat& format)
{
    return std::string(format.method == PackedLayerFormat::Method::Gptq ? "gptq" : "awq") + " int" +
           std::to_string(format.bits) +
           (format.groupSize > 0 ? " (group " + std::to_string(format.groupSize) + ")" : "");
}

Result<Shape> packedLayerShape(const PackedLayerFormat& format, const PackedLayerParts& parts,
                               const std::string& module)
{
    auto g = geometry(format, parts, module);
    if (!g) {
        return std::unexpected(g.error());
    }
    return Shape{g->out, g->in};
}

Result<DecodedLayer> decodePackedLayer(const PackedLayerFormat& format,
                                       const PackedLayerParts& parts, const std::string& module)
{
    auto g = geometry(format, parts, module);
    if (!g) {
        return std::unexpected(g.error());
    }
    if (auto ok = checkSizes(parts, *g, module); !ok) {
        return std::unexpected(ok.error());
    }
    const int bits = format.bits;
    const std::uint32_t mask = (1u << bits) - 1;
    const std::int64_t pack = 32 / bits;
    const bool gptq = format.method == PackedLayerFormat::Method::Gptq;
    const std::int64_t zeroColumns = parts.qzerosShape[1];
    std::vector<std::int64_t> groupOf(static_cast<std::size_t>(g->in));
    for (std::int64_t i = 0; i < g->in; ++i) {
        std::int64_t group = i / g->groupSize;
        if (!parts.groupIndex.empty()) {
            group = static_cast<std::int32_t>(word(parts.groupIndex, static_cast<std::size_t>(i)));
            if (group < 0 || group >= g->groups) {
                return badLayer(module, "g_idx[" + std::to_string(i) +
                                            "] = " + std::to_string(group) + ", outside its " +
                                            std::to_string(g->groups) + " groups");
            }
        }
        groupOf[static_cast<std::size_t>(i)] = group;
    }
    // Where output j's nibble sits within its word, for AWQ's interleaved order.
    std::array<int, kAwqPack> awqSlot{};
    for (int p = 0; p < kAwqPack; ++p) {
        awqSlot[static_cast<std::size_t>(kAwqOrder[static_cast<std::size_t>(p)])] = p;
    }
    const auto zeroAt = [&](std::int64_t group, std::int64_t j) -> std::int32_t {
        const std::int64_t perWord = gptq ? pack : kAwqPack;
        const int slot =
            gptq ? static_cast<int>(j % perWord) : awqSlot[static_cast<std::size_t>(j % perWord)];
        const std::uint32_t stored =
            (word(parts.qzeros, static_cast<std::size_t>(group * zeroColumns + j / perWord)) >>
             (bits * slot)) &
            mask;
        // v1 GPTQ stores zero − 1, and its kernels add the one back after unpacking (so a
        // stored 15 of 4 bits is a zero of 16).
        return static_cast<std::int32_t>(gptq && format.zeroStoredMinusOne ? stored + 1 : stored);
    };
    DecodedLayer decoded;
    const auto count = static_cast<std::size_t>(g->out * g->in);
    decoded.weight.resize(count);
    decoded.codes.resize(count);
    for (std::int64_t j = 0; j < g->out; ++j) {
        for (std::int64_t i = 0; i < g->in; ++i) {
            std::uint32_t code = 0;
            if (gptq) {
                code = (word(parts.qweight, static_cast<std::size_t>((i / pack) * g->out + j)) >>
                        (bits * (i % pack))) &
                       mask;
            } else {
                code = (word(parts.qweight,
                             static_cast<std::size_t>(i * parts.qweightShape[1] + j / kAwqPack)) >>
                        (4 * awqSlot[static_cast<std::size_t>(j % kAwqPack)])) &
                       mask;
            }
            const std::int64_t group = groupOf[static_cast<std::size_t>(i)];
            const double scale = parts.scales[static_cast<std::size_t>(group * g->out + j)];
            const auto at = static_cast<std::size_t>(j * g->in + i);
            decoded.codes[at] = static_cast<std::int32_t>(code);
            decoded.weight[at] = static_cast<float>(
                scale * (static_cast<double>(code) - static_cast<double>(zeroAt(group, j))));
        }
    }
    return decoded;
}

} // namespace qs
