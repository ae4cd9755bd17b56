#include "calibrate/calibrate.h"

#include "calibrate/aciq.h"
#include "calibrate/kl_divergence.h"
#include "calibrate/mse_search.h"
#include "calibrate/percentile.h"
#include "common/parallel_chunks.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <thread>

namespace qs {
namespace {

Result<void> validate(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    if (c.method == CalibrationMethod::Percentile && !(c.percentile > 50 && c.percentile <= 100)) {
        char got[32];
        std::snprintf(got, sizeof got, "%g", c.percentile);
        return fail(ErrorCode::InvalidArgument,
                    std::string("percentile must lie in (50, 100], got ") + got);
    }
    if (c.method == CalibrationMethod::Kl) {
        const int levels = klLevels(spec);
        if (c.klBins > kMaxKlBins) {
            return fail(ErrorCode::InvalidArgument, "kl allows at most " +
                                                        std::to_string(kMaxKlBins) + " bins, got " +
                                                        std::to_string(c.klBins));
        }
        if (c.klBins < 2 || levels < 1 || c.klStartBin < levels || c.klStartBin > c.klBins) {
            return fail(ErrorCode::InvalidArgument,
                        "kl needs 1 <= levels <= start bin <= bins (got levels " +
                            std::to_string(levels) + ", start bin " + std::to_string(c.klStartBin) +
                            ", bins " + std::to_string(c.klBins) + ")");
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
    switch (c.method) {
    case CalibrationMethod::MinMax:
        return RealRange{stats.min, stats.max};
    case CalibrationMethod::Percentile:
        return percentileRange(values, c.percentile, symmetric);
    case CalibrationMethod::Mse:
        return mseRange(values, stats, spec, firstIndex, progress, threads);
    case CalibrationMethod::Kl: {
        const double absMax = std::max(std::fabs(stats.min), std::fabs(stats.max));
        const double t =
            klThreshold(values, absMax, {c.klBins, c.klStartBin, klLevels(spec)}).threshold;
        return symmetric ? RealRange{-t, t}
                         : RealRange{std::max(stats.min, -t), std::min(stats.max, t)};
    }
    case CalibrationMethod::AciqGauss:
    case CalibrationMethod::AciqLaplace:
        return aciqRange(stats, c.method, spec.bits);
    }
    return RealRange{stats.min, stats.max};
}

} // namespace

// Groups calibrated as one unit of parallel work (and of progress).
constexpr std::size_t kGroupsPerChunk = 64;

int klLevels(const QuantSpec& spec)
{
    return spec.calibration.klLevels > 0 ? spec.calibration.klLevels : 1 << (spec.bits - 1);
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
    for (std::size_t g = 0; g < stats.size(); ++g) {
        if (stats[g].finite == 0) {
            return fail(ErrorCode::NoFiniteValues,
                        layout.granularity == Granularity::Tensor
                            ? std::string("the tensor has no finite values to calibrate on")
                            : "group " + std::to_string(g) + " has no finite values");
        }
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
