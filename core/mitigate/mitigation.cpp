#include "mitigate/mitigation.h"

#include "common/memory_budget.h"
#include "common/parallel_chunks.h"
#include "ggml/ggml_scalars.h"
#include "mitigate/product.h"
#include "mitigate/side_moments.h"
#include "mitigate/smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace qs {
namespace {

double sqnrDb(double signal, double error)
{
    if (error == 0) {
        return std::numeric_limits<double>::infinity();
    }
    return 10.0 * std::log10(signal / error);
}

std::string describe(const char* role, const Tensor& tensor)
{
    return std::string(role) + (tensor.name.empty() ? "" : " '" + tensor.name + "'") + " " +
           shapeToString(tensor.shape);
}

Result<void> requireFinite(const char* role, const Tensor& tensor)
{
    const auto bad =
        std::ranges::count_if(tensor.values, [](float v) { return !std::isfinite(v); });
    if (bad != 0) {
        return fail(ErrorCode::BadValue,
                    describe(role, tensor) + " holds " + std::to_string(bad) +
                        " values that are not finite; a product with them has no error to measure");
    }
    return {};
}

// Rows of a row-major matrix rotated on the threads (each row is independent).
void rotateRowsInParallel(std::span<float> matrix, const HadamardPlan& plan, unsigned threads)
{
    const std::size_t rows = matrix.size() / plan.size;
    const std::size_t rowsPerChunk = std::max<std::size_t>(1, kDefaultChunkSize / plan.size);
    const ChunkPlan chunks{rows, rowsPerChunk};
    forEachChunk(
        chunks, resolveThreadCount(matrix.size(), threads), [&](unsigned, std::size_t chunk) {
            rotateRows(matrix.subspan(chunks.begin(chunk) * plan.size,
                                      (chunks.end(chunk) - chunks.begin(chunk)) * plan.size),
                       plan);
        });
}

// A matrix split by input channel: the columns kept in float16 and the rest.
struct ChannelSplit
{
    std::vector<float> quantized; // [rows, columns − kept.size()]
    std::vector<float> half;      // [rows, kept.size()], rounded to float16
    double halfErrorEnergy = 0;   // Σ (x − fp16(x))² over the kept columns
};

ChannelSplit splitChannels(std::span<const float> matrix, std::size_t columns,
                           std::span<const std::size_t> kept)
{
    const std::size_t rows = matrix.size() / columns;
    ChannelSplit split;
    split.quantized.resize(rows * (columns - kept.size()));
    split.half.resize(rows * kept.size());
    float* quantized = split.quantized.data();
    float* half = split.half.data();
    for (std::size_t r = 0; r < rows; ++r) {
        const float* row = matrix.data() + r * columns;
        std::size_t from = 0; // the run of quantized columns before each kept one is copied whole
        for (const std::size_t c : kept) {
            quantized = std::copy(row + from, row + c, quantized);
            const float h = ggml::throughFp16(row[c]);
            *half++ = h;
            const double e = static_cast<double>(row[c]) - h;
            split.halfErrorEnergy += e * e;
            from = c + 1;
        }
        quantized = std::copy(row + from, row + columns, quantized);
    }
    return split;
}

// LLM.int8()'s vector-wise quantization: a per-tensor granularity becomes one scale per row.
QuantSpec vectorWise(QuantSpec spec)
{
    if (spec.granularity == Granularity::Tensor) {
        spec.granularity = Granularity::Channel;
        spec.axis = 0;
    }
    return spec;
}

struct QuantizedSide
{
    MitigatedSide side;
    std::vector<float> dequantized; // the quantized part, dequantized
    std::vector<float> half;        // the float16 part
};

// One operand: its measures in the transformed domain, then its quantization.
Result<QuantizedSide> quantizeSide(const char* role, std::span<const float> matrix,
                                   std::size_t columns, std::span<const std::size_t> kept,
                                   const QuantSpec& spec, const MitigationOptions& options)
{
    QuantizedSide out;
    const SideMoments moments = sideMoments(matrix, options.threads);
    out.side.kurtosis = moments.kurtosis;
    out.side.absMax = moments.stats.absMax;
    out.side.maxOverStd = moments.stats.std > 0 ? moments.stats.absMax / moments.stats.std
                                                : std::numeric_limits<double>::quiet_NaN();
    out.side.channelAbsMax = columnAbsMax(matrix, columns, options.threads);

    ChannelSplit split;
    std::span<const float> quantized = matrix;
    QuantSpec used = spec;
    if (!kept.empty()) {
        split = splitChannels(matrix, columns, kept);
        quantized = split.quantized;
        used = vectorWise(spec);
    }
    const std::size_t rows = matrix.size() / columns;
    const std::size_t quantizedColumns = columns - kept.size();
    double errorEnergy = split.halfErrorEnergy;
    if (quantizedColumns > 0) {
        const Shape shape{static_cast<std::int64_t>(rows),
                          static_cast<std::int64_t>(quantizedColumns)};
        out.dequantized.resize(quantized.size());
        AnalysisOptions analysisOptions;
        analysisOptions.dequantOut = out.dequantized;
        analysisOptions.threads = options.threads;
        analysisOptions.progress = options.progress;
        // The whole matrix is quantized unless channels were split off: its stats are then the
        // ones just computed.
        auto analysis =
            kept.empty() ? analyzeTensor({quantized, shape}, used, analysisOptions, moments.stats)
                         : analyzeTensor({quantized, shape}, used, analysisOptions);
        if (!analysis) {
            Error error = analysis.error();
            error.message = std::string(role) + ": " + error.message;
            return std::unexpected(std::move(error));
        }
        errorEnergy += analysis->metrics.mse * static_cast<double>(analysis->stats.finiteCount);
        out.side.analysis = std::move(*analysis);
    }
    out.side.sqnrDb = sqnrDb(moments.energy, errorEnergy);
    out.half = std::move(split.half);
    return out;
}

} // namespace

QuantSpec defaultWeightSpec()
{
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    spec.axis = 0;
    return spec;
}

QuantSpec defaultActivationSpec()
{
    return QuantSpec{};
}

MitigationSettings MitigationSettings::withoutTransforms() const
{
    MitigationSettings plain;
    plain.weightSpec = weightSpec;
    plain.activationSpec = activationSpec;
    return plain;
}

Result<MitigationProblem> prepareMitigation(Tensor weight, Tensor activations,
                                            const MitigationOptions& options)
{
    if (weight.shape.size() < 2) {
        return fail(ErrorCode::BadValue,
                    describe("the weight", weight) +
                        " is not a matrix: a linear layer's weight is [out, in] (a convolution's "
                        "[out, in, kh, kw] is taken as [out, in·kh·kw])");
    }
    MitigationProblem p;
    p.outputs = static_cast<std::size_t>(weight.shape.front());
    p.inputs = p.outputs == 0 ? 0 : weight.values.size() / p.outputs;
    const std::size_t last =
        activations.shape.empty() ? 1 : static_cast<std::size_t>(activations.shape.back());
    if (p.outputs == 0 || p.inputs == 0 || last != p.inputs || activations.values.empty()) {
        return fail(ErrorCode::BadValue,
                    "the shapes do not match: " + describe("the weight", weight) + " takes " +
                        std::to_string(p.inputs) + " inputs, but " +
                        describe("the activations", activations) + " have " + std::to_string(last) +
                        " in their last dimension");
    }
    if (auto ok = requireFinite("the weight", weight); !ok) {
        return std::unexpected(ok.error());
    }
    if (auto ok = requireFinite("the activations", activations); !ok) {
        return std::unexpected(ok.error());
    }
    p.tokens = activations.values.size() / p.inputs;
    // The reference, the quantized product and the working copies of both operands.
    const std::uint64_t need =
        2 * sizeof(double) * p.tokens * p.outputs +
        2 * sizeof(float) * (weight.values.size() + activations.values.size());
    if (need > memoryBudgetBytes()) {
        return fail(ErrorCode::TooLarge,
                    "the product of " + describe("the activations", activations) + " and " +
                        describe("the weight", weight) + " needs " + std::to_string(need >> 20) +
                        " MiB, more than this process may use");
    }
    p.activationMax = columnAbsMax(activations.values, p.inputs, options.threads);
    p.weightMax = columnAbsMax(weight.values, p.inputs, options.threads);
    p.reference.resize(p.tokens * p.outputs);
    if (!referenceProductTransposed(activations.values, weight.values, p.inputs, p.reference,
                                    {options.threads, simd::Isa::Auto, options.progress})) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    p.channelEnergy.assign(p.outputs, 0.0);
    for (std::size_t t = 0; t < p.tokens; ++t) {
        for (std::size_t o = 0; o < p.outputs; ++o) {
            const double y = p.reference[t * p.outputs + o];
            p.channelEnergy[o] += y * y;
        }
    }
    for (const double e : p.channelEnergy) {
        p.referenceEnergy += e;
    }
    p.weight = std::move(weight);
    p.activations = std::move(activations);
    return p;
}

Result<MitigationOutcome> evaluateMitigation(const MitigationProblem& problem,
                                             const MitigationSettings& settings,
                                             const MitigationOptions& options)
{
    if (settings.smoothAlpha && !(*settings.smoothAlpha >= 0 && *settings.smoothAlpha <= 1)) {
        return fail(ErrorCode::InvalidArgument, "SmoothQuant's α must lie in [0, 1], got " +
                                                    std::to_string(*settings.smoothAlpha));
    }
    if (settings.int8Threshold && !(*settings.int8Threshold > 0)) {
        return fail(ErrorCode::InvalidArgument, "the LLM.int8() threshold must be positive, got " +
                                                    std::to_string(*settings.int8Threshold));
    }
    const auto stage = [&](double start, double share) {
        return progressStage(options.progress, start, share);
    };
    const auto cancelled = [&](double at) {
        return options.progress && !options.progress(at);
    };

    MitigationOutcome outcome;
    std::vector<float> x = problem.activations.values;
    std::vector<float> w = problem.weight.values;
    const std::size_t n = problem.inputs;
    if (settings.smoothAlpha) {
        SmoothingScales smoothing =
            smoothingScales(problem.activationMax, problem.weightMax, *settings.smoothAlpha);
        divideColumns(x, smoothing.scales, options.threads);
        multiplyColumns(w, smoothing.scales, options.threads);
        outcome.zeroChannels = smoothing.zeroChannels;
        outcome.smoothScales = std::move(smoothing.scales);
        if (outcome.zeroChannels > 0) {
            outcome.warnings.push_back(makeWarning(
                WarningCode::ZeroChannels,
                QS_TRANSLATABLE("Warning", "input channels zero in the activations or the weight: "
                                           "%1; SmoothQuant leaves them unscaled (s = 1)"),
                {std::to_string(outcome.zeroChannels)}));
        }
    }
    if (settings.rotationSeed) {
        outcome.rotation = hadamardPlan(n, *settings.rotationSeed);
        rotateRowsInParallel(x, *outcome.rotation, options.threads);
        rotateRowsInParallel(w, *outcome.rotation, options.threads);
    }
    if (cancelled(0.1)) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    if (settings.int8Threshold) {
        outcome.float16Channels = outlierChannels(x, n, *settings.int8Threshold);
    }

    MitigationOptions weightOptions{options.threads, stage(0.1, 0.4)};
    auto weight = quantizeSide("the weight", w, n, outcome.float16Channels, settings.weightSpec,
                               weightOptions);
    if (!weight) {
        return std::unexpected(weight.error());
    }
    w = {}; // the transformed copy is no longer needed; its quantization is
    MitigationOptions activationOptions{options.threads, stage(0.5, 0.1)};
    auto activations = quantizeSide("the activations", x, n, outcome.float16Channels,
                                    settings.activationSpec, activationOptions);
    if (!activations) {
        return std::unexpected(activations.error());
    }

    // Y = Q(X″)·Q(W″)ᵀ over the quantized channels, plus the float16 channels' own product.
    std::vector<double> y(problem.tokens * problem.outputs, 0.0);
    const std::size_t quantizedInputs = n - outcome.float16Channels.size();
    if (quantizedInputs > 0 &&
        !productTransposed(activations->dequantized, weight->dequantized, quantizedInputs, y,
                           {options.threads, simd::Isa::Auto, stage(0.6, 0.38)})) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    if (!outcome.float16Channels.empty()) {
        std::vector<double> halfProduct(y.size());
        productTransposed(activations->half, weight->half, outcome.float16Channels.size(),
                          halfProduct, {options.threads, simd::Isa::Auto, {}});
        for (std::size_t i = 0; i < y.size(); ++i) {
            y[i] += halfProduct[i];
        }
    }

    std::vector<double> channelError(problem.outputs, 0.0);
    for (std::size_t t = 0; t < problem.tokens; ++t) {
        for (std::size_t o = 0; o < problem.outputs; ++o) {
            const double e =
                problem.reference[t * problem.outputs + o] - y[t * problem.outputs + o];
            channelError[o] += e * e;
        }
    }
    double totalError = 0;
    outcome.outputChannelSqnrDb.resize(problem.outputs);
    for (std::size_t o = 0; o < problem.outputs; ++o) {
        totalError += channelError[o];
        outcome.outputChannelSqnrDb[o] = sqnrDb(problem.channelEnergy[o], channelError[o]);
    }
    outcome.outputSqnrDb = sqnrDb(problem.referenceEnergy, totalError);
    outcome.weight = std::move(weight->side);
    outcome.activations = std::move(activations->side);
    if (cancelled(1.0)) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    return outcome;
}

Result<AlphaScan> scanSmoothingAlpha(const MitigationProblem& problem,
                                     const MitigationSettings& settings,
                                     const MitigationOptions& options)
{
    AlphaScan scan;
    MitigationSettings trial = settings;
    for (std::size_t i = 0; i < kAlphaSteps; ++i) {
        // α = i/20 exactly, not an accumulated sum of 0.05s.
        const double alpha = static_cast<double>(i) / static_cast<double>(kAlphaSteps - 1);
        trial.smoothAlpha = alpha;
        const double share = 1.0 / static_cast<double>(kAlphaSteps);
        auto outcome = evaluateMitigation(
            problem, trial,
            {options.threads,
             progressStage(options.progress, share * static_cast<double>(i), share)});
        if (!outcome) {
            return std::unexpected(outcome.error());
        }
        scan.alphas.push_back(alpha);
        scan.outputSqnrDb.push_back(outcome->outputSqnrDb);
        if (outcome->outputSqnrDb > scan.outputSqnrDb[scan.best]) {
            scan.best = i;
        }
    }
    return scan;
}

} // namespace qs
