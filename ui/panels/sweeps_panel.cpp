#include "panels/sweeps_panel.h"

#include "panels/job_status_bar.h"
#include "plots/sweep_plots.h"

#include <QVBoxLayout>

namespace qs::ui {
namespace {

// Shares of the progress bar: the bit and outlier sweeps are 15 and 25 whole analyses, the
// clip sweep about a hundred lean error passes.
constexpr double kBitsShare = 0.35;
constexpr double kClipShare = 0.25;

bool sameSweepInput(const SnapshotPtr& a, const SnapshotPtr& b)
{
    return a && b && a->data == b->data && a->spec == b->spec;
}

} // namespace

SweepsPanel::SweepsPanel(QWidget* parent) : QWidget(parent)
{
    m_plots = new SweepPlots(this);
    m_status = new JobStatusBar(QStringLiteral("sweep"), this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_plots, 1);

    connect(&m_jobs, &JobTracker::progressChanged, m_status, &JobStatusBar::setProgress);
    connect(m_status, &JobStatusBar::cancelRequested, &m_jobs, &JobTracker::cancel);
}

SweepsPanel::~SweepsPanel() = default; // the tracker cancels and waits

void SweepsPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    startIfNeeded();
}

void SweepsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    startIfNeeded();
}

void SweepsPanel::startIfNeeded()
{
    if (!m_snapshot || !isVisible() || sameSweepInput(m_snapshot, m_shown)) {
        return;
    }
    if (m_computing && sameSweepInput(m_snapshot, m_computing)) {
        return; // already running
    }
    m_computing = m_snapshot;
    m_status->start([] { return tr("Sweeping bit width, clip threshold and outlier size…"); });
    m_jobs.start([snapshot = m_computing](
                     const JobControl& job) { return compute(*snapshot, job.progressFn()); },
                 [this](std::optional<SweepOutcome> outcome) { onFinished(std::move(outcome)); });
}

SweepOutcome SweepsPanel::compute(const AnalysisSnapshot& snapshot, const ProgressFn& progress)
{
    const TensorView tensor = snapshot.data->loaded.tensor.view();
    SweepOutcome out;
    const auto stopped = [](const auto& result) {
        return !result && result.error().code == ErrorCode::Cancelled;
    };
    SweepOptions options;
    options.progress = progressStage(progress, 0, kBitsShare);
    out.bits = sweepBits(tensor, snapshot.spec, options);
    options.progress = progressStage(progress, kBitsShare, kClipShare);
    out.clip = stopped(out.bits) ? out.clip : sweepClip(tensor, snapshot.spec, options);
    options.progress =
        progressStage(progress, kBitsShare + kClipShare, 1 - kBitsShare - kClipShare);
    out.outlier = stopped(out.clip) ? out.outlier : sweepOutlier(tensor, snapshot.spec, options);
    out.cancelled = stopped(out.bits) || stopped(out.clip) || stopped(out.outlier);
    return out;
}

void SweepsPanel::onFinished(std::optional<SweepOutcome> outcome)
{
    // The tracker delivers only the newest job, m_computing; a hidden panel may have been given
    // a newer snapshot since, without starting its sweeps.
    const bool current = sameSweepInput(m_snapshot, m_computing);
    const bool cancelled = !outcome || outcome->cancelled;
    m_status->stop();
    if (!cancelled) {
        m_plots->showBits(outcome->bits, m_computing->spec.bits);
        m_plots->showClip(outcome->clip);
        m_plots->showOutlier(outcome->outlier);
        m_shown = m_computing;
        m_status->setText([name = QString::fromStdString(m_computing->data->loaded.tensor.name)] {
            return tr("Sweeps of %1 under the current scheme; each point is a full analysis.")
                .arg(name);
        });
        if (current) {
            emit sweepsShown();
        }
    } else if (current) {
        m_plots->clear();
        m_status->setText([] {
            return tr("Sweeps cancelled. They run again when the scheme or tensor changes.");
        });
        m_shown = m_computing; // do not restart what the user stopped
    }
    m_computing.reset();
    startIfNeeded();
}

} // namespace qs::ui
