#pragma once
// The background work of the Outliers view, kept up to date with what the user asks for. Three
// costs, three moments, each a job of its own tracker (job_tracker.h):
//   the problem   X loaded or generated and the float64 reference X·Wᵀ: once per W and X
//   before        the formats without any transform: once per problem and pair of formats
//   after         the formats with the transforms: on every change of a transform (a slider
//                 drag is latest-wins: one job runs, the newest waits)
// and the scan of SmoothQuant's α when asked for. The problem is shared with the jobs, never
// copied; a result of an older problem or of settings since changed is never shown as current.

#include "analysis_snapshot.h"
#include "generate/activation_generator.h"
#include "io/tensor_source.h"
#include "job_tracker.h"
#include "mitigate/mitigation.h"

#include <QObject>

#include <memory>
#include <optional>

namespace qs::ui {

// Where X comes from. The synthetic spec's features follow the weight's inputs.
struct ActivationsChoice
{
    ActivationSpec synthetic;
    std::optional<FileSpec> file; // set: X is this tensor (the synthetic spec is then unused)

    friend bool operator==(const ActivationsChoice&, const ActivationsChoice&) = default;
};

// What a problem is made of.
struct MitigationInput
{
    std::shared_ptr<const LoadedData> weight;
    ActivationsChoice activations;

    friend bool operator==(const MitigationInput&, const MitigationInput&) = default;
};

struct PreparedProblem
{
    std::shared_ptr<const MitigationProblem> problem; // null when it failed or was cancelled
    QString error;
    bool cancelled = false;
};

// One evaluation and what it was computed for.
struct EvaluatedSettings
{
    std::shared_ptr<const MitigationProblem> problem;
    MitigationSettings settings;
    std::shared_ptr<const MitigationOutcome> outcome; // null when it failed or was cancelled
    QString error;
    bool cancelled = false;
};

struct ScannedAlpha
{
    std::shared_ptr<const MitigationProblem> problem;
    MitigationSettings settings; // smoothAlpha unset: the scan sets it
    std::shared_ptr<const AlphaScan> scan;
    QString error;
    bool cancelled = false;
};

// What runs, the most costly first.
enum class MitigationWork
{
    None,
    Problem,
    Scan,
    Evaluation,
};

class MitigationRunner : public QObject
{
    Q_OBJECT

public:
    explicit MitigationRunner(QObject* parent = nullptr);
    ~MitigationRunner() override;

    // Starts what `input` and `settings` (nullopt: a format name is refused) still need, and the
    // α scan too when `withScan`. After Cancel nothing starts again until a request differs.
    void request(const MitigationInput& input, const std::optional<MitigationSettings>& settings,
                 bool withScan);
    void cancel();
    bool wasCancelled() const { return m_cancelled; }
    // Starts again what Cancel stopped, for the last request.
    void resumeAfterCancel();
    bool isBusy() const;
    MitigationWork running() const;

    // The problem of `input` is the one held (or its failure is).
    bool holds(const MitigationInput& input) const { return m_prepared == input; }
    const std::shared_ptr<const MitigationProblem>& problem() const { return m_problem; }
    const PreparedProblem& preparation() const { return m_preparation; }
    const std::optional<EvaluatedSettings>& before() const { return m_before; }
    const std::optional<EvaluatedSettings>& after() const { return m_after; }
    const std::optional<ScannedAlpha>& scan() const { return m_scan; }
    // X came from the generator.
    bool syntheticActivations() const { return m_prepared && !m_prepared->activations.file; }

    // The work of each job, on the calling thread.
    static PreparedProblem prepare(const MitigationInput& input, const ProgressFn& progress);
    static EvaluatedSettings evaluate(std::shared_ptr<const MitigationProblem> problem,
                                      const MitigationSettings& settings,
                                      const ProgressFn& progress);
    static ScannedAlpha scanAlpha(std::shared_ptr<const MitigationProblem> problem,
                                  const MitigationSettings& settings, const ProgressFn& progress);

signals:
    // A result arrived, or the results were dropped for a new problem.
    void resultsChanged();
    void alphaScanned();
    // The work that matters most of what runs, per mille.
    void progressChanged(int permille);
    // Work started or ended.
    void busyChanged();

private:
    void resume();
    void startPrepare(const MitigationInput& input);
    void startEvaluation(bool before, const MitigationSettings& settings);
    void startScan(const MitigationSettings& settings);
    void onPrepared(std::optional<PreparedProblem> result);
    void onEvaluated(bool before, std::optional<EvaluatedSettings> result);
    void onScanned(std::optional<ScannedAlpha> result);
    void dropResults();
    JobTracker* mostCostlyBusy();

    JobTracker m_prepareJobs;
    JobTracker m_beforeJobs;
    JobTracker m_afterJobs;
    JobTracker m_scanJobs;

    // The last request, resumed as jobs end.
    std::optional<MitigationInput> m_input;
    std::optional<MitigationSettings> m_settings;
    bool m_withScan = false;
    bool m_cancelled = false;

    std::optional<MitigationInput> m_preparing;
    std::optional<MitigationInput> m_prepared; // what m_problem (or its failure) was made of
    std::shared_ptr<const MitigationProblem> m_problem;
    PreparedProblem m_preparation;
    std::optional<MitigationSettings> m_beforeComputing;
    std::optional<MitigationSettings> m_afterComputing;
    std::optional<MitigationSettings> m_scanComputing;
    std::optional<EvaluatedSettings> m_before;
    std::optional<EvaluatedSettings> m_after;
    std::optional<ScannedAlpha> m_scan;
};

} // namespace qs::ui
