#include "tensor/tensor.h"

namespace qs {

std::optional<std::uint64_t> elementCount(const Shape& shape, std::uint64_t limit)
{
    std::uint64_t count = 1;
    for (const std::int64_t dim : shape) {
        if (dim < 0) {
            return std::nullopt;
        }
        const auto udim = static_cast<std::uint64_t>(dim);
        if (udim != 0 && count > limit / udim) {
            return std::nullopt;
        }
        count *= udim;
    }
    return count <= limit ? std::optional(count) : std::nullopt;
}

std::string shapeToString(const Shape& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) {
            text += ", ";
        }
        text += std::to_string(shape[i]);
    }
    text += ']';
    return text;
}

} // namespace qs
