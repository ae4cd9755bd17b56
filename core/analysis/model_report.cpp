#include "analysis/model_report.h"

#include "analysis/analyze.h"
#include "analysis/shootout.h"
#include "analysis/streamed_quantization.h"
#include "tensor/tensor_stats.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

// The SQNR of `tensor` under `spec`, or nullopt if the spec does not apply to it.
std::optional<double> sqnrUnder(TensorView view, const QuantSpec& spec, const TensorStats& stats,
                                unsigned threads)
{
    AnalysisOptions options;
    options.threads = threads;
    auto analysis = analyzeTensor(view, spec, options, stats);
    if (!analysis) {
        return std::nullopt;
    }
    return analysis->metrics.sqnrDb;
}

struct ChannelVariants
{
    QuantSpec perTensor;
    QuantSpec perChannel;
};

// The chosen scheme per tensor and per output channel, for tensors that have channels.
std::optional<ChannelVariants> channelVariants(const QuantSpec& spec, const Shape& shape,
                                               int channelAxis)
{
    const int rank = static_cast<int>(shape.size());
    const int axis = channelAxis < 0 ? rank + channelAxis : channelAxis;
    if (rank < 2 || axis < 0 || axis >= rank || shape[static_cast<std::size_t>(axis)] <= 1) {
        return std::nullopt;
    }
    const FormatFamily family = formatInfo(spec.format.format).family;
    if (family != FormatFamily::Integer && family != FormatFamily::Minifloat) {
        return std::nullopt; // MX, NVFP4 and bitsandbytes have blocks of their own
    }
    ChannelVariants variants{spec, spec};
    variants.perTensor.granularity = Granularity::Tensor;
    variants.perChannel.granularity = Granularity::Channel;
    variants.perChannel.axis = axis;
    return variants;
}

TensorReportRow rowFromStats(const TensorEntry& entry, const Shape& shape, const TensorStats& stats)
{
    TensorReportRow row;
    row.name = entry.name;
    row.shape = shape;
    row.dtype = entry.dtype;
    row.count = stats.count;
    row.alreadyQuantized = entry.alreadyQuantized;
    row.bytes = entry.bytes;
    row.min = stats.min;
    row.max = stats.max;
    row.mean = stats.mean;
    row.std = stats.std;
    row.maxAbsOverStd = stats.std > 0 ? stats.absMax / stats.std : 0;
    return row;
}

// Any scheme, on the tensor in memory: the analyses the window runs.
Result<TensorReportRow> wholeTensorRow(const Tensor& tensor, const TensorEntry& entry,
                                       const QuantSpec& spec, int channelAxis, unsigned threads)
{
    StatsOptions statsOptions;
    statsOptions.threads = threads;
    const TensorStats stats = computeStats(tensor.values, statsOptions);
    AnalysisOptions options;
    options.threads = threads;
    options.valueBins = 16; // the report needs the metrics, not the plots
    options.errorBins = 16;
    auto analysis = analyzeTensor(tensor.view(), spec, options, stats);
    if (!analysis) {
        return std::unexpected(analysis.error());
    }
    TensorReportRow row = rowFromStats(entry, tensor.shape, stats);
    row.outliers = computeOutlierStats(ValueSource::floats(tensor.values), stats, threads);
    row.sqnrDb = analysis->metrics.sqnrDb;
    row.zeroCodeFraction = analysis->metrics.zeroCodeFraction;
    if (const auto variants = channelVariants(spec, tensor.shape, channelAxis)) {
        const auto sqnrOf = [&](const QuantSpec& variant) {
            return variant == spec ? std::optional(row.sqnrDb)
                                   : sqnrUnder(tensor.view(), variant, stats, threads);
        };
        row.perTensorSqnrDb = sqnrOf(variants->perTensor);
        row.perChannelSqnrDb = sqnrOf(variants->perChannel);
    }
    return row;
}

// The best row of the shoot-out of `bits`' class on the tensor.
Result<TensorReportRow::BestFormat> bestFormatOf(const Tensor& tensor, int bits, unsigned threads)
{
    auto candidates = bitsClassCandidates(bits);
    if (!candidates) {
        return std::unexpected(candidates.error());
    }
    const TensorStats stats = computeStats(tensor.values, {threads, {}});
    auto shootout = runShootout(tensor.view(), *candidates, stats, {threads, {}});
    if (!shootout) {
        return std::unexpected(shootout.error());
    }
    const ShootoutRow* best = bestWithinBudget(*shootout, bits + 1.0);
    if (best == nullptr) {
        return fail(ErrorCode::InvalidArgument, "no format of the class applies");
    }
    return TensorReportRow::BestFormat{best->name, best->metrics.sqnrDb, best->bitsPerValue};
}

} // namespace

std::optional<double> TensorReportRow::perChannelGainDb() const
{
    if (!perTensorSqnrDb || !perChannelSqnrDb) {
        return std::nullopt;
    }
    return *perChannelSqnrDb - *perTensorSqnrDb;
}

int outputChannelAxis(ArchiveFormat format)
{
    return format == ArchiveFormat::Tfjs ? -1 : 0;
}

Result<TensorReportRow> analyzeModelTensor(const Tensor& tensor, const TensorEntry& entry,
                                           const QuantSpec& spec, int channelAxis, unsigned threads)
{
    if (canStream(spec, tensor.shape)) {
        return streamedModelRow(ValueSource::floats(tensor.values), tensor.shape, entry, spec,
                                channelAxis, threads);
    }
    return wholeTensorRow(tensor, entry, spec, channelAxis, threads);
}

Result<TensorReportRow> streamedModelRow(const ValueSource& source, const Shape& shape,
                                         const TensorEntry& entry, const QuantSpec& spec,
                                         int channelAxis, unsigned threads)
{
    // The chosen spec and the variants beside it, measured in the same two reads.
    std::vector<QuantSpec> specs{spec};
    const auto slotOf = [&](const QuantSpec& variant) -> std::optional<std::size_t> {
        if (!canStream(variant, shape)) {
            return std::nullopt;
        }
        const auto found = std::find(specs.begin(), specs.end(), variant);
        if (found != specs.end()) {
            return static_cast<std::size_t>(found - specs.begin());
        }
        specs.push_back(variant);
        return specs.size() - 1;
    };
    const auto variants = channelVariants(spec, shape, channelAxis);
    const auto perTensor = variants ? slotOf(variants->perTensor) : std::nullopt;
    const auto perChannel = variants ? slotOf(variants->perChannel) : std::nullopt;
    auto numbers = measureStreamed(source, shape, specs, threads);
    if (!numbers) {
        return std::unexpected(numbers.error());
    }
    const Result<QuantSummary>& main = numbers->schemes.front();
    if (!main) {
        return std::unexpected(main.error());
    }
    TensorReportRow row = rowFromStats(entry, shape, numbers->stats);
    row.outliers = numbers->outliers;
    row.sqnrDb = main->sqnrDb;
    row.zeroCodeFraction = main->zeroCodeFraction;
    if (variants) {
        const auto sqnrOf = [&](std::optional<std::size_t> slot) -> std::optional<double> {
            if (!slot || !numbers->schemes[*slot]) {
                return std::nullopt;
            }
            return numbers->schemes[*slot]->sqnrDb;
        };
        row.perTensorSqnrDb = sqnrOf(perTensor);
        row.perChannelSqnrDb = sqnrOf(perChannel);
    }
    return row;
}

Result<ModelReport> analyzeModel(TensorArchive& archive, const QuantSpec& spec,
                                 const ModelReportOptions& options)
{
    ModelReport report;
    report.file = archive.path();
    for (const char* key : {"model", "architecture"}) {
        const auto it = std::ranges::find_if(archive.metadata(),
                                             [&](const auto& item) { return item.first == key; });
        if (it != archive.metadata().end()) {
            report.model += (report.model.empty() ? "" : ", ") + it->second;
        }
    }
    report.format = archive.format();
    report.gguf = auditGguf(archive);
    report.spec = spec;
    report.channelAxis = outputChannelAxis(archive.format());
    report.bestFormatBits = options.bestFormatBits;

    if (options.bestFormatBits != 0) {
        if (auto classes = bitsClassCandidates(options.bestFormatBits); !classes) {
            return std::unexpected(classes.error());
        }
    }
    const auto& entries = archive.entries();
    double totalWork = 0;
    for (const TensorEntry& entry : entries) {
        totalWork +=
            entry.floating && entry.unsupported.empty() ? static_cast<double>(entry.count) : 0.0;
    }
    double doneWork = 0;
    const auto progress = [&](double share) {
        return !options.progress ||
               options.progress(totalWork > 0 ? (doneWork + share) / totalWork : 1.0);
    };

    for (std::size_t i = 0; i < entries.size(); ++i) {
        const TensorEntry& entry = entries[i];
        if (!progress(0)) {
            return fail(ErrorCode::Cancelled, "cancelled");
        }
        if (!entry.unsupported.empty()) {
            report.skipped.push_back({entry.name, entry.unsupported});
            continue;
        }
        if (!entry.floating) {
            report.skipped.push_back(
                {entry.name, std::string(kNotFloatingPoint) + " (" + entry.dtype + ")"});
            continue;
        }
        if (entry.count == 0) {
            report.skipped.push_back({entry.name, "has no elements"});
            continue;
        }
        // Read in place when the file allows it (no float32 copy); otherwise loaded whole.
        Result<TensorReportRow> row = fail(ErrorCode::InvalidArgument, "not analysed");
        const bool whole = options.bestFormatBits != 0; // the shoot-out needs the tensor whole
        const bool streams = canStream(spec, entry.shape) && !whole;
        if (const auto stored = streams ? archive.stored(i) : std::nullopt) {
            row = streamedModelRow(ValueSource::stored(stored->bytes, stored->dtype, stored->order),
                                   entry.shape, entry, spec, report.channelAxis, options.threads);
        } else if (const auto blocks = streams ? archive.storedBlocks(i) : std::nullopt) {
            // ggml blocks decoded slice by slice, as ggml decodes them: no float32 copy.
            row = streamedModelRow(ValueSource::ggmlBlocks(blocks->bytes, *blocks->type),
                                   entry.shape, entry, spec, report.channelAxis, options.threads);
        } else if (auto loaded = archive.load(i); !loaded) {
            row = std::unexpected(loaded.error());
        } else {
            row = analyzeModelTensor(loaded->tensor, entry, spec, report.channelAxis,
                                     options.threads);
            if (row && whole) {
                auto best = bestFormatOf(loaded->tensor, options.bestFormatBits, options.threads);
                row->bestFormat = best ? std::optional(std::move(*best)) : std::nullopt;
            }
        }
        if (!row) {
            report.skipped.push_back({entry.name, row.error().describe()});
        } else {
            if (options.onTensor) {
                options.onTensor(*row);
            }
            report.tensors.push_back(std::move(*row));
        }
        doneWork += static_cast<double>(entry.count);
    }
    if (!progress(0)) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    return report;
}

} // namespace qs
