#include "mitigation_runner.h"

#include "i18n/core_texts.h"

namespace qs::ui {
namespace {

// The synthetic activations' name in messages ("the activations 'synthetic' [256, 4096] ...").
const char* const kSyntheticName = "synthetic";

MitigationSettings scanKey(MitigationSettings settings)
{
    settings.smoothAlpha.reset(); // the scan tries every α
    return settings;
}

} // namespace

MitigationRunner::MitigationRunner(QObject* parent) : QObject(parent)
{
    for (JobTracker* tracker : {&m_prepareJobs, &m_scanJobs, &m_afterJobs, &m_beforeJobs}) {
        connect(tracker, &JobTracker::started, this, &MitigationRunner::busyChanged);
        connect(tracker, &JobTracker::idle, this, &MitigationRunner::busyChanged);
        connect(tracker, &JobTracker::progressChanged, this, [this, tracker](int permille) {
            if (mostCostlyBusy() == tracker) {
                emit progressChanged(permille);
            }
        });
    }
}

MitigationRunner::~MitigationRunner() = default; // the trackers cancel and wait

JobTracker* MitigationRunner::mostCostlyBusy()
{
    for (JobTracker* tracker : {&m_prepareJobs, &m_scanJobs, &m_afterJobs, &m_beforeJobs}) {
        if (tracker->isBusy()) {
            return tracker;
        }
    }
    return nullptr;
}

bool MitigationRunner::isBusy() const
{
    return m_prepareJobs.isBusy() || m_beforeJobs.isBusy() || m_afterJobs.isBusy() ||
           m_scanJobs.isBusy();
}

MitigationWork MitigationRunner::running() const
{
    if (m_prepareJobs.isBusy()) {
        return MitigationWork::Problem;
    }
    if (m_scanJobs.isBusy()) {
        return MitigationWork::Scan;
    }
    return m_beforeJobs.isBusy() || m_afterJobs.isBusy() ? MitigationWork::Evaluation
                                                         : MitigationWork::None;
}

void MitigationRunner::request(const MitigationInput& input,
                               const std::optional<MitigationSettings>& settings, bool withScan)
{
    if (m_input != input || m_settings != settings || (withScan && !m_withScan)) {
        m_cancelled = false; // something new was asked for
    }
    m_input = input;
    m_settings = settings;
    m_withScan = withScan;
    resume();
}

void MitigationRunner::resume()
{
    if (m_cancelled || !m_input || !m_input->weight) {
        return;
    }
    // A problem cancelled earlier is prepared again once something new is asked for.
    if (m_prepared != m_input || (m_preparation.cancelled && !m_problem)) {
        if (m_preparing != m_input) {
            startPrepare(*m_input);
        }
        return; // the rest waits for the problem
    }
    if (!m_problem || !m_settings) {
        return; // the failure is shown, or a format name is refused
    }
    const auto needed = [](const std::optional<EvaluatedSettings>& shown,
                           const std::optional<MitigationSettings>& running,
                           const MitigationSettings& wanted) {
        return (!shown || shown->settings != wanted || shown->cancelled) && running != wanted;
    };
    const MitigationSettings plain = m_settings->withoutTransforms();
    if (needed(m_before, m_beforeComputing, plain)) {
        startEvaluation(true, plain);
    }
    // With every transform off, after is before: nothing more to compute. After waits for a
    // before being computed: each uses every core, and two at once leave the UI thread starved
    // (a 4096² layer's first results stalled it for 380 ms; one at a time, 35 ms).
    if (m_settings->anyTransform() && !m_beforeComputing &&
        needed(m_after, m_afterComputing, *m_settings)) {
        startEvaluation(false, *m_settings);
    }
    const MitigationSettings scanned = scanKey(*m_settings);
    const bool scanShown = m_scan && m_scan->settings == scanned && !m_scan->cancelled;
    if (m_withScan && !scanShown && m_scanComputing != scanned) {
        startScan(scanned);
    }
}

void MitigationRunner::cancel()
{
    m_cancelled = true;
    for (JobTracker* tracker : {&m_prepareJobs, &m_beforeJobs, &m_afterJobs, &m_scanJobs}) {
        tracker->cancel();
    }
}

void MitigationRunner::resumeAfterCancel()
{
    m_cancelled = false;
    resume();
}

void MitigationRunner::startPrepare(const MitigationInput& input)
{
    dropResults();
    m_preparing = input;
    m_prepareJobs.start(
        [input](const JobControl& job) { return prepare(input, job.progressFn()); },
        [this](std::optional<PreparedProblem> result) { onPrepared(std::move(result)); });
    emit resultsChanged();
}

void MitigationRunner::startEvaluation(bool before, const MitigationSettings& settings)
{
    (before ? m_beforeComputing : m_afterComputing) = settings;
    (before ? m_beforeJobs : m_afterJobs)
        .start([problem = m_problem, settings](
                   const JobControl& job) { return evaluate(problem, settings, job.progressFn()); },
               [this, before](std::optional<EvaluatedSettings> result) {
                   onEvaluated(before, std::move(result));
               });
}

void MitigationRunner::startScan(const MitigationSettings& settings)
{
    m_scanComputing = settings;
    m_scanJobs.start(
        [problem = m_problem, settings](const JobControl& job) {
            return scanAlpha(problem, settings, job.progressFn());
        },
        [this](std::optional<ScannedAlpha> result) { onScanned(std::move(result)); });
}

PreparedProblem MitigationRunner::prepare(const MitigationInput& input, const ProgressFn& progress)
{
    PreparedProblem out;
    Tensor activations;
    if (input.activations.file) {
        auto loaded = loadTensorFile(*input.activations.file);
        if (!loaded) {
            out.error = errorText(loaded.error());
            return out;
        }
        activations = std::move(loaded->tensor);
    } else {
        auto generated = generateActivations(input.activations.synthetic);
        if (!generated) {
            out.error = errorText(generated.error());
            return out;
        }
        activations = std::move(*generated);
        activations.name = kSyntheticName;
    }
    auto problem =
        prepareMitigation(input.weight->loaded.tensor, std::move(activations), {0, progress});
    if (!problem) {
        out.cancelled = problem.error().code == ErrorCode::Cancelled;
        out.error = errorText(problem.error());
        return out;
    }
    out.problem = std::make_shared<const MitigationProblem>(std::move(*problem));
    return out;
}

EvaluatedSettings MitigationRunner::evaluate(std::shared_ptr<const MitigationProblem> problem,
                                             const MitigationSettings& settings,
                                             const ProgressFn& progress)
{
    EvaluatedSettings out{problem, settings, nullptr, {}, false};
    auto outcome = evaluateMitigation(*problem, settings, {0, progress});
    if (!outcome) {
        out.cancelled = outcome.error().code == ErrorCode::Cancelled;
        out.error = errorText(outcome.error());
        return out;
    }
    out.outcome = std::make_shared<const MitigationOutcome>(std::move(*outcome));
    return out;
}

ScannedAlpha MitigationRunner::scanAlpha(std::shared_ptr<const MitigationProblem> problem,
                                         const MitigationSettings& settings,
                                         const ProgressFn& progress)
{
    ScannedAlpha out{problem, settings, nullptr, {}, false};
    auto scan = scanSmoothingAlpha(*problem, settings, {0, progress});
    if (!scan) {
        out.cancelled = scan.error().code == ErrorCode::Cancelled;
        out.error = errorText(scan.error());
        return out;
    }
    out.scan = std::make_shared<const AlphaScan>(std::move(*scan));
    return out;
}

void MitigationRunner::onPrepared(std::optional<PreparedProblem> result)
{
    if (!m_preparing) {
        return;
    }
    m_prepared = std::exchange(m_preparing, std::nullopt);
    m_preparation = result ? std::move(*result) : PreparedProblem{nullptr, {}, true};
    m_problem = m_preparation.problem;
    m_cancelled = m_cancelled || m_preparation.cancelled;
    resume();
    emit resultsChanged();
}

void MitigationRunner::onEvaluated(bool before, std::optional<EvaluatedSettings> result)
{
    std::optional<MitigationSettings>& computing = before ? m_beforeComputing : m_afterComputing;
    if (!computing) {
        return; // dropped with its problem
    }
    EvaluatedSettings evaluated =
        result ? std::move(*result) : EvaluatedSettings{m_problem, *computing, nullptr, {}, true};
    computing.reset();
    if (evaluated.problem == m_problem) {
        m_cancelled = m_cancelled || evaluated.cancelled;
        (before ? m_before : m_after) = std::move(evaluated);
    }
    resume();
    emit resultsChanged();
}

void MitigationRunner::onScanned(std::optional<ScannedAlpha> result)
{
    if (!m_scanComputing) {
        return;
    }
    ScannedAlpha scanned =
        result ? std::move(*result) : ScannedAlpha{m_problem, *m_scanComputing, nullptr, {}, true};
    m_scanComputing.reset();
    const bool current = scanned.problem == m_problem;
    if (current) {
        m_cancelled = m_cancelled || scanned.cancelled;
        m_scan = std::move(scanned);
    }
    resume();
    emit resultsChanged();
    if (current) {
        emit alphaScanned();
    }
}

void MitigationRunner::dropResults()
{
    // Results of another W or X are not shown beside the new ones, nor delivered later: the
    // computing keys go first, so that the cancelled jobs' deliveries are ignored.
    m_beforeComputing.reset();
    m_afterComputing.reset();
    m_scanComputing.reset();
    for (JobTracker* tracker : {&m_beforeJobs, &m_afterJobs, &m_scanJobs}) {
        tracker->cancel();
    }
    m_problem.reset();
    m_prepared.reset();
    m_preparation = {};
    m_before.reset();
    m_after.reset();
    m_scan.reset();
}

} // namespace qs::ui
