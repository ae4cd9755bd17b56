#pragma once
// How the streamed passes see a spec's groups: one group for the whole tensor, or channels along
// the first axis (each channel one run of `inner` values) or along the last (value i belongs to
// channel i mod `channels`). Internal to core/analysis.

#include "quant/quant_spec.h"
#include "tensor/tensor.h"

#include <cstddef>
#include <optional>

namespace qs {

struct ChannelRuns
{
    std::size_t channels = 1;
    bool lastAxis = false;

    std::size_t inner(std::size_t count) const { return count / channels; }
    friend bool operator==(const ChannelRuns&, const ChannelRuns&) = default;
};

// nullopt for granularities the streamed passes do not cover (groups, blocks, a middle axis).
inline std::optional<ChannelRuns> channelRunsOf(const QuantSpec& spec, const Shape& shape)
{
    if (spec.granularity == Granularity::Tensor) {
        return ChannelRuns{};
    }
    const int rank = static_cast<int>(shape.size());
    const int axis = spec.axis < 0 ? rank + spec.axis : spec.axis;
    if (spec.granularity != Granularity::Channel || rank < 1 || axis < 0 || axis >= rank ||
        (axis != 0 && axis != rank - 1) || shape[static_cast<std::size_t>(axis)] <= 0) {
        return std::nullopt;
    }
    const auto channels = static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]);
    // A channel axis that is both first and last (rank 1) is the first.
    return ChannelRuns{channels, axis != 0};
}

} // namespace qs
