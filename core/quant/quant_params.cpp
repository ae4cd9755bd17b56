#include "quant/quant_params.h"

#include "quant/codebook.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace qs {

IntegerRange integerRange(int bits, bool isSigned, bool narrowRange)
{
    assert(bits >= 1 && bits <= 31);
    IntegerRange range;
    if (isSigned) {
        range.qmin = -(std::int32_t{1} << (bits - 1));
        range.qmax = (std::int32_t{1} << (bits - 1)) - 1;
    } else {
        range.qmin = 0;
        range.qmax = static_cast<std::int32_t>((std::int64_t{1} << bits) - 1);
    }
    if (narrowRange) {
        range.qmin += 1;
    }
    return range;
}

int ElementType::codeCount() const
{
    switch (kind) {
    case ElementKind::Minifloat:
        return minifloat.codeCount();
    case ElementKind::Codebook:
        return codebook->codeCount();
    case ElementKind::Integer:
        break;
    }
    return 0;
}

float QuantParams::dequantize(std::int32_t code) const
{
    switch (element.kind) {
    case ElementKind::Minifloat:
        return element.minifloat.decode(static_cast<std::uint32_t>(code)) * elementScale() *
               outerScale;
    case ElementKind::Codebook:
        return element.codebook->decode(code) * elementScale() * outerScale;
    case ElementKind::Integer:
        break;
    }
    const float r = (static_cast<float>(code) - elementZeroPoint()) * elementScale();
    return addend != 0 ? r + addend : r;
}

namespace {

// A codebook's lowest and highest level times the scales. Tables need not be symmetric (ggml's
// IQ4 table runs from −127 to 113); a sign-magnitude table is.
std::pair<float, float> codebookEnds(const QuantParams& p)
{
    const Codebook& book = *p.element.codebook;
    const float low = book.signMagnitude ? -book.maxMagnitude() : book.levels[0];
    const float scale = p.elementScale() * p.outerScale;
    const float a = low * scale;
    const float b = book.maxMagnitude() * scale;
    return {std::min(a, b), std::max(a, b)};
}

} // namespace

float QuantParams::representableMin() const
{
    if (element.kind == ElementKind::Integer) {
        return std::min(dequantize(qmin), dequantize(qmax));
    }
    if (element.kind == ElementKind::Codebook) {
        return codebookEnds(*this).first;
    }
    return -representableMax();
}

float QuantParams::representableMax() const
{
    switch (element.kind) {
    case ElementKind::Minifloat:
        return std::fabs(element.minifloat.maxFinite() * elementScale() * outerScale);
    case ElementKind::Codebook:
        return codebookEnds(*this).second;
    case ElementKind::Integer:
        break;
    }
    return std::max(dequantize(qmin), dequantize(qmax));
}

double QuantParams::largestStep() const
{
    const double scaling = std::fabs(static_cast<double>(elementScale()) * outerScale);
    switch (element.kind) {
    case ElementKind::Minifloat: {
        const MinifloatType& t = element.minifloat;
        return static_cast<double>(simd::powerOfTwo(t.maxExponent() - t.mantissaBits)) * scaling;
    }
    case ElementKind::Codebook: {
        const Codebook& book = *element.codebook;
        double widest = 0;
        for (int i = 0; i + 1 < book.levelCount; ++i) {
            widest =
                std::max(widest, static_cast<double>(book.levels[static_cast<std::size_t>(i) + 1]) -
                                     book.levels[static_cast<std::size_t>(i)]);
        }
        // A sign-magnitude table also has the gap across zero, from −min to +min: 2·levels[0] = 0.
        return widest * scaling;
    }
    case ElementKind::Integer:
        break;
    }
    return std::fabs(static_cast<double>(elementScale()));
}

} // namespace qs
