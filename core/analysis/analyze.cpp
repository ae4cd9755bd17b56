#include "analysis/analyze.h"

#include "calibrate/calibrate.h"
#include "quant/choose_params.h"

#include <cstdio>
#include <string>

namespace qs {
namespace {

// Progress shares of the two passes over the data (the fused pass does most of the work).
constexpr double kStatsShare = 0.25;

ProgressFn stageProgress(const ProgressFn& overall, double start, double share)
{
    if (!overall) {
        return {};
    }
    return [overall, start, share](double fraction) {
        return overall(start + share * fraction);
    };
}

std::string percent(double fraction)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * fraction);
    return buffer;
}

void addDataWarnings(const TensorStats& stats, const PassResult& pass, const QuantParams& params,
                     Warnings& warnings)
{
    if (stats.nanCount + stats.infCount > 0) {
        warnings.push_back({WarningCode::NonFiniteValues,
                            std::to_string(stats.nanCount) + " NaN and " +
                                std::to_string(stats.infCount) +
                                " infinite values are excluded from the range and the metrics "
                                "(NaN is coded as the zero point, ±Inf saturates)"});
    }
    // Blame the scale on outliers only when there are some: values beyond 6σ (LLM.int8()'s
    // threshold for outlier features). Peaked data without outliers can fill the zero code too.
    // An exact zero always gets code Z when Z is a valid code (0/Scale + Z = Z), so the zero
    // code's other members are the non-zero inputs that collapsed onto it.
    const std::uint64_t nonzero = stats.finiteCount - stats.zeroCount;
    const std::uint64_t nonzeroAtZeroCode =
        pass.atZeroCode > 0 ? pass.atZeroCode - stats.zeroCount : 0;
    constexpr double kCollapseShare = 0.25;
    constexpr double kOutlierSigmas = 6.0;
    const bool hasOutliers = stats.absMax > kOutlierSigmas * stats.std;
    if (hasOutliers && nonzero > 0 &&
        static_cast<double>(nonzeroAtZeroCode) >= kCollapseShare * static_cast<double>(nonzero)) {
        char scale[32];
        std::snprintf(scale, sizeof scale, "%.6g", params.scale / 2);
        warnings.push_back(
            {WarningCode::CodeCollapse,
             percent(static_cast<double>(nonzeroAtZeroCode) / static_cast<double>(nonzero)) +
                 " of the non-zero values quantize to the zero code (|R| below about Scale/2 = " +
                 scale + "): a few large values set the scale"});
    }
}

} // namespace

Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options)
{
    if (tensor.size() == 0) {
        return fail(ErrorCode::EmptyTensor, "the tensor has no elements");
    }
    const TensorStats stats = computeStats(
        tensor.values, {options.threads, stageProgress(options.progress, 0, kStatsShare)});
    if (stats.count != tensor.size()) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    AnalysisOptions rest = options;
    rest.progress = stageProgress(options.progress, kStatsShare, 1.0 - kStatsShare);
    return analyzeTensor(tensor, spec, rest, stats);
}

Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options, const TensorStats& stats)
{
    if (tensor.size() == 0) {
        return fail(ErrorCode::EmptyTensor, "the tensor has no elements");
    }
    Analysis analysis;
    analysis.spec = spec;
    analysis.stats = stats;
    const auto range = calibrateRange(tensor, analysis.stats, spec.calibration);
    if (!range) {
        return std::unexpected(range.error());
    }
    auto choice = chooseParams(*range, spec);
    if (!choice) {
        return std::unexpected(choice.error());
    }
    analysis.params = {choice->params};
    analysis.warnings = std::move(choice->warnings);

    PassOptions pass;
    pass.rounding = spec.rounding;
    pass.roundingSeed = spec.roundingSeed;
    pass.dataMin = analysis.stats.min;
    pass.dataMax = analysis.stats.max;
    pass.allFinite = analysis.stats.finiteCount == analysis.stats.count;
    pass.valueBins = options.valueBins;
    pass.errorBins = options.errorBins;
    pass.codesOut = options.codesOut;
    pass.dequantOut = options.dequantOut;
    pass.threads = options.threads;
    pass.progress = options.progress;
    auto result = quantizePass(tensor.values, choice->params, pass);
    if (!result) {
        return std::unexpected(result.error());
    }
    analysis.metrics = result->metrics;
    analysis.histograms = std::move(result->histograms);
    addDataWarnings(analysis.stats, *result, choice->params, analysis.warnings);
    return analysis;
}

} // namespace qs
