#include "calibrate/format_calibration.h"

#include "calibrate/percentile.h"
#include "common/parallel_chunks.h"
#include "quant/quantization_error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>

namespace qs {
namespace {

// Groups searched as one unit of parallel work (and of progress).
constexpr std::size_t kGroupsPerChunk = 64;
// The least-MSE search: a coarse scan of (0, max|R|], then two finer scans around the best.
constexpr int kCoarseCandidates = 32;
constexpr int kFineCandidates = 16;
constexpr int kFineRounds = 2;

double absMaxOf(const GroupStats& group)
{
    return group.finite == 0 ? 0.0 : std::max(std::fabs(group.min), std::fabs(group.max));
}

std::string formatName(const QuantSpec& spec)
{
    return std::string(numberFormatName(spec.format.format));
}

// The amax in (0, maxAbs] with the least error; ties go to the larger amax (less clipping).
// nullopt when `keepGoing` says stop.
std::optional<double> leastErrorAmax(double maxAbs, const std::function<double(double)>& error,
                                     const std::function<bool()>& keepGoing)
{
    if (!(maxAbs > 0)) {
        return maxAbs;
    }
    double best = maxAbs;
    double bestError = error(maxAbs);
    const auto scan = [&](double lo, double hi, int count) {
        for (int k = 0; k <= count; ++k) {
            const double t = lo + (hi - lo) * k / count;
            if (!(t > 0) || t > maxAbs) {
                continue;
            }
            const double e = error(t);
            if (e < bestError || (e == bestError && t > best)) {
                best = t;
                bestError = e;
            }
        }
    };
    scan(0, maxAbs, kCoarseCandidates);
    double reach = maxAbs / kCoarseCandidates;
    for (int round = 0; round < kFineRounds; ++round) {
        if (!keepGoing()) {
            return std::nullopt;
        }
        scan(best - reach, best + reach, kFineCandidates);
        reach /= kFineCandidates / 2.0;
    }
    return best;
}

// The error of one group when its scale comes from amax t.
double groupError(std::span<const float> values, const QuantSpec& spec, BlockAmax block, double t)
{
    block.amax = t;
    auto choice = chooseFormatParams(spec, std::span(&block, 1), t);
    if (!choice) {
        return std::numeric_limits<double>::infinity();
    }
    return quantizationError(values, choice->params.front(), spec.rounding, 0, 0, 1).sumE2;
}

} // namespace

Result<void> checkFormatCalibration(const QuantSpec& spec)
{
    if (spec.isIntegerGrid()) {
        return {};
    }
    const CalibrationSpec& c = spec.calibration;
    const FormatFamily family = formatInfo(spec.format.format).family;
    const bool frameworkVariant =
        (c.method == CalibrationMethod::Percentile &&
         c.percentileVariant != PercentileVariant::Exact) ||
        (c.method == CalibrationMethod::Mse && c.mseVariant != MseVariant::Exact);
    if (frameworkVariant) {
        return fail(ErrorCode::InvalidArgument,
                    "the frameworks' " + std::string(calibrationName(c.method)) +
                        " variants calibrate integer grids; " + formatName(spec) +
                        " takes the exact " + std::string(calibrationName(c.method)));
    }
    if (family == FormatFamily::Ggml && c.method != CalibrationMethod::MinMax) {
        return fail(ErrorCode::InvalidArgument,
                    formatName(spec) + " takes no calibration: ggml's quantizer searches each "
                                       "block's scales itself");
    }
    switch (c.method) {
    case CalibrationMethod::MinMax:
        return {};
    case CalibrationMethod::Percentile:
    case CalibrationMethod::Mse:
        if (family == FormatFamily::Mx) {
            return fail(ErrorCode::InvalidArgument,
                        formatName(spec) + " takes min–max calibration only: an MX scale is a "
                                           "power of two fixed by its block's amax");
        }
        if (c.method == CalibrationMethod::Percentile &&
            !(c.percentile > 50 && c.percentile <= 100)) {
            char got[32];
            std::snprintf(got, sizeof got, "%g", c.percentile);
            return fail(ErrorCode::InvalidArgument,
                        std::string("percentile must lie in (50, 100], got ") + got);
        }
        return {};
    case CalibrationMethod::Kl:
    case CalibrationMethod::AciqGauss:
    case CalibrationMethod::AciqLaplace:
    case CalibrationMethod::Manual:
        break;
    }
    return fail(ErrorCode::InvalidArgument,
                std::string(calibrationName(c.method)) + " calibration models an integer grid; " +
                    formatName(spec) + " takes minmax" +
                    (family == FormatFamily::Mx ? "" : ", percentile or mse"));
}

Result<FormatAmaxes> calibrateFormat(std::span<const float> values, const GroupLayout& layout,
                                     std::span<const GroupStats> groups, const TensorStats& stats,
                                     const QuantSpec& spec, const ProgressFn& progress,
                                     unsigned threads)
{
    if (auto ok = checkFormatCalibration(spec); !ok) {
        return std::unexpected(ok.error());
    }
    FormatAmaxes out;
    out.blocks.reserve(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        out.blocks.push_back({absMaxOf(groups[g]), groups[g].finite < layout.length(g)});
    }
    out.tensorAmax = stats.finiteCount == 0 ? 0.0 : stats.absMax;
    const CalibrationSpec& c = spec.calibration;
    if (c.method == CalibrationMethod::MinMax) {
        return out;
    }
    const bool tensorScale = formatInfo(spec.format.format).family == FormatFamily::Nvfp4;
    if (tensorScale) {
        // NVFP4's free scale is the tensor's: the blocks keep their own max |x|.
        if (c.method == CalibrationMethod::Percentile) {
            out.tensorAmax = percentileRange(values, c.percentile, true).hi;
            return out;
        }
        const auto error = [&](double t) {
            auto choice = chooseFormatParams(spec, out.blocks, t);
            if (!choice) {
                return std::numeric_limits<double>::infinity();
            }
            double sum = 0;
            for (std::size_t g = 0; g < choice->params.size(); ++g) {
                sum += quantizationError(values.subspan(layout.start(g), layout.length(g)),
                                         choice->params[g], spec.rounding, 0, 0, 1)
                           .sumE2;
            }
            return sum;
        };
        const auto keepGoing = [&] {
            return !progress || progress(0.5);
        };
        const auto best = leastErrorAmax(out.tensorAmax, error, keepGoing);
        if (!best) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
        out.tensorAmax = *best;
        return out;
    }

    // One amax per group, the groups spread over the threads.
    const ChunkPlan plan{groups.size(), kGroupsPerChunk};
    const bool finished = forEachChunk(
        plan, resolveThreadCount(values.size(), threads),
        [&](unsigned, std::size_t chunk) {
            for (std::size_t g = plan.begin(chunk); g < plan.end(chunk); ++g) {
                const auto group = values.subspan(layout.start(g), layout.length(g));
                BlockAmax& block = out.blocks[g];
                if (c.method == CalibrationMethod::Percentile) {
                    const double t = percentileRange(group, c.percentile, true).hi;
                    block.amax = std::isfinite(t) ? t : 0.0;
                } else {
                    const auto error = [&](double t) {
                        return groupError(group, spec, block, t);
                    };
                    block.amax =
                        leastErrorAmax(block.amax, error, [] { return true; }).value_or(block.amax);
                }
            }
        },
        progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    return out;
}

} // namespace qs
