#pragma once
// Statistics of every quantization group (finite values only): what per-channel and per-group
// calibration start from, and what the per-channel range plot draws.

#include "quant/group_layout.h"

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct GroupStats
{
    std::size_t finite = 0;
    double min = 0; // NaN when the group has no finite value
    double max = 0;
    double mean = 0;
    double std = 0;
    // The first value with the largest magnitude, sign kept (llama.cpp's Q4_0 scales by it).
    float signedPeak = 0;
    // mean |R − mean|, the Laplace scale b (filled only when asked for)
    double meanAbsDeviation = 0;

    friend bool operator==(const GroupStats&, const GroupStats&) = default;
};

struct GroupStatsOptions
{
    bool meanAbsDeviation = false; // a second pass over each group
    unsigned threads = 0;
    // SIMD lanes across each group, for the many small blocks of a format: the same min, max and
    // finite count; mean and std from float32 lane sums about the group's first finite value
    // (32 terms per lane, then double); no signed peak.
    bool lanes = false;
};

std::vector<GroupStats> computeGroupStats(std::span<const float> values, const GroupLayout& layout,
                                          const GroupStatsOptions& options = {});

} // namespace qs
