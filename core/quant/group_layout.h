#pragma once
// How a tensor's values split into quantization groups, each with its own parameters:
//   Tensor   one group
//   Channel  one group per index along an axis (PyTorch per-channel, AIMET); the analysis first
//            moves that axis to the front, so every channel is one contiguous run
//   Group    runs of `groupSize` values along the last axis (llama.cpp blocks, GPTQ groups); a
//            row whose length is not a multiple of the size ends in a shorter group
// In every case group g is the contiguous range [start(g), start(g) + length(g)) of the values
// as the analysis sees them.

#include "common/error.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

namespace qs {

struct GroupLayout
{
    Granularity granularity = Granularity::Tensor;
    std::size_t rows = 1;      // 1, the channels, or the rows of the last axis
    std::size_t rowLength = 0; // values per row
    std::size_t groupSize = 0; // values per group within a row (the row for Tensor and Channel)
    int axis = 0;              // Channel: the (non-negative) channel axis

    std::size_t groupsPerRow() const
    {
        return groupSize == 0 ? 0 : (rowLength + groupSize - 1) / groupSize;
    }
    std::size_t groupCount() const { return rows * groupsPerRow(); }
    std::size_t start(std::size_t group) const
    {
        const std::size_t perRow = groupsPerRow();
        return (group / perRow) * rowLength + (group % perRow) * groupSize;
    }
    // The group of the value at `index`.
    std::size_t groupOf(std::size_t index) const
    {
        if (rowLength == 0 || groupSize == 0) {
            return 0;
        }
        return (index / rowLength) * groupsPerRow() + (index % rowLength) / groupSize;
    }
    std::size_t length(std::size_t group) const
    {
        const std::size_t inRow = (group % groupsPerRow()) * groupSize;
        return std::min(groupSize, rowLength - inRow);
    }

    friend bool operator==(const GroupLayout&, const GroupLayout&) = default;
};

// Walks the groups of a layout in order without a division per group (the blocks of a format
// are many and small): the group, where it starts and how long it is.
struct GroupCursor
{
    std::size_t group = 0;
    std::size_t start = 0;
    std::size_t length = 0;
    std::size_t inRow = 0;  // the group's index within its row
    std::size_t perRow = 1; // groups per row

    // The cursor at the group holding the value at `index`.
    static GroupCursor at(const GroupLayout& layout, std::size_t index)
    {
        GroupCursor c;
        c.group = layout.groupOf(index);
        c.perRow = std::max<std::size_t>(1, layout.groupsPerRow());
        c.inRow = c.group % c.perRow;
        c.start = (c.group / c.perRow) * layout.rowLength + c.inRow * layout.groupSize;
        c.length = std::min(layout.groupSize, layout.rowLength - c.inRow * layout.groupSize);
        return c;
    }
    // Moves to the next group: it starts where this one ends.
    void advance(const GroupLayout& layout)
    {
        ++group;
        start += length;
        if (++inRow == perRow) {
            inRow = 0;
        }
        length = std::min(layout.groupSize, layout.rowLength - inRow * layout.groupSize);
    }
};

// The layout `spec` asks for on a tensor of `shape` (count values): its granularity for the
// integer grid and the minifloats; the format's own blocks for MX (32 along the last axis), NVFP4
// (16) and bitsandbytes (spec.format.blockSize values of the flattened tensor).
// Errors: InvalidArgument for an axis outside the shape, a group size of 0, channels on a 0-d
// tensor.
Result<GroupLayout> makeGroupLayout(const Shape& shape, std::size_t count, const QuantSpec& spec);

// The group of the element at C-order `index` of a tensor of `shape` (for channels on another
// axis than the first, before the analysis moves that axis to the front).
std::size_t groupOfElement(const GroupLayout& layout, const Shape& shape, std::size_t index);

// C-order values of `shape` rearranged so that `axis` comes first (numpy.moveaxis(x, axis, 0)),
// and back.
std::vector<float> moveAxisToFront(std::span<const float> values, const Shape& shape, int axis);
template <typename T>
void moveFrontToAxis(std::span<const T> front, const Shape& shape, int axis, std::span<T> out);

} // namespace qs
