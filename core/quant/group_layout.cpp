#include "quant/group_layout.h"

#include "quant/ggml_formats.h"

#include <cassert>
#include <string>

namespace qs {
namespace {

// For shape (..., A, ...) with `axis` of length A: `outer` values before it, `inner` after.
struct AxisSplit
{
    std::size_t outer = 1;
    std::size_t length = 1;
    std::size_t inner = 1;
};

AxisSplit splitAt(const Shape& shape, int axis)
{
    AxisSplit split;
    for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
        const auto dim = static_cast<std::size_t>(shape[static_cast<std::size_t>(d)]);
        if (d < axis) {
            split.outer *= dim;
        } else if (d == axis) {
            split.length = dim;
        } else {
            split.inner *= dim;
        }
    }
    return split;
}

} // namespace

Result<GroupLayout> makeGroupLayout(const Shape& shape, std::size_t count, const QuantSpec& spec)
{
    GroupLayout layout;
    const FormatInfo& format = formatInfo(spec.format.format);
    if (format.family == FormatFamily::Bitsandbytes) {
        // Blocks of the flattened tensor, the last one shorter.
        if (spec.format.blockSize < kBnbMinBlockSize || spec.format.blockSize > kBnbMaxBlockSize) {
            return fail(ErrorCode::InvalidArgument,
                        "block size must be between " + std::to_string(kBnbMinBlockSize) + " and " +
                            std::to_string(kBnbMaxBlockSize) + ", got " +
                            std::to_string(spec.format.blockSize));
        }
        layout.granularity = Granularity::Group;
        layout.rows = 1;
        layout.rowLength = count;
        layout.groupSize = static_cast<std::size_t>(spec.format.blockSize);
        return layout;
    }
    if (format.family == FormatFamily::Ggml) {
        // ggml's blocks tile each row (the last axis) exactly; a group is one sub-block, the
        // values that share a scale.
        const ggml::TypeInfo& type = ggmlTypeOf(spec.format.format);
        const std::size_t rowLength =
            shape.empty() ? count : static_cast<std::size_t>(shape.back());
        if (auto ok = ggml::checkRowLength(type, rowLength); !ok) {
            return std::unexpected(ok.error());
        }
        layout.granularity = Granularity::Group;
        layout.rows = rowLength == 0 ? 0 : count / rowLength;
        layout.rowLength = rowLength;
        layout.groupSize = type.gridValues;
        return layout;
    }
    if (format.fixedBlockSize > 0) {
        // MX and NVFP4: blocks along the last axis, a row's last block shorter.
        QuantSpec blocks = spec;
        blocks.granularity = Granularity::Group;
        blocks.groupSize = format.fixedBlockSize;
        blocks.format.format = NumberFormat::Integer;
        return makeGroupLayout(shape, count, blocks);
    }
    layout.granularity = spec.granularity;
    switch (spec.granularity) {
    case Granularity::Tensor:
        layout.rows = 1;
        layout.rowLength = count;
        layout.groupSize = count;
        return layout;
    case Granularity::Channel: {
        const int rank = static_cast<int>(shape.size());
        const int axis = spec.axis < 0 ? spec.axis + rank : spec.axis;
        if (rank == 0 || axis < 0 || axis >= rank) {
            return fail(ErrorCode::InvalidArgument, "channel axis " + std::to_string(spec.axis) +
                                                        " is outside the tensor's shape " +
                                                        shapeToString(shape));
        }
        layout.axis = axis;
        layout.rows = static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]);
        layout.rowLength = layout.rows == 0 ? 0 : count / layout.rows;
        layout.groupSize = layout.rowLength;
        return layout;
    }
    case Granularity::Group: {
        if (spec.groupSize <= 0) {
            return fail(ErrorCode::InvalidArgument, "group size must be at least 1");
        }
        const std::size_t last = shape.empty() ? 1 : static_cast<std::size_t>(shape.back());
        layout.rowLength = last;
        layout.rows = last == 0 ? 0 : count / last;
        layout.groupSize = static_cast<std::size_t>(spec.groupSize);
        return layout;
    }
    }
    return fail(ErrorCode::InvalidArgument, "unknown granularity");
}

std::size_t groupOfElement(const GroupLayout& layout, const Shape& shape, std::size_t index)
{
    if (layout.granularity == Granularity::Channel) {
        const AxisSplit s = splitAt(shape, layout.axis);
        return (index / s.inner) % s.length;
    }
    return layout.groupOf(index);
}

std::vector<float> moveAxisToFront(std::span<const float> values, const Shape& shape, int axis)
{
    const AxisSplit s = splitAt(shape, axis);
    assert(s.outer * s.length * s.inner == values.size());
    std::vector<float> front(values.size());
    // out[a][o][i] = in[o][a][i]
    for (std::size_t o = 0; o < s.outer; ++o) {
        for (std::size_t a = 0; a < s.length; ++a) {
            const float* from = values.data() + (o * s.length + a) * s.inner;
            std::copy(from, from + s.inner, front.data() + (a * s.outer + o) * s.inner);
        }
    }
    return front;
}

template <typename T>
void moveFrontToAxis(std::span<const T> front, const Shape& shape, int axis, std::span<T> out)
{
    const AxisSplit s = splitAt(shape, axis);
    assert(front.size() == out.size());
    for (std::size_t o = 0; o < s.outer; ++o) {
        for (std::size_t a = 0; a < s.length; ++a) {
            const T* from = front.data() + (a * s.outer + o) * s.inner;
            std::copy(from, from + s.inner, out.data() + (o * s.length + a) * s.inner);
        }
    }
}

template void moveFrontToAxis<float>(std::span<const float>, const Shape&, int, std::span<float>);
template void moveFrontToAxis<std::int32_t>(std::span<const std::int32_t>, const Shape&, int,
                                            std::span<std::int32_t>);

} // namespace qs
