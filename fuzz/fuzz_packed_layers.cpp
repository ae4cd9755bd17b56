// libFuzzer: the GPTQ / AWQ layer decoder on arbitrary parts. The first bytes choose the method,
// bits, group size and the parts' shapes (small, so the rest of the input fills them); the rest
// are the packed words, scales and g_idx.
#include "io/packed_layers.h"

#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 8) {
        return 0;
    }
    const std::uint8_t choice = data[0];
    qs::PackedLayerFormat format;
    format.method = (choice & 1) != 0 ? qs::PackedLayerFormat::Method::Awq
                                      : qs::PackedLayerFormat::Method::Gptq;
    format.bits = 1 << ((choice >> 1) % 4); // 1 (refused), 2, 4, 8
    format.groupSize = static_cast<std::int64_t>(data[1] % 40) - 1;
    format.zeroStoredMinusOne = (choice & 0x10) != 0;
    const auto dim = [&](std::size_t at) {
        return static_cast<std::int64_t>(data[at] % 9);
    };
    const qs::Shape qweight{dim(2), dim(3)};
    const qs::Shape qzeros{dim(4), dim(5)};
    const qs::Shape scales{dim(6), dim(7)};
    const auto rest = std::as_bytes(std::span(data + 8, size - 8));
    const std::size_t quarter = rest.size() / 4;
    std::vector<float> scaleValues(static_cast<std::size_t>(scales[0] * scales[1]), 0.5f);
    qs::PackedLayerParts parts{rest.subspan(0, quarter),
                               qweight,
                               rest.subspan(quarter, quarter),
                               qzeros,
                               std::move(scaleValues),
                               scales,
                               (choice & 0x20) != 0 ? rest.subspan(2 * quarter)
                                                    : std::span<const std::byte>{}};
    (void)qs::packedLayerShape(format, parts, "fuzz");
    (void)qs::decodePackedLayer(format, parts, "fuzz");
    return 0;
}
