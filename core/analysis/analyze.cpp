#include "analysis/analyze.h"

#include "analysis/ggml_group_analysis.h"
#include "analysis/ggml_quantization.h"
#include "analysis/stored_codes_pass.h"
#include "calibrate/calibrate.h"
#include "calibrate/format_calibration.h"
#include "common/text_pattern.h"
#include "quant/choose_params.h"
#include "quant/format_params.h"
#include "quant/ggml_formats.h"
#include "quant/grid_geometry.h"
#include "quant/group_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace qs {
namespace {

// Progress shares of the two passes over the data (the fused pass does most of the work).
constexpr double kStatsShare = 0.25;

std::string percent(double fraction)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * fraction);
    return buffer;
}

// What a format does with NaN and ±Inf inputs, said once.
Warning nonFiniteWarning(const TensorStats& stats, const QuantParams& params)
{
    const std::vector<std::string> counts{std::to_string(stats.nanCount),
                                          std::to_string(stats.infCount)};
    const ElementType& element = params.element;
    if (element.kind == ElementKind::Minifloat && element.minifloat.hasNan()) {
        if (element.overflow == Overflow::NonFinite) {
            return makeWarning(WarningCode::NonFiniteValues,
                               QS_TRANSLATABLE("Warning",
                                               "%1 NaN and %2 infinite values are excluded from "
                                               "the range and the metrics (encoded as NaN and, "
                                               "without saturation, as Inf or NaN)"),
                               counts);
        }
        return makeWarning(WarningCode::NonFiniteValues,
                           QS_TRANSLATABLE("Warning",
                                           "%1 NaN and %2 infinite values are excluded from the "
                                           "range and the metrics (NaN is encoded as NaN, ±Inf "
                                           "saturates to ±max)"),
                           counts);
    }
    if (element.kind != ElementKind::Integer) {
        return makeWarning(WarningCode::NonFiniteValues,
                           QS_TRANSLATABLE("Warning",
                                           "%1 NaN and %2 infinite values are excluded from the "
                                           "range and the metrics (the format has no NaN: NaN is "
                                           "coded as 0, ±Inf saturates)"),
                           counts);
    }
    return makeWarning(WarningCode::NonFiniteValues,
                       QS_TRANSLATABLE("Warning",
                                       "%1 NaN and %2 infinite values are excluded from the range "
                                       "and the metrics (NaN is coded as the zero point, ±Inf "
                                       "saturates)"),
                       counts);
}

// Half the grid's smallest step out of zero: values below it land on the zero code.
double zeroCodeReach(const QuantParams& params)
{
    if (params.element.kind == ElementKind::Integer) {
        return params.scale / 2;
    }
    const GridGeometry grid = gridGeometry(params);
    for (const GridLevel& level : grid.levels) {
        if (level.value > 0) {
            return level.value / 2;
        }
    }
    return 0;
}

void addDataWarnings(const TensorStats& stats, const PassResult& pass, const QuantParams& params,
                     Warnings& warnings)
{
    if (stats.nanCount + stats.infCount > 0) {
        warnings.push_back(nonFiniteWarning(stats, params));
    }
    // Blame the scale on outliers only when there are some: values beyond 6σ (LLM.int8()'s
    // threshold for outlier features). Peaked data without outliers can fill the zero code too.
    // An exact zero always gets code Z when Z is a valid code (0/Scale + Z = Z), so the zero
    // code's other members are the non-zero inputs that collapsed onto it.
    const std::uint64_t nonzero = stats.finiteCount - stats.zeroCount;
    const std::uint64_t nonzeroAtZeroCode =
        pass.atZeroCode > stats.zeroCount ? pass.atZeroCode - stats.zeroCount : 0;
    constexpr double kCollapseShare = 0.25;
    constexpr double kOutlierSigmas = 6.0;
    const bool hasOutliers = stats.absMax > kOutlierSigmas * stats.std;
    if (hasOutliers && nonzero > 0 &&
        static_cast<double>(nonzeroAtZeroCode) >= kCollapseShare * static_cast<double>(nonzero)) {
        char scale[32];
        std::snprintf(scale, sizeof scale, "%.6g", zeroCodeReach(params));
        warnings.push_back(makeWarning(
            WarningCode::CodeCollapse,
            QS_TRANSLATABLE("Warning", "%1 of the non-zero values quantize to the zero code (|R| "
                                       "below about Scale/2 = %2): a few large values set the "
                                       "scale"),
            {percent(static_cast<double>(nonzeroAtZeroCode) / static_cast<double>(nonzero)),
             scale}));
    }
}

// Per-group statistics. One group needs no second pass unless the spec wants what only a scan
// gives: llama.cpp Q4_0's signed peak, or ACIQ-Laplace's mean absolute deviation.
std::vector<GroupStats> statsOfGroups(std::span<const float> values, const GroupLayout& layout,
                                      const TensorStats& stats, const QuantSpec& spec)
{
    const bool laplace = spec.calibration.method == CalibrationMethod::AciqLaplace;
    if (layout.granularity == Granularity::Tensor && !laplace &&
        spec.convention != Convention::LlamaQ4_0) {
        GroupStats whole;
        whole.finite = stats.finiteCount;
        whole.min = stats.min;
        whole.max = stats.max;
        whole.mean = stats.mean;
        whole.std = stats.std;
        whole.signedPeak =
            static_cast<float>(std::fabs(stats.min) > std::fabs(stats.max) ? stats.min : stats.max);
        return {whole};
    }
    // The many small blocks of a format need no signed peak: SIMD lanes across each block.
    return computeGroupStats(values, layout, {laplace, 0, !spec.isIntegerGrid()});
}

// Per-group warnings, once each: the first group's message, with how many groups had it.
Warnings summarise(const std::vector<Warnings>& perGroup)
{
    Warnings merged;
    std::vector<std::size_t> seen;
    for (const Warnings& warnings : perGroup) {
        for (const Warning& warning : warnings) {
            const auto known = std::ranges::find_if(
                merged, [&](const Warning& w) { return w.code == warning.code; });
            if (known == merged.end()) {
                merged.push_back(warning);
                seen.push_back(1);
            } else {
                ++seen[static_cast<std::size_t>(known - merged.begin())];
            }
        }
    }
    for (std::size_t i = 0; i < merged.size(); ++i) {
        if (seen[i] > 1) {
            merged[i].message += fillPattern(kInGroupsPattern, {std::to_string(seen[i])});
            merged[i].groups = seen[i];
        }
    }
    return merged;
}

// Each group's finite [min, max], as the passes take them.
std::vector<RealRange> groupExtremes(const std::vector<GroupStats>& groupStats)
{
    std::vector<RealRange> extremes;
    extremes.reserve(groupStats.size());
    for (const GroupStats& g : groupStats) {
        extremes.push_back({g.min, g.max});
    }
    return extremes;
}

// Each group's data and error, for the per-channel view (a block format has a million of them
// at 16M values).
std::vector<GroupSummary> groupSummaries(const std::vector<GroupStats>& groupStats,
                                         const std::vector<GroupError>& errors)
{
    std::vector<GroupSummary> out;
    out.reserve(groupStats.size());
    for (std::size_t g = 0; g < groupStats.size(); ++g) {
        const GroupStats& s = groupStats[g];
        const GroupError& e = errors[g];
        out.push_back({s.min, s.max, s.mean, s.std, e.mse, e.sqnrDb, e.clipped});
    }
    return out;
}

// The stored-codes pass over `analysis`' layout, its groups' finite extremes `extremes`.
PassOptions storedCodesPass(const QuantSpec& spec, const Analysis& analysis,
                            std::span<const RealRange> extremes, const AnalysisOptions& options)
{
    PassOptions pass = passOptionsFor(spec, analysis.stats);
    pass.layout = analysis.layout;
    pass.groupExtremes = extremes;
    pass.threads = options.threads;
    pass.valueBins = options.valueBins;
    pass.errorBins = options.errorBins;
    return pass;
}

// A ggml block type: ggml's quantizer chooses the codes, the stored pass measures them.
Result<void> measureGgml(std::span<const float> values, const QuantSpec& spec,
                         const std::vector<GroupStats>& groupStats, const AnalysisOptions& options,
                         Analysis& analysis)
{
    if (auto ok = checkFormatCalibration(spec); !ok) {
        return ok;
    }
    const ggml::TypeInfo& type = ggmlTypeOf(spec.format.format);
    const bool asStored = options.storedBlocks != nullptr && options.storedBlocks->type == type.id;
    auto quantized =
        asStored ? decodeGgml(options.storedBlocks->bytes, type, options.threads)
                 : quantizeToGgml(values, analysis.layout.rowLength, type, options.ggmlImportance,
                                  options.threads, progressStage(options.progress, 0, 0.5));
    if (!quantized) {
        return std::unexpected(quantized.error());
    }
    const std::vector<RealRange> extremes = groupExtremes(groupStats);
    PassOptions pass = storedCodesPass(spec, analysis, extremes, options);
    pass.codesOut = options.codesOut;
    pass.dequantOut = options.dequantOut;
    pass.progress = progressStage(options.progress, 0.5, 0.5);
    auto result = measureStoredCodes(values, {quantized->codes, quantized->dequantized},
                                     quantized->params, pass);
    if (!result) {
        return std::unexpected(result.error());
    }
    analysis.params = std::move(quantized->params);
    analysis.metrics = result->metrics;
    analysis.histograms = std::move(result->histograms);
    analysis.groups = groupSummaries(groupStats, result->groups);
    if (options.ggmlBlocksOut != nullptr) {
        *options.ggmlBlocksOut = std::move(quantized->blocks);
    }
    addDataWarnings(analysis.stats, *result, analysis.params.front(), analysis.warnings);
    if (asStored) {
        analysis.warnings.push_back(makeWarning(
            WarningCode::AlreadyQuantized,
            QS_TRANSLATABLE("Warning", "shown as stored: the codes and block grids are the "
                                       "file's own %1 blocks, so the error against the stored "
                                       "values is 0; choose another format to see what it would "
                                       "lose"),
            {std::string(type.name)}));
    }
    return {};
}

// `values` as one group under `params`, before its pass: a channel or a block by itself.
Analysis oneGroupAnalysis(TensorView values, const QuantSpec& spec, const QuantParams& params,
                          unsigned threads)
{
    Analysis analysis;
    analysis.spec = spec;
    analysis.spec.granularity = Granularity::Tensor;
    analysis.stats = computeStats(values.values, {threads, {}});
    analysis.layout = {Granularity::Tensor, 1, values.size(), values.size(), 0};
    analysis.params = {params};
    return analysis;
}

// That analysis with its pass' figures.
Analysis withOneGroupResult(Analysis analysis, PassResult&& result)
{
    analysis.metrics = result.metrics;
    analysis.histograms = std::move(result.histograms);
    const TensorStats& s = analysis.stats;
    const GroupError& e = result.groups[0];
    analysis.groups = {{s.min, s.max, s.mean, s.std, e.mse, e.sqnrDb, e.clipped}};
    addDataWarnings(analysis.stats, result, analysis.params.front(), analysis.warnings);
    return analysis;
}

} // namespace

Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options)
{
    if (tensor.size() == 0) {
        return failWith(ErrorCode::EmptyTensor,
                        QS_TRANSLATABLE("Error", "the tensor has no elements"), {});
    }
    const TensorStats stats = computeStats(
        tensor.values, {options.threads, progressStage(options.progress, 0, kStatsShare)});
    if (stats.count != tensor.size()) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    AnalysisOptions rest = options;
    rest.progress = progressStage(options.progress, kStatsShare, 1.0 - kStatsShare);
    return analyzeTensor(tensor, spec, rest, stats);
}

Result<Analysis> analyzeTensor(TensorView tensor, const QuantSpec& spec,
                               const AnalysisOptions& options, const TensorStats& stats)
{
    if (tensor.size() == 0) {
        return failWith(ErrorCode::EmptyTensor,
                        QS_TRANSLATABLE("Error", "the tensor has no elements"), {});
    }
    const Shape shape(tensor.shape.begin(), tensor.shape.end());
    const QuantSpec resolved = resolvedSpec(spec);
    auto layout = makeGroupLayout(shape, tensor.size(), resolved);
    if (!layout) {
        return std::unexpected(layout.error());
    }
    // Channels along another axis than the first become contiguous when that axis moves to the
    // front; codes and dequantized values move back at the end.
    const bool moved = layout->granularity == Granularity::Channel && layout->axis != 0;
    std::vector<float> front;
    std::span<const float> values = tensor.values;
    if (moved) {
        front = moveAxisToFront(values, shape, layout->axis);
        values = front;
    }

    const bool heavyCalibration = spec.calibration.method != CalibrationMethod::MinMax &&
                                  spec.calibration.method != CalibrationMethod::AciqGauss &&
                                  spec.calibration.method != CalibrationMethod::AciqLaplace;
    const double calibrationShare = heavyCalibration ? 0.4 : 0.0;
    const ProgressFn calibrationProgress = progressStage(options.progress, 0, calibrationShare);
    const std::vector<GroupStats> groupStats = statsOfGroups(values, *layout, stats, resolved);

    Analysis analysis;
    analysis.spec = resolved;
    analysis.stats = stats;
    analysis.layout = *layout;
    if (isGgmlFormat(resolved.format.format)) {
        if (auto ok = measureGgml(values, resolved, groupStats, options, analysis); !ok) {
            return std::unexpected(ok.error());
        }
        return analysis;
    }
    if (resolved.isIntegerGrid()) {
        auto ranges = calibrateGroups(values, *layout, groupStats, resolved, calibrationProgress,
                                      options.threads);
        if (!ranges) {
            return std::unexpected(ranges.error());
        }
        std::vector<Warnings> groupWarnings;
        for (const CalibratedRange& range : *ranges) {
            auto choice = chooseParams(range.range, resolved, range.signedPeak);
            if (!choice) {
                return std::unexpected(choice.error());
            }
            analysis.params.push_back(choice->params);
            groupWarnings.push_back(std::move(choice->warnings));
        }
        analysis.warnings = summarise(groupWarnings);
    } else {
        auto amaxes = calibrateFormat(values, *layout, groupStats, stats, resolved,
                                      calibrationProgress, options.threads);
        if (!amaxes) {
            return std::unexpected(amaxes.error());
        }
        auto choice = chooseFormatParams(resolved, amaxes->blocks, amaxes->tensorAmax);
        if (!choice) {
            return std::unexpected(choice.error());
        }
        analysis.params = std::move(choice->params);
        analysis.tensorScale = choice->tensorScale;
        analysis.tensorAmax = choice->tensorAmax;
        analysis.warnings = std::move(choice->warnings);
    }

    const std::vector<RealRange> extremes = groupExtremes(groupStats);
    std::vector<std::int32_t> movedCodes(moved && !options.codesOut.empty() ? values.size() : 0);
    std::vector<float> movedDequant(moved && !options.dequantOut.empty() ? values.size() : 0);
    PassOptions pass = passOptionsFor(resolved, stats);
    pass.layout = *layout;
    pass.groupExtremes = extremes;
    pass.valueBins = options.valueBins;
    pass.errorBins = options.errorBins;
    pass.codesOut = moved ? std::span<std::int32_t>(movedCodes) : options.codesOut;
    pass.dequantOut = moved ? std::span<float>(movedDequant) : options.dequantOut;
    pass.threads = options.threads;
    pass.progress = progressStage(options.progress, calibrationShare, 1.0 - calibrationShare);
    auto result = quantizePass(values, analysis.params, pass);
    if (!result) {
        return std::unexpected(result.error());
    }
    if (moved) {
        if (!movedCodes.empty()) {
            moveFrontToAxis<std::int32_t>(movedCodes, shape, layout->axis, options.codesOut);
        }
        if (!movedDequant.empty()) {
            moveFrontToAxis<float>(movedDequant, shape, layout->axis, options.dequantOut);
        }
    }
    analysis.metrics = result->metrics;
    analysis.histograms = std::move(result->histograms);
    analysis.groups = groupSummaries(groupStats, result->groups);
    addDataWarnings(analysis.stats, *result, analysis.params.front(), analysis.warnings);
    return analysis;
}

Result<Tensor> extractGroup(TensorView tensor, const QuantSpec& spec, std::size_t group)
{
    const Shape shape(tensor.shape.begin(), tensor.shape.end());
    auto layout = makeGroupLayout(shape, tensor.size(), spec);
    if (!layout) {
        return std::unexpected(layout.error());
    }
    if (group >= layout->groupCount()) {
        return fail(ErrorCode::InvalidArgument, "there is no group " + std::to_string(group));
    }
    std::vector<float> front;
    std::span<const float> values = tensor.values;
    if (layout->granularity == Granularity::Channel && layout->axis != 0) {
        front = moveAxisToFront(values, shape, layout->axis);
        values = front;
    }
    const auto slice = values.subspan(layout->start(group), layout->length(group));
    Tensor out;
    out.name = (layout->granularity == Granularity::Channel ? "channel " : "group ") +
               std::to_string(group);
    out.shape = {static_cast<std::int64_t>(slice.size())};
    out.values.assign(slice.begin(), slice.end());
    return out;
}

Result<Analysis> analyzeWithParams(TensorView tensor, const QuantSpec& spec,
                                   const QuantParams& params, const AnalysisOptions& options)
{
    if (tensor.size() == 0) {
        return failWith(ErrorCode::EmptyTensor,
                        QS_TRANSLATABLE("Error", "the tensor has no elements"), {});
    }
    Analysis analysis = oneGroupAnalysis(tensor, spec, params, options.threads);
    PassOptions pass;
    pass.rounding = spec.rounding;
    pass.roundingSeed = spec.roundingSeed;
    pass.dataMin = analysis.stats.min;
    pass.dataMax = analysis.stats.max;
    pass.allFinite = analysis.stats.finiteCount == analysis.stats.count;
    pass.valueBins = options.valueBins;
    pass.errorBins = options.errorBins;
    pass.threads = options.threads;
    pass.progress = options.progress;
    auto result = quantizePass(tensor.values, params, pass);
    if (!result) {
        return std::unexpected(result.error());
    }
    return withOneGroupResult(std::move(analysis), std::move(*result));
}

Result<Analysis> analyzeGgmlGroup(TensorView group, const QuantSpec& spec,
                                  std::span<const std::byte> blocks, std::size_t index,
                                  const AnalysisOptions& options)
{
    if (!isGgmlFormat(spec.format.format)) {
        return fail(ErrorCode::InvalidArgument, "the format is not a ggml block type");
    }
    const ggml::TypeInfo& type = ggmlTypeOf(spec.format.format);
    const std::size_t gridsPerBlock = type.blockValues / type.gridValues;
    const std::size_t block = index / gridsPerBlock;
    const std::size_t sub = index % gridsPerBlock;
    if (group.size() != type.gridValues || blocks.size() / type.blockBytes <= block) {
        return fail(ErrorCode::InvalidArgument, "the values are not sub-block " +
                                                    std::to_string(index) + " of the " +
                                                    std::string(type.name) + " blocks");
    }
    auto decoded = decodeGgml(blocks.subspan(block * type.blockBytes, type.blockBytes), type, 1);
    if (!decoded) {
        return std::unexpected(decoded.error());
    }
    const std::size_t n = group.size();
    Analysis analysis = oneGroupAnalysis(group, spec, decoded->params[sub], options.threads);
    const RealRange extremes[] = {{analysis.stats.min, analysis.stats.max}};
    PassOptions pass = storedCodesPass(spec, analysis, extremes, options);
    pass.progress = options.progress;
    const StoredCodes stored{std::span(decoded->codes).subspan(sub * n, n),
                             std::span(decoded->dequantized).subspan(sub * n, n)};
    auto result = measureStoredCodes(group.values, stored, analysis.params, pass);
    if (!result) {
        return std::unexpected(result.error());
    }
    return withOneGroupResult(std::move(analysis), std::move(*result));
}

} // namespace qs
