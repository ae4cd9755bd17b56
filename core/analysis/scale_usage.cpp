#include "analysis/scale_usage.h"

#include "analysis/ggml_scale_usage.h"
#include "quant/e8m0.h"
#include "quant/ggml_formats.h"
#include "quant/minifloat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace qs {

std::size_t SubScaleCounts::codesUsed() const
{
    return static_cast<std::size_t>(
        std::count_if(counts.begin(), counts.end(), [](std::uint64_t n) { return n > 0; }));
}

std::uint64_t SubScaleCounts::total() const
{
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

std::uint64_t SubScaleCounts::count(std::int32_t code) const
{
    const std::int64_t at = std::int64_t{code} - first;
    return at >= 0 && at < static_cast<std::int64_t>(counts.size())
               ? counts[static_cast<std::size_t>(at)]
               : 0;
}

std::size_t ScaleUsage::codesUsed() const
{
    return static_cast<std::size_t>(
        std::count_if(codeCounts.begin(), codeCounts.end(), [](std::uint64_t n) { return n > 0; }));
}

ScaleStorageKind scaleStorageOf(const Analysis& analysis)
{
    switch (formatInfo(analysis.spec.format.format).family) {
    case FormatFamily::Mx:
        return ScaleStorageKind::E8M0;
    case FormatFamily::Nvfp4:
        return ScaleStorageKind::E4M3;
    case FormatFamily::Bitsandbytes:
        return ScaleStorageKind::Float32;
    case FormatFamily::Minifloat:
        // One scale for the whole tensor has nothing to count.
        return analysis.params.size() > 1 && !analysis.spec.format.noScale
                   ? ScaleStorageKind::Float32
                   : ScaleStorageKind::None;
    case FormatFamily::Ggml:
        return ggmlScaleStorage(ggmlTypeOf(analysis.spec.format.format));
    case FormatFamily::Integer:
        break;
    }
    return ScaleStorageKind::None;
}

double scaleCodeValue(ScaleStorageKind storage, std::int32_t code)
{
    const auto bits = static_cast<std::uint32_t>(code) & 0xFFu;
    switch (storage) {
    case ScaleStorageKind::E8M0:
        return e8m0Value(static_cast<std::uint8_t>(bits));
    case ScaleStorageKind::E4M3:
        return kE4M3.decode(bits);
    case ScaleStorageKind::Float32:
    case ScaleStorageKind::Fp16:
    case ScaleStorageKind::None:
        break;
    }
    return std::nan("");
}

double storedScale(const Analysis& analysis, std::size_t group)
{
    const QuantParams& p = analysis.params.at(group);
    const ScaleStorageKind storage = scaleStorageOf(analysis);
    if ((storage == ScaleStorageKind::E8M0 || storage == ScaleStorageKind::E4M3) &&
        p.scaleCode >= 0) {
        return scaleCodeValue(storage, p.scaleCode);
    }
    return p.scale;
}

Histogram binScaleValues(std::span<const double> scales, std::size_t bins)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const double scale : scales) {
        if (std::isfinite(scale)) {
            lo = std::min(lo, scale);
            hi = std::max(hi, scale);
        }
    }
    if (!(lo <= hi)) {
        lo = hi = 0; // every scale non-finite: an empty histogram at 0
    }
    if (!(hi > lo)) { // one scale for every block: a bin around it
        const double pad = lo == 0 ? 0.5 : 0.5 * std::fabs(lo);
        lo -= pad;
        hi += pad;
    }
    Histogram histogram = makeHistogram(lo, hi, std::max<std::size_t>(bins, 1));
    const double width = histogram.binWidth();
    const std::size_t last = histogram.bins() - 1;
    for (const double scale : scales) {
        if (!std::isfinite(scale)) {
            continue;
        }
        // The largest scale belongs to the last bin, which is closed.
        const auto bin = static_cast<std::size_t>(std::max(0.0, (scale - lo) / width));
        ++histogram.counts[std::min(bin, last)];
    }
    return histogram;
}

ScaleUsage scaleUsage(const Analysis& analysis, std::size_t valueBins)
{
    ScaleUsage usage;
    usage.storage = scaleStorageOf(analysis);
    if (usage.storage == ScaleStorageKind::None || analysis.params.empty() ||
        isGgmlFormat(analysis.spec.format.format)) {
        return usage;
    }
    usage.blocks = analysis.params.size();
    if (usage.storage == ScaleStorageKind::Float32) {
        std::vector<double> scales;
        scales.reserve(analysis.params.size());
        for (const QuantParams& p : analysis.params) {
            scales.push_back(p.scale);
        }
        usage.values = binScaleValues(scales, valueBins);
        return usage;
    }
    usage.lowestCode = 255;
    usage.highestCode = 0;
    for (const QuantParams& p : analysis.params) {
        const std::int32_t code = std::clamp(p.scaleCode, 0, 255);
        ++usage.codeCounts[static_cast<std::size_t>(code)];
        usage.lowestCode = std::min(usage.lowestCode, code);
        usage.highestCode = std::max(usage.highestCode, code);
    }
    return usage;
}

ScaleUsage scaleUsage(const Analysis& analysis, std::span<const std::byte> ggmlBlocks,
                      std::size_t valueBins)
{
    if (!isGgmlFormat(analysis.spec.format.format)) {
        return scaleUsage(analysis, valueBins);
    }
    return ggmlScaleUsage(ggmlTypeOf(analysis.spec.format.format), ggmlBlocks, valueBins);
}

} // namespace qs
