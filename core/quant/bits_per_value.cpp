#include "quant/bits_per_value.h"

#include "quant/format_params.h"
#include "quant/group_layout.h"

namespace qs {
namespace {

// The values per scale block that grows with the tensor, 0 when the groups are a fixed number.
std::size_t growingBlockSize(const QuantSpec& spec)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    if (info.fixedBlockSize > 0) {
        return static_cast<std::size_t>(info.fixedBlockSize);
    }
    if (info.family == FormatFamily::Bitsandbytes) {
        return static_cast<std::size_t>(spec.format.blockSize);
    }
    return spec.granularity == Granularity::Group && spec.groupSize > 0
               ? static_cast<std::size_t>(spec.groupSize)
               : 0;
}

} // namespace

Result<double> bitsPerValueOn(const QuantSpec& spec, const Shape& shape)
{
    const auto count = elementCount(shape);
    if (!count) {
        return fail(ErrorCode::InvalidArgument,
                    "the shape " + shapeToString(shape) + " holds more values than can be counted");
    }
    auto layout = makeGroupLayout(shape, static_cast<std::size_t>(*count), spec);
    if (!layout) {
        return std::unexpected(layout.error());
    }
    return bitsPerValue(spec, layout->groupCount(), static_cast<std::size_t>(*count));
}

double asymptoticBitsPerValue(const QuantSpec& spec)
{
    // bitsPerValue is element + (per-group bits · groups + per-tensor bits) / count. With groups
    // = count / B (or a fixed 1) it is affine in 1/count, so its values at count = B and 2B (or
    // 1 and 2) give the limit exactly: 2·f(2B) − f(B).
    const std::size_t block = growingBlockSize(spec);
    const std::size_t count = block > 0 ? block : 1;
    const std::size_t groupsAtDouble = block > 0 ? 2 : 1;
    return 2 * bitsPerValue(spec, groupsAtDouble, 2 * count) - bitsPerValue(spec, 1, count);
}

} // namespace qs
