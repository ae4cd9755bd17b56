#include "quant/ggml_formats.h"

#include "quant/codebook.h"

#include <cassert>

namespace qs {

bool isGgmlFormat(NumberFormat format)
{
    return formatInfo(format).family == FormatFamily::Ggml;
}

const ggml::TypeInfo& ggmlTypeOf(NumberFormat format)
{
    assert(isGgmlFormat(format));
    const ggml::TypeInfo* type = ggml::typeByOption(formatInfo(format).name);
    assert(type != nullptr);
    return *type;
}

std::optional<NumberFormat> formatOfGgmlType(const ggml::TypeInfo& type)
{
    if (type.option.empty()) {
        return std::nullopt;
    }
    return numberFormatFromName(type.option);
}

ElementType ggmlElementType(const ggml::TypeInfo& type)
{
    ElementType element;
    if (type.name == "iq4_nl" || type.name == "iq4_xs") {
        element.kind = ElementKind::Codebook;
        element.codebook = &ggmlIq4Codebook();
    } else if (type.name == "mxfp4" || type.name == "nvfp4") {
        element.kind = ElementKind::Codebook;
        element.codebook = &ggmlE2m1Codebook();
    }
    return element;
}

std::vector<QuantParams> ggmlGridParams(const ggml::TypeInfo& type,
                                        std::span<const ggml::SubBlockGrid> grids)
{
    QuantParams shared;
    shared.element = ggmlElementType(type);
    if (shared.element.kind == ElementKind::Integer) {
        shared.qmin = type.codeMin;
        shared.qmax = type.codeMin + static_cast<std::int32_t>(type.codeCount()) - 1;
        // level(code) = code − Z on these evenly spaced grids
        shared.zeroPoint = type.codeMin - static_cast<std::int32_t>(type.levels.front());
    } else {
        shared.qmin = 0;
        shared.qmax = shared.element.codeCount() - 1;
        shared.zeroPoint = shared.element.codebook->zeroCode();
    }
    std::vector<QuantParams> params(grids.size(), shared);
    for (std::size_t g = 0; g < grids.size(); ++g) {
        QuantParams& p = params[g];
        p.scale = grids[g].scale;
        p.addend = type.hasOffset ? grids[g].offset : 0.0f;
        p.clipMin = p.representableMin();
        p.clipMax = p.representableMax();
    }
    return params;
}

} // namespace qs
