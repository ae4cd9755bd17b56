#include "calibrate/calibrate.h"

#include "calibrate/aciq.h"
#include "calibrate/histogram_calibrators.h"
#include "calibrate/kl_divergence.h"
#include "calibrate/kl_variants.h"
#include "calibrate/mse_search.h"
#include "calibrate/percentile.h"
#include "common/parallel_chunks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>

namespace qs {
namespace {

Result<void> validate(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    if (c.method == CalibrationMethod::Manual) {
        if (!std::isfinite(c.clipMin) || !std::isfinite(c.clipMax) || !(c.clipMin < c.clipMax)) {
            char got[64];
            std::snprintf(got, sizeof got, "[%g, %g]", c.clipMin, c.clipMax);
            return fail(ErrorCode::InvalidArgument,
                        std::string("manual calibration needs finite clip-min < clip-max, got ") +
                            got);
        }
        if (spec.scheme == Scheme::Symmetric && c.clipMin >= 0 && c.clipMax <= 0) {
            return fail(ErrorCode::InvalidArgument, "manual calibration: the range holds no value");
        }
    }
    if (c.method == CalibrationMethod::Percentile && !(c.percentile > 50 && c.percentile <= 100)) {
        char got[32];
        std::snprintf(got, sizeof got, "%g", c.percentile);
        return fail(ErrorCode::InvalidArgument,
                    std::string("percentile must lie in (50, 100], got ") + got);
    }
    if (c.method == CalibrationMethod::Kl) {
        const int bins = klBins(spec);
        const int levels = klLevels(spec);
        const int start = klStartBin(spec);
        const std::string variant(klVariantName(c.klVariant));
        if (bins > kMaxKlBins) {
            return fail(ErrorCode::InvalidArgument, "kl allows at most " +
                                                        std::to_string(kMaxKlBins) + " bins, got " +
                                                        std::to_string(bins));
        }
        // pytorch-quantization's digitize leaves levels empty when they outnumber the bins;
        // TensorRT's merging needs at least one bin per level.
        const int fewestStart = c.klVariant == KlVariant::PytorchQuantization ? 1 : levels;
        if (klHasStartBin(c.klVariant) &&
            (bins < 2 || levels < 1 || start < fewestStart || start > bins)) {
            return fail(ErrorCode::InvalidArgument,
                        "kl needs 1 <= levels <= start bin <= bins (got levels " +
                            std::to_string(levels) + ", start bin " + std::to_string(start) +
                            ", bins " + std::to_string(bins) + ")");
        }
        if (!klHasStartBin(c.klVariant) && (bins < 2 || levels < 1 || levels / 2 > bins / 2)) {
            return fail(ErrorCode::InvalidArgument,
                        "kl " + variant + " needs 1 <= levels <= bins (got levels " +
                            std::to_string(levels) + ", bins " + std::to_string(bins) + ")");
        }
        if (c.klVariant == KlVariant::MxNet && bins % 2 == 0) {
            return fail(ErrorCode::InvalidArgument,
                        "kl mxnet needs an odd number of bins (a bin centred on 0), got " +
                            std::to_string(bins));
        }
    }
    return {};
}

// nullopt when `progress` asked to cancel (only the MSE search is long enough to ask).
std::optional<RealRange> calibrateOne(std::span<const float> values, const GroupStats& stats,
                                      const QuantSpec& spec, std::uint64_t firstIndex,
                                      const ProgressFn& progress, unsigned threads)
{
    const bool symmetric = spec.scheme == Scheme::Symmetric;
    const CalibrationSpec& c = spec.calibration;
    // A threshold that leaves nothing of the span (all the data beyond it on one side, as for
    // a constant) gives a two-ended grid the whole span instead of an empty range.
    const auto thresholdRange = [&](double t) {
        if (symmetric) {
            return RealRange{-t, t};
        }
        const RealRange inside{std::max(stats.min, -t), std::min(stats.max, t)};
        return inside.lo < inside.hi ? inside : RealRange{stats.min, stats.max};
    };
    // ONNX Runtime's two ends, clipped to the data, cross where both land in the data's last
    // bin (a constant): the span then, as above.
    const auto nonEmpty = [&](RealRange r) {
        return r.lo <= r.hi ? r : RealRange{stats.min, stats.max};
    };
    switch (c.method) {
    case CalibrationMethod::MinMax:
        return RealRange{stats.min, stats.max};
    case CalibrationMethod::Percentile:
        switch (c.percentileVariant) {
        case PercentileVariant::Exact:
            return percentileRange(values, c.percentile, symmetric);
        case PercentileVariant::PytorchQuantization:
            return thresholdRange(pytorchQuantizationPercentileAmax(values, c.percentile));
        case PercentileVariant::OnnxRuntime:
            return nonEmpty(onnxRuntimePercentileRange(values, c.percentile, symmetric));
        }
        break;
    case CalibrationMethod::Mse:
        if (c.mseVariant == MseVariant::PytorchQuantization) {
            return thresholdRange(pytorchQuantizationMseAmax(values, spec.bits, !spec.isSigned));
        }
        return mseRange(values, stats, spec, firstIndex, progress, threads);
    case CalibrationMethod::Kl:
        switch (c.klVariant) {
        case KlVariant::TensorRtPublished: {
            const double absMax = std::max(std::fabs(stats.min), std::fabs(stats.max));
            return thresholdRange(
                klThreshold(values, absMax, {klBins(spec), klStartBin(spec), klLevels(spec)})
                    .threshold);
        }
        case KlVariant::PytorchQuantization:
            return thresholdRange(
                pytorchQuantizationKlAmax(values, klBins(spec), klStartBin(spec), klLevels(spec)));
        case KlVariant::OnnxRuntime:
            return nonEmpty(onnxRuntimeEntropyRange(values, klBins(spec), klLevels(spec)));
        case KlVariant::MxNet:
            return thresholdRange(mxnetEntropyThreshold(values, klBins(spec), klLevels(spec)));
        }
        break;
    case CalibrationMethod::AciqGauss:
    case CalibrationMethod::AciqLaplace:
        return aciqRange(stats, c.method, spec.bits);
    case CalibrationMethod::Manual: {
        // Every group the one range the user set; a symmetric grid is centred on 0.
        const double t = std::max(std::fabs(c.clipMin), std::fabs(c.clipMax));
        return symmetric ? RealRange{-t, t} : RealRange{c.clipMin, c.clipMax};
    }
    }
    return RealRange{stats.min, stats.max};
}

} // namespace

// Groups calibrated as one unit of parallel work (and of progress).
constexpr std::size_t kGroupsPerChunk = 64;

bool klHasStartBin(KlVariant variant)
{
    return variant == KlVariant::TensorRtPublished || variant == KlVariant::PytorchQuantization;
}

int klBins(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    if (c.klBins > 0) {
        return c.klBins;
    }
    switch (c.klVariant) {
    case KlVariant::OnnxRuntime:
        return 128;
    case KlVariant::MxNet:
        return 8001;
    default:
        return 2048;
    }
}

int klStartBin(const QuantSpec& spec)
{
    return spec.calibration.klStartBin > 0 ? spec.calibration.klStartBin : 128;
}

int klLevels(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    if (c.klLevels > 0) {
        return c.klLevels;
    }
    switch (c.klVariant) {
    case KlVariant::TensorRtPublished:
        return 1 << (spec.bits - 1);
    case KlVariant::PytorchQuantization:
        return 1 << (spec.bits - 1 + (spec.isSigned ? 0 : 1));
    case KlVariant::OnnxRuntime:
        return 128;
    case KlVariant::MxNet:
        return 255;
    }
    return 1 << (spec.bits - 1);
}

Result<std::vector<CalibratedRange>> calibrateGroups(std::span<const float> values,
                                                     const GroupLayout& layout,
                                                     std::span<const GroupStats> stats,
                                                     const QuantSpec& spec,
                                                     const ProgressFn& progress, unsigned threads)
{
    if (auto valid = validate(spec); !valid) {
        return std::unexpected(valid.error());
    }
    // A group of NaN and ±Inf alone (a GGUF block that decodes to Inf, say) has nothing to
    // measure: it is calibrated on [0, 0], and only a tensor without any finite value is refused.
    const bool anyFinite = std::any_of(stats.begin(), stats.end(),
                                       [](const GroupStats& group) { return group.finite > 0; });
    if (!anyFinite) {
        return fail(ErrorCode::NoFiniteValues,
                    layout.granularity == Granularity::Tensor
                        ? std::string("the tensor has no finite values to calibrate on")
                        : std::string("no group has finite values"));
    }
    std::vector<CalibratedRange> ranges(stats.size());
    if (stats.size() == 1) { // one group: its own search reports progress and uses the threads
        const auto range = calibrateOne(values, stats[0], spec, 0, progress, threads);
        if (!range) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
        ranges[0] = {*range, stats[0].signedPeak};
        return ranges;
    }
    // Many groups: whole groups spread over the threads, one progress step per chunk of them.
    // Each group's range depends on that group alone, so the result does not depend on threads.
    const bool cheap = spec.calibration.method == CalibrationMethod::MinMax;
    const ChunkPlan plan{stats.size(), kGroupsPerChunk};
    const bool finished = forEachChunk(
        plan,
        cheap ? 1u : (threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency())),
        [&](unsigned, std::size_t chunk) {
            for (std::size_t g = plan.begin(chunk); g < plan.end(chunk); ++g) {
                if (stats[g].finite == 0) {
                    ranges[g] = {{0, 0}, 0};
                    continue;
                }
                const auto group = values.subspan(layout.start(g), layout.length(g));
                // Without a progress function a group's search cannot be cancelled.
                ranges[g] = {*calibrateOne(group, stats[g], spec, layout.start(g), {}, 1),
                             stats[g].signedPeak};
            }
        },
        cheap ? ProgressFn{} : progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    return ranges;
}

} // namespace qs
