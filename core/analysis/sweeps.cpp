#include "analysis/sweeps.h"

#include "calibrate/calibrate.h"
#include "common/enum_names.h"
#include "quant/choose_params.h"
#include "quant/group_stats.h"
#include "quant/number_format.h"
#include "quant/quantization_error.h"
#include "tensor/tensor_stats.h"

#include <array>
#include <cmath>
#include <limits>
#include <string>

namespace qs {
namespace {

constexpr std::array<const char*, 3> kSweepNames{"bits", "clip", "outlier"};

constexpr double kMaxOutlierSigma = 1000.0;
// Share of the clip sweep's progress that the calibration markers take.
constexpr double kMarkerShare = 0.2;

std::unexpected<Error> cancelled()
{
    return fail(ErrorCode::Cancelled, "cancelled");
}

// The tensor's stats, or why there is nothing to sweep.
Result<TensorStats> statsOf(TensorView tensor, const SweepOptions& options)
{
    if (tensor.size() == 0) {
        return failWith(ErrorCode::EmptyTensor,
                        QS_TRANSLATABLE("Error", "the tensor has no elements"), {});
    }
    TensorStats stats = computeStats(tensor.values, {options.threads, {}});
    if (stats.finiteCount == 0) {
        return failWith(ErrorCode::NoFiniteValues,
                        QS_TRANSLATABLE("Error", "the tensor has no finite values"), {});
    }
    return stats;
}

struct SweepInput
{
    int points = 0;
    TensorStats stats;
};

// The point count asked for (or `fallback`) and the tensor's stats, or why there is no sweep.
Result<SweepInput> sweepInput(TensorView tensor, const SweepOptions& options, int fallback)
{
    const int points = options.points == 0 ? fallback : options.points;
    if (points < 2 || points > kMaxSweepPoints) {
        return failWith(ErrorCode::InvalidArgument,
                        QS_TRANSLATABLE("Error", "a sweep needs between 2 and %1 points, got %2"),
                        {std::to_string(kMaxSweepPoints), std::to_string(points)});
    }
    auto stats = statsOf(tensor, options);
    if (!stats) {
        return std::unexpected(stats.error());
    }
    return SweepInput{points, std::move(*stats)};
}

bool isLlama(Convention convention)
{
    return convention == Convention::LlamaQ8_0 || convention == Convention::LlamaQ4_0;
}

// Threshold k of n (k = 0..n−1) between `start` and `end`, geometric in the distance above
// start over three decades: an outlier far out squeezes the interesting thresholds into the
// first per cent of the range, which evenly spaced points would hardly visit.
double clipThreshold(double start, double end, int k, int n)
{
    constexpr double kDecades = 3.0;
    const double position = n == 1 ? 1.0 : static_cast<double>(k) / (n - 1);
    return start + (end - start) * std::pow(10.0, -kDecades * (1.0 - position));
}

// The error of `values` on the grid `spec` puts over `range`.
Result<ClipPoint> clipPoint(std::span<const float> values, const QuantSpec& spec, RealRange range,
                            float signedPeak = std::numeric_limits<float>::quiet_NaN())
{
    auto choice = chooseParams(range, spec, signedPeak);
    if (!choice) {
        return std::unexpected(choice.error());
    }
    const QuantParams& p = choice->params;
    const ErrorSums sums = quantizationError(values, p, spec.rounding, spec.roundingSeed);
    ClipPoint point;
    point.threshold = std::max(std::fabs(p.clipMin), std::fabs(p.clipMax));
    point.clipMin = p.clipMin;
    point.clipMax = p.clipMax;
    point.scale = p.scale;
    point.mse = sums.mse();
    point.clippingMse = sums.clippingMse();
    point.roundingMse = sums.roundingMse();
    point.clippedFraction =
        sums.count == 0 ? 0 : static_cast<double>(sums.clipped) / static_cast<double>(sums.count);
    point.sqnrDb = sums.sumE2 > 0 ? 10.0 * std::log10(sums.sumX2 / sums.sumE2)
                                  : std::numeric_limits<double>::infinity();
    return point;
}

// The calibrations the clip sweep marks: every method with its default variant, then every
// framework variant. A variant takes its own defaults (bins, levels) unless it is the spec's,
// which keeps the spec's settings.
std::vector<CalibrationSpec> markedCalibrations(const CalibrationSpec& own)
{
    std::vector<CalibrationSpec> out;
    const auto withMethod = [&](CalibrationMethod method) {
        CalibrationSpec c = own;
        c.method = method;
        return c;
    };
    for (std::size_t m = 0; m < markedMethodCount(); ++m) {
        CalibrationSpec c = withMethod(static_cast<CalibrationMethod>(m));
        c.percentileVariant = PercentileVariant::Exact;
        c.mseVariant = MseVariant::Exact;
        if (c.klVariant != KlVariant::TensorRtPublished) {
            c.klVariant = KlVariant::TensorRtPublished;
            c.klBins = c.klStartBin = c.klLevels = 0;
        }
        out.push_back(c);
    }
    for (std::size_t v = 1; v < percentileVariantNames().size(); ++v) {
        CalibrationSpec c = withMethod(CalibrationMethod::Percentile);
        c.percentileVariant = static_cast<PercentileVariant>(v);
        out.push_back(c);
    }
    for (std::size_t v = 1; v < mseVariantNames().size(); ++v) {
        CalibrationSpec c = withMethod(CalibrationMethod::Mse);
        c.mseVariant = static_cast<MseVariant>(v);
        out.push_back(c);
    }
    for (std::size_t v = 1; v < klVariantNames().size(); ++v) {
        CalibrationSpec c = withMethod(CalibrationMethod::Kl);
        c.klVariant = static_cast<KlVariant>(v);
        if (c.klVariant != own.klVariant) {
            c.klBins = c.klStartBin = c.klLevels = 0;
        }
        out.push_back(c);
    }
    if (own.method == CalibrationMethod::Manual) {
        out.push_back(own); // the range the user set, last
    }
    return out;
}

bool sameCalibration(const CalibrationSpec& a, const CalibrationSpec& b)
{
    return a.method == b.method && calibrationVariantName(a) == calibrationVariantName(b);
}

} // namespace

Result<std::vector<ClipMarker>>
calibrationChoices(std::span<const float> values, const QuantSpec& spec, const ProgressFn& progress)
{
    const GroupLayout layout{Granularity::Tensor, 1, values.size(), values.size(), 0};
    const std::vector<GroupStats> stats = computeGroupStats(values, layout, {true, 0});
    const std::vector<CalibrationSpec> marked = markedCalibrations(spec.calibration);
    std::vector<ClipMarker> markers;
    for (std::size_t m = 0; m < marked.size(); ++m) {
        QuantSpec asked = spec;
        asked.calibration = marked[m];
        auto ranges = calibrateGroups(values, layout, stats, asked);
        if (!ranges) {
            return std::unexpected(ranges.error());
        }
        auto point = clipPoint(values, asked, ranges->front().range, ranges->front().signedPeak);
        if (!point) {
            return std::unexpected(point.error());
        }
        markers.push_back({asked.calibration.method,
                           std::string(calibrationVariantName(asked.calibration)),
                           sameCalibration(asked.calibration, spec.calibration), *point});
        if (progress &&
            !progress(static_cast<double>(m + 1) / static_cast<double>(marked.size()))) {
            return cancelled();
        }
    }
    return markers;
}

std::size_t markedMethodCount()
{
    return calibrationNames().size() - 1; // all but manual, which has no range of its own
}

std::string_view sweepParameterName(SweepParameter parameter)
{
    return enumName(kSweepNames, parameter);
}

std::optional<SweepParameter> sweepParameterFromName(std::string_view name)
{
    return enumFromName<SweepParameter>(kSweepNames, name);
}

std::span<const char* const> sweepParameterNames()
{
    return kSweepNames;
}

Result<BitsSweep> sweepBits(TensorView tensor, const QuantSpec& spec, const SweepOptions& options)
{
    if (!spec.isIntegerGrid()) {
        return failWith(ErrorCode::InvalidArgument,
                        QS_TRANSLATABLE("Error", "the %1 format fixes its element and so its bit "
                                                 "width; the bit sweep is for the integer grid"),
                        {std::string(formatInfo(spec.format.format).name)});
    }
    if (isLlama(spec.convention)) {
        return failWith(ErrorCode::InvalidArgument,
                        QS_TRANSLATABLE("Error", "the %1 format fixes the bit width; a bit sweep "
                                                 "needs the tutorial or PyTorch convention"),
                        {std::string(conventionName(spec.convention))});
    }
    const auto found = statsOf(tensor, options);
    if (!found) {
        return std::unexpected(found.error());
    }
    const TensorStats& stats = *found;
    constexpr int kWidths = kMaxBits - kMinBits + 1;
    BitsSweep sweep;
    for (int bits = kMinBits; bits <= kMaxBits; ++bits) {
        QuantSpec at = spec;
        at.bits = bits;
        AnalysisOptions analysisOptions;
        analysisOptions.threads = options.threads;
        analysisOptions.progress = progressStage(
            options.progress, static_cast<double>(bits - kMinBits) / kWidths, 1.0 / kWidths);
        auto analysis = analyzeTensor(tensor, at, analysisOptions, stats);
        if (!analysis) {
            return std::unexpected(analysis.error());
        }
        const Metrics& m = analysis->metrics;
        sweep.points.push_back({bits, m.sqnrDb, m.mse, m.clippedFraction, m.unusedRangeFraction});
        if (bits == BitsSweep::kReferenceBits) {
            sweep.referenceSqnrDb = m.sqnrDb;
        }
    }
    return sweep;
}

Result<ClipSweep> sweepClip(TensorView tensor, const QuantSpec& spec, const SweepOptions& options)
{
    if (!spec.isIntegerGrid()) {
        // The threshold sets an integer grid's scale; a format's scales follow its own rule.
        return failWith(ErrorCode::InvalidArgument,
                        QS_TRANSLATABLE("Error", "the clip sweep moves the integer grid's "
                                                 "threshold; the %1 format chooses its scales "
                                                 "by its own rule"),
                        {std::string(formatInfo(spec.format.format).name)});
    }
    if (spec.granularity != Granularity::Tensor) {
        return failWith(ErrorCode::InvalidArgument,
                        QS_TRANSLATABLE("Error", "the clip sweep varies one threshold for the "
                                                 "whole tensor; it needs per-tensor granularity, "
                                                 "not %1"),
                        {std::string(granularityName(spec.granularity))});
    }
    const auto input = sweepInput(tensor, options, kDefaultClipPoints);
    if (!input) {
        return std::unexpected(input.error());
    }
    const int points = input->points;
    const TensorStats& stats = input->stats;
    const double absMax = std::max(std::fabs(stats.min), std::fabs(stats.max));
    // Two-end grids cannot clip below the data's end nearest zero: a threshold under it would
    // leave an empty range.
    const double start =
        spec.scheme == Scheme::Symmetric ? 0.0 : std::max({0.0, stats.min, -stats.max});
    const bool degenerate = !(absMax > start);

    ClipSweep sweep;
    const int count = degenerate ? 1 : points;
    for (int k = 1; k <= count; ++k) {
        const double t = degenerate ? absMax : clipThreshold(start, absMax, k - 1, count);
        const RealRange range = spec.scheme == Scheme::Symmetric
                                    ? RealRange{-t, t}
                                    : RealRange{std::max(stats.min, -t), std::min(stats.max, t)};
        auto point = clipPoint(tensor.values, spec, range);
        if (!point) {
            return std::unexpected(point.error());
        }
        point->threshold = t;
        sweep.points.push_back(*point);
        if (options.progress && !options.progress((1.0 - kMarkerShare) * k / count)) {
            return cancelled();
        }
    }
    auto markers = calibrationChoices(
        tensor.values, spec, progressStage(options.progress, 1.0 - kMarkerShare, kMarkerShare));
    if (!markers) {
        return std::unexpected(markers.error());
    }
    sweep.markers = std::move(*markers);
    return sweep;
}

Result<OutlierSweep> sweepOutlier(TensorView tensor, const QuantSpec& spec,
                                  const SweepOptions& options)
{
    const auto input = sweepInput(tensor, options, kDefaultOutlierPoints);
    if (!input) {
        return std::unexpected(input.error());
    }
    const int points = input->points;
    const TensorStats& stats = input->stats;
    OutlierSweep sweep;
    sweep.sigma = stats.std > 0 ? stats.std : 1.0;
    double farthest = -1;
    for (std::size_t i = 0; i < tensor.values.size(); ++i) {
        const double distance = std::fabs(tensor.values[i] - stats.mean);
        if (std::isfinite(distance) && distance > farthest) {
            farthest = distance;
            sweep.position = i;
        }
    }

    const Shape shape(tensor.shape.begin(), tensor.shape.end());
    std::vector<float> values(tensor.values.begin(), tensor.values.end());
    std::vector<float> dequant(values.size());
    for (int k = 0; k < points; ++k) {
        OutlierPoint point;
        point.magnitudeSigma = std::pow(kMaxOutlierSigma, static_cast<double>(k) / (points - 1));
        point.value = static_cast<float>(stats.mean + point.magnitudeSigma * sweep.sigma);
        values[sweep.position] = static_cast<float>(point.value);
        AnalysisOptions analysisOptions;
        analysisOptions.threads = options.threads;
        analysisOptions.dequantOut = dequant;
        analysisOptions.progress =
            progressStage(options.progress, static_cast<double>(k) / points, 1.0 / points);
        auto analysis = analyzeTensor({values, tensor.shape}, spec, analysisOptions);
        if (!analysis) {
            return std::unexpected(analysis.error());
        }
        double signal = 0;
        double noise = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double x = tensor.values[i];
            if (i != sweep.position && std::isfinite(x)) {
                const double e = static_cast<double>(dequant[i]) - x;
                signal += x * x;
                noise += e * e;
            }
        }
        point.sqnrDb =
            noise > 0 ? 10.0 * std::log10(signal / noise) : std::numeric_limits<double>::infinity();
        point.scale =
            analysis->params[groupOfElement(analysis->layout, shape, sweep.position)].scale;
        point.zeroCodeFraction = analysis->metrics.zeroCodeFraction;
        point.clippedFraction = analysis->metrics.clippedFraction;
        sweep.points.push_back(point);
    }
    return sweep;
}

} // namespace qs
