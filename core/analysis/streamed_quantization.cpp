#include "analysis/streamed_quantization.h"

#include "analysis/quantize_pass.h"
#include "common/parallel_chunks.h"
#include "quant/choose_params.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

constexpr std::size_t kSliceSize = std::size_t{1} << 18;

// Channels as the streamed passes see them: along the first axis each channel is one run of
// `inner` values; along the last, value i belongs to channel i mod `channels`.
struct Channels
{
    std::size_t channels = 1;
    bool lastAxis = false;
    std::size_t inner(std::size_t count) const { return count / channels; }
    std::size_t of(std::size_t index, std::size_t count) const
    {
        return lastAxis ? index % channels : index / inner(count);
    }
};

std::optional<Channels> channelsOf(const QuantSpec& spec, const Shape& shape)
{
    if (spec.granularity == Granularity::Tensor) {
        return Channels{};
    }
    const int rank = static_cast<int>(shape.size());
    const int axis = spec.axis < 0 ? rank + spec.axis : spec.axis;
    if (spec.granularity != Granularity::Channel || rank < 1 || axis < 0 || axis >= rank ||
        (axis != 0 && axis != rank - 1) || shape[static_cast<std::size_t>(axis)] <= 0) {
        return std::nullopt;
    }
    const auto channels = static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]);
    // A channel axis that is both first and last (rank 1) is the first.
    return Channels{channels, axis != 0};
}

// Slices that never split what one quantizePass call must see whole: runs of whole channels
// (first axis), pieces of one channel (first axis, long channels), or whole rows (last axis).
std::vector<SliceRange> channelSlices(std::size_t count, const Channels& c)
{
    if (c.channels <= 1) {
        return evenSlices(count, kSliceSize);
    }
    std::vector<SliceRange> slices;
    if (c.lastAxis) {
        const std::size_t rows = std::max<std::size_t>(1, kSliceSize / c.channels);
        for (std::size_t begin = 0; begin < count; begin += rows * c.channels) {
            slices.push_back({begin, std::min(count, begin + rows * c.channels)});
        }
        return slices;
    }
    const std::size_t inner = c.inner(count);
    if (inner >= kSliceSize) {
        for (std::size_t channel = 0; channel < c.channels; ++channel) {
            for (std::size_t at = 0; at < inner; at += kSliceSize) {
                slices.push_back(
                    {channel * inner + at, channel * inner + std::min(inner, at + kSliceSize)});
            }
        }
        return slices;
    }
    const std::size_t perSlice = std::max<std::size_t>(1, kSliceSize / inner);
    for (std::size_t begin = 0; begin < count; begin += perSlice * inner) {
        slices.push_back({begin, std::min(count, begin + perSlice * inner)});
    }
    return slices;
}

std::vector<RealRange> channelExtremes(const ValueSource& source, const Channels& c,
                                       std::span<const SliceRange> slices, unsigned threads)
{
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<RealRange>> perWorker(
        threads, std::vector<RealRange>(c.channels, RealRange{inf, -inf}));
    const std::size_t count = source.size();
    const auto widen = [](RealRange& r, float lo, float hi) {
        r.lo = std::min<double>(r.lo, lo);
        r.hi = std::max<double>(r.hi, hi);
    };
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t slice, std::span<const float> values) {
                     auto& ranges = perWorker[worker];
                     const std::size_t begin = slices[slice].begin;
                     // Runs of one channel: along the first axis a channel's stretch of the
                     // slice, along the last a single value.
                     const std::size_t run = c.lastAxis ? 1 : c.inner(count);
                     for (std::size_t i = 0; i < values.size();) {
                         const std::size_t channel = c.of(begin + i, count);
                         const std::size_t end =
                             std::min(values.size(), i + run - (begin + i) % run);
                         float lo = std::numeric_limits<float>::infinity();
                         float hi = -lo;
                         for (; i < end; ++i) {
                             const float x = values[i];
                             const bool finite = std::isfinite(x);
                             lo = finite && x < lo ? x : lo;
                             hi = finite && x > hi ? x : hi;
                         }
                         widen(ranges[channel], lo, hi);
                     }
                 });
    std::vector<RealRange> merged = perWorker.front();
    for (std::size_t w = 1; w < perWorker.size(); ++w) {
        for (std::size_t ch = 0; ch < c.channels; ++ch) {
            merged[ch].lo = std::min(merged[ch].lo, perWorker[w][ch].lo);
            merged[ch].hi = std::max(merged[ch].hi, perWorker[w][ch].hi);
        }
    }
    // A channel without a finite value gets the NaN extremes analyzeTensor gives it.
    for (RealRange& r : merged) {
        if (r.lo > r.hi) {
            r = {std::numeric_limits<double>::quiet_NaN(),
                 std::numeric_limits<double>::quiet_NaN()};
        }
    }
    return merged;
}

struct SliceError
{
    double signal = 0;
    double error = 0;
    std::uint64_t finite = 0;
    std::uint64_t atZero = 0;
    bool failed = false;
};

} // namespace

bool canStream(const QuantSpec& spec, const Shape& shape)
{
    // The other number formats, and scales rounded to their storage, take analyzeTensor.
    return spec.isIntegerGrid() && spec.format.scaleStorage == ScaleStorage::Native &&
           spec.calibration.method == CalibrationMethod::MinMax &&
           spec.rounding != Rounding::Stochastic &&
           (spec.convention == Convention::Tutorial || spec.convention == Convention::PyTorch) &&
           channelsOf(spec, shape).has_value();
}

TensorStats streamedStats(const ValueSource& source, unsigned threads)
{
    threads = resolveThreadCount(source.size(), threads);
    const auto slices = evenSlices(source.size(), kSliceSize);
    std::vector<TensorStats> parts(slices.size());
    forEachSlice(source, slices, threads,
                 [&](unsigned, std::size_t slice, std::span<const float> values) {
                     parts[slice] = computeStats(values, {1, {}});
                 });
    TensorStats stats;
    for (const TensorStats& part : parts) {
        stats = stats.count == 0 ? part : combineStats(stats, part);
    }
    if (stats.finiteCount == 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        stats.min = stats.max = stats.mean = stats.std = stats.absMax = nan;
    }
    return stats;
}

Result<QuantSummary> streamedQuantization(const ValueSource& source, const Shape& shape,
                                          const QuantSpec& spec, const TensorStats& stats,
                                          unsigned threads)
{
    const auto channels = channelsOf(spec, shape);
    if (!channels || !canStream(spec, shape)) {
        return fail(ErrorCode::InvalidArgument, "this scheme needs the whole tensor");
    }
    const std::size_t count = source.size();
    if (count == 0 || stats.finiteCount == 0) {
        return failWith(ErrorCode::NoFiniteValues,
                        QS_TRANSLATABLE("Error", "the tensor has no finite values"), {});
    }
    threads = resolveThreadCount(count, threads);
    const auto slices = channelSlices(count, *channels);

    // Parameters from each group's extremes, as analyzeTensor's min–max calibration chooses them.
    const std::vector<RealRange> extremes =
        channels->channels > 1 ? channelExtremes(source, *channels, slices, threads)
                               : std::vector<RealRange>{{stats.min, stats.max}};
    std::vector<QuantParams> params;
    for (const RealRange& range : extremes) {
        const RealRange usable = std::isnan(range.lo) ? RealRange{0, 0} : range;
        auto choice = chooseParams(usable, spec);
        if (!choice) {
            return std::unexpected(choice.error());
        }
        params.push_back(choice->params);
    }

    std::vector<SliceError> parts(slices.size());
    std::vector<std::vector<float>> transposed(threads);
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t s, std::span<const float> values) {
                     const SliceRange range = slices[s];
                     PassOptions options = passOptionsFor(spec, stats);
                     options.valueBins = 16; // the histograms are not shown
                     options.errorBins = 16;
                     options.threads = 1;
                     std::span<const QuantParams> sliceParams = params;
                     std::span<const RealRange> sliceExtremes = extremes;
                     const std::size_t inner = channels->inner(count);
                     if (channels->channels > 1 && channels->lastAxis) {
                         // Rows of every channel: channel-major in a buffer, one run per channel.
                         const std::size_t rows = values.size() / channels->channels;
                         auto& buffer = transposed[worker];
                         buffer.resize(values.size());
                         for (std::size_t r = 0; r < rows; ++r) {
                             for (std::size_t ch = 0; ch < channels->channels; ++ch) {
                                 buffer[ch * rows + r] = values[r * channels->channels + ch];
                             }
                         }
                         values = buffer;
                         options.layout =
                             GroupLayout{Granularity::Channel, channels->channels, rows, rows, 0};
                     } else if (channels->channels > 1 && range.size() <= inner &&
                                range.begin / inner == (range.end - 1) / inner) {
                         const std::size_t channel =
                             range.begin / inner; // a piece of one long channel
                         sliceParams = std::span(params).subspan(channel, 1);
                         sliceExtremes = std::span(extremes).subspan(channel, 1);
                     } else if (channels->channels > 1) {
                         const std::size_t first = range.begin / inner;
                         const std::size_t k = range.size() / inner;
                         sliceParams = std::span(params).subspan(first, k);
                         sliceExtremes = std::span(extremes).subspan(first, k);
                         options.layout = GroupLayout{Granularity::Channel, k, inner, inner, 0};
                     }
                     options.groupExtremes =
                         options.layout ? sliceExtremes : std::span<const RealRange>{};
                     auto result = quantizePass(values, sliceParams, options);
                     if (!result) {
                         parts[s].failed = true;
                         return;
                     }
                     parts[s] = {result->signalEnergy, result->errorEnergy, result->finiteCount,
                                 result->atZeroCode, false};
                 });

    SliceError total;
    for (const SliceError& part : parts) { // slice order: the same sums for any thread count
        if (part.failed) {
            return fail(ErrorCode::InvalidArgument, "a slice could not be quantized");
        }
        total.signal += part.signal;
        total.error += part.error;
        total.finite += part.finite;
        total.atZero += part.atZero;
    }
    QuantSummary summary;
    summary.sqnrDb = total.error > 0 ? 10.0 * std::log10(total.signal / total.error)
                                     : std::numeric_limits<double>::infinity();
    summary.zeroCodeFraction =
        total.finite > 0 ? static_cast<double>(total.atZero) / static_cast<double>(total.finite)
                         : 0.0;
    return summary;
}

} // namespace qs
