#include "analysis_runner.h"

#include "i18n/core_texts.h"
#include "quant/ggml_formats.h"

#include <QElapsedTimer>

#include <cmath>

namespace qs::ui {
namespace {

// The compare table's three schemes keep the user's bits, sign, rounding, anchor, calibration
// and granularity.
QuantSpec withScheme(QuantSpec spec, Scheme scheme)
{
    if (spec.scheme != scheme) {
        spec.scheme = scheme;
        spec.narrowRange.reset(); // each scheme's own default, as in the tutorial
        spec.preset.clear();
    }
    // llama.cpp's formats have one grid of their own; the table puts the tutorial's three
    // schemes on the same blocks instead.
    if (spec.convention == Convention::LlamaQ8_0 || spec.convention == Convention::LlamaQ4_0) {
        spec.convention = Convention::Tutorial;
        spec.preset.clear();
    }
    return spec;
}

// A number format has no general, symmetric or asymmetric variant: the table puts the tutorial's
// three schemes on the integer grid of the element's width over the format's blocks (the
// analysis' spec says both: FP8 as int8 per tensor, NVFP4 as int4 in groups of 16), each with
// its own default range.
QuantSpec schemeBase(const QuantSpec& requested, const Analysis& current)
{
    if (requested.isIntegerGrid()) {
        return requested;
    }
    QuantSpec spec = current.spec;
    spec.format = FormatSpec{};
    spec.narrowRange.reset();
    spec.preset.clear();
    return spec;
}

} // namespace

AnalysisRunner::AnalysisRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<Histogram>();
    connect(&m_analyses, &JobTracker::started, this, &AnalysisRunner::started);
    connect(&m_analyses, &JobTracker::progressChanged, this,
            [this](int permille) { emit progress(permille / 1000.0); });
    connect(&m_analyses, &JobTracker::idle, this, &AnalysisRunner::emitIdleWhenDone);
    connect(&m_rebins, &JobTracker::idle, this, &AnalysisRunner::emitIdleWhenDone);
}

AnalysisRunner::~AnalysisRunner() = default; // the trackers cancel and wait

void AnalysisRunner::emitIdleWhenDone()
{
    if (!isBusy()) {
        emit idle();
    }
}

void AnalysisRunner::submitRebin(std::shared_ptr<const LoadedData> data, double lo, double hi,
                                 int bins)
{
    if (!data) {
        return;
    }
    m_rebins.start(
        [data = std::move(data), lo, hi, bins](const JobControl&) {
            return binValues(data->loaded.tensor.values, lo, hi, static_cast<std::size_t>(bins));
        },
        [this](std::optional<Histogram> histogram) {
            if (histogram) {
                emit rebinned(*histogram);
            }
        });
}

quint64 AnalysisRunner::submit(AnalysisRequest request)
{
    return m_analyses.start(
        [request = std::move(request)](const JobControl& job) {
            return compute(request, job.progressFn());
        },
        [this](std::optional<RunnerOutcome> outcome) {
            const quint64 generation = m_analyses.generation(); // delivered only as the newest
            if (!outcome || outcome->cancelled) {
                emit cancelled(generation);
            } else if (outcome->snapshot) {
                emit finished(outcome->snapshot, generation);
            } else {
                emit failed(outcome->error, generation, outcome->inputRejected);
            }
        });
}

void AnalysisRunner::cancel()
{
    m_analyses.cancel();
}

bool AnalysisRunner::isBusy() const
{
    return m_analyses.isBusy() || m_rebins.isBusy();
}

RunnerOutcome AnalysisRunner::compute(const AnalysisRequest& request,
                                      const std::function<bool(double)>& progress)
{
    QElapsedTimer timer;
    timer.start();
    RunnerOutcome outcome;
    std::shared_ptr<const LoadedData> data = request.data;
    if (request.source) {
        auto loaded = loadTensorSource(*request.source);
        if (!loaded) {
            outcome.error = errorText(loaded.error());
            outcome.inputRejected = loaded.error().code != ErrorCode::InvalidArgument;
            return outcome;
        }
        if (loaded->tensor.values.empty()) {
            const auto* file = std::get_if<FileSpec>(&*request.source);
            outcome.error =
                errorText(failWith(ErrorCode::EmptyTensor,
                                   QS_TRANSLATABLE("Error", "the tensor has no elements"), {},
                                   file ? file->path : std::string{})
                              .error());
            outcome.inputRejected = true;
            return outcome;
        }
        auto fresh = std::make_shared<LoadedData>();
        fresh->source = *request.source;
        fresh->loaded = std::move(*loaded);
        fresh->stats = computeStats(fresh->loaded.tensor.values);
        data = std::move(fresh);
    }
    if (!data) {
        outcome.error = tr("no tensor to analyse");
        return outcome;
    }
    if (!progress(0.1)) {
        outcome.cancelled = true;
        return outcome;
    }

    auto snapshot = std::make_shared<AnalysisSnapshot>();
    snapshot->data = data;
    snapshot->spec = request.spec;
    snapshot->outlierSigmas = request.outlierSigmas;
    const TensorView view = data->loaded.tensor.view();

    // Five passes share the progress bar: the current spec, the three schemes, the outliers.
    int step = 0;
    auto analyse = [&](const QuantSpec& spec,
                       std::vector<std::byte>* ggmlBlocks = nullptr) -> Result<Analysis> {
        AnalysisOptions options;
        options.storedBlocks = data->loaded.storedBlocks ? &*data->loaded.storedBlocks : nullptr;
        options.ggmlBlocksOut = ggmlBlocks;
        const double start = 0.1 + 0.2 * step++;
        options.progress = [&, start](double f) {
            return progress(start + 0.2 * f);
        };
        return analyzeTensor(view, spec, options, data->stats);
    };
    // A ggml format keeps its blocks: its scales are read from them (they are the analysis' own
    // copy, the file's bytes when measured as stored).
    auto blocks = std::make_shared<std::vector<std::byte>>();
    auto current =
        analyse(request.spec, isGgmlFormat(request.spec.format.format) ? blocks.get() : nullptr);
    if (!current) {
        outcome.cancelled = current.error().code == ErrorCode::Cancelled;
        outcome.error = errorText(current.error());
        outcome.inputRejected = current.error().code != ErrorCode::InvalidArgument;
        return outcome;
    }
    snapshot->current = std::move(*current);
    if (!blocks->empty()) {
        snapshot->ggmlBlocks = std::move(blocks);
    }
    const Scheme schemes[] = {Scheme::General, Scheme::Symmetric, Scheme::Asymmetric};
    for (std::size_t i = 0; i < 3; ++i) {
        const QuantSpec spec = withScheme(schemeBase(request.spec, snapshot->current), schemes[i]);
        auto other = spec == request.spec ? Result<Analysis>(snapshot->current) : analyse(spec);
        if (!other) {
            outcome.cancelled = other.error().code == ErrorCode::Cancelled;
            outcome.error = errorText(other.error());
            return outcome;
        }
        snapshot->schemes[i] = std::move(*other);
    }
    const TensorStats& s = data->stats;
    snapshot->outliers = countOutside(view.values, s.mean - request.outlierSigmas * s.std,
                                      s.mean + request.outlierSigmas * s.std);
    snapshot->scaleUsage = scaleUsage(
        snapshot->current, snapshot->ggmlBlocks ? std::span<const std::byte>(*snapshot->ggmlBlocks)
                                                : std::span<const std::byte>());
    progress(1.0);
    snapshot->computeMilliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    outcome.snapshot = std::move(snapshot);
    return outcome;
}

} // namespace qs::ui
