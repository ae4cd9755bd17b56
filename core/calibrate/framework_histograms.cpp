#include "calibrate/framework_histograms.h"

#include <algorithm>
#include <cmath>

namespace qs {

FiniteExtremes finiteExtremes(std::span<const float> values)
{
    FiniteExtremes e;
    bool first = true;
    for (const float x : values) {
        if (!std::isfinite(x)) {
            continue;
        }
        e.min = first ? x : std::min(e.min, x);
        e.max = first ? x : std::max(e.max, x);
        first = false;
    }
    e.absMax = std::max(std::fabs(e.min), std::fabs(e.max));
    return e;
}

// aten's linspace kernel: the bulk of the output, in pairs of 8-wide vectors (AVX2), is
// Vectorized::arange(base, step) — base + k·step for k = 0..7 — from a base computed once per
// vector (one rounding: the compiler fuses the multiply and add); what is left over at the end
// is computed element by element. Either form counts from `start` below `steps`/2 and back from
// `end` above it.
std::vector<float> torchLinspace(float start, float end, int steps)
{
    std::vector<float> out(static_cast<std::size_t>(std::max(steps, 0)));
    if (steps == 1) {
        out[0] = start;
    }
    if (steps < 2) {
        return out;
    }
    constexpr int kLanes = 8;
    const float step = (end - start) / static_cast<float>(steps - 1);
    const int halfway = steps / 2;
    const int vectorised = steps / (2 * kLanes) * (2 * kLanes);
    const auto fromEnds = [&](int idx) {
        return idx < halfway ? std::fma(step, static_cast<float>(idx), start)
                             : std::fma(-step, static_cast<float>(steps - idx - 1), end);
    };
    for (int base = 0; base < vectorised; base += kLanes) {
        const float first = fromEnds(base);
        for (int k = 0; k < kLanes; ++k) {
            out[static_cast<std::size_t>(base + k)] = first + static_cast<float>(k) * step;
        }
    }
    for (int idx = vectorised; idx < steps; ++idx) {
        out[static_cast<std::size_t>(idx)] = idx < halfway
                                                 ? start + step * static_cast<float>(idx)
                                                 : end - step * static_cast<float>(steps - idx - 1);
    }
    return out;
}

FrameworkHistogram torchAbsHistogram(std::span<const float> values, int bins)
{
    bool anyNegative = false;
    float max = 0;
    for (const float x : values) {
        if (std::isfinite(x)) {
            anyNegative = anyNegative || x < 0;
            max = std::max(max, std::fabs(x));
        }
    }
    float lo = 0;
    float hi = max;
    if (lo == hi) { // torch.histc widens an empty range by 1 on each side
        lo -= 1;
        hi += 1;
    }
    FrameworkHistogram h;
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    h.edges = torchLinspace(0, max, bins + 1);
    const float width = hi - lo;
    const auto binCount = static_cast<float>(bins);
    for (const float value : values) {
        if (!std::isfinite(value)) {
            continue;
        }
        const float x = anyNegative ? std::fabs(value) : value;
        if (!(x >= lo && x <= hi)) {
            continue;
        }
        auto pos = static_cast<std::int64_t>((x - lo) * binCount / width);
        pos = std::min<std::int64_t>(pos, bins - 1);
        ++h.counts[static_cast<std::size_t>(pos)];
    }
    return h;
}

FrameworkHistogram numpyHistogram(std::span<const float> values, int bins, float first, float last,
                                  bool absolute)
{
    double lo = first;
    double hi = last;
    if (lo == hi) {
        lo -= 0.5;
        hi += 0.5;
    }
    FrameworkHistogram h;
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    h.edges.resize(static_cast<std::size_t>(bins) + 1);
    const double step = (hi - lo) / bins;
    for (int k = 0; k < bins; ++k) {
        h.edges[static_cast<std::size_t>(k)] = static_cast<float>(k * step + lo);
    }
    h.edges.back() = static_cast<float>(hi);
    const float lowest = h.edges.front();
    const float highest = h.edges.back();
    for (const float value : values) {
        const float x = absolute ? std::fabs(value) : value;
        if (!(x >= lowest && x <= highest)) { // also leaves out NaN
            continue;
        }
        // A first guess by division, then the edges decide, as NumPy's own correction does.
        auto k = static_cast<std::int64_t>((static_cast<double>(x) - lo) / step);
        k = std::clamp<std::int64_t>(k, 0, bins - 1);
        while (k > 0 && x < h.edges[static_cast<std::size_t>(k)]) {
            --k;
        }
        while (k < bins - 1 && x >= h.edges[static_cast<std::size_t>(k) + 1]) {
            ++k;
        }
        ++h.counts[static_cast<std::size_t>(k)];
    }
    return h;
}

} // namespace qs
