#include "panels/shootout_panel.h"

#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "models/shootout_model.h"
#include "panels/job_status_bar.h"
#include "plots/shootout_plots.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::ui {

ShootoutPanel::ShootoutPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_class = new QComboBox(this);
    m_class->setObjectName(QStringLiteral("shootoutClass"));
    // Its long choices elide rather than widen the table column.
    m_class->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_class->setMinimumContentsLength(12);
    m_class->addItem(QString(), 4);
    m_class->addItem(QString(), 8);
    auto* classLabel = new QLabel(this);
    m_texts->bind([this, classLabel] {
        classLabel->setText(tr("Formats at equal bits:"));
        m_class->setItemText(0, tr("4-bit class (int4, NF4, FP4, MXFP4, NVFP4)"));
        m_class->setItemText(1, tr("8-bit class (int8, FP8, MXFP8, MXINT8)"));
    });
    m_status = new JobStatusBar(QStringLiteral("shootout"), this);
    m_model = new ShootoutModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("shootoutTable"));
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_plots = new ShootoutPlots(this);
    m_texts->onChange([this] { refreshTexts(m_model); });

    auto* top = new QHBoxLayout;
    top->addWidget(classLabel);
    top->addWidget(m_class, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_plots, 1);

    connect(&m_jobs, &JobTracker::progressChanged, m_status, &JobStatusBar::setProgress);
    connect(m_status, &JobStatusBar::cancelRequested, &m_jobs, &JobTracker::cancel);
    connect(m_class, &QComboBox::currentIndexChanged, this, [this] { startIfNeeded(); });
    connect(m_view, &QTableView::clicked, this,
            [this](const QModelIndex& index) { chooseRow(index.row()); });
}

ShootoutPanel::~ShootoutPanel() = default; // the tracker cancels and waits

int ShootoutPanel::bitsClass() const
{
    return m_class->currentData().toInt();
}

void ShootoutPanel::setBitsClass(int bits)
{
    m_class->setCurrentIndex(bits == 8 ? 1 : 0);
}

void ShootoutPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    if (m_snapshot) {
        m_model->setCurrentSpec(m_snapshot->spec);
        if (m_shown && m_shownInput && m_shownInput->data == m_snapshot->data) {
            m_plots->show(m_shown, m_model->currentRow());
        }
    }
    startIfNeeded();
}

void ShootoutPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    startIfNeeded();
}

std::shared_ptr<const Shootout> ShootoutPanel::shownFor(const SnapshotPtr& snapshot) const
{
    const bool sameTensor = snapshot && m_shownInput && m_shownInput->data == snapshot->data;
    return sameTensor ? m_shown : nullptr;
}

ShootoutPanel::Input ShootoutPanel::wanted() const
{
    return {m_snapshot ? m_snapshot->data : nullptr, bitsClass()};
}

void ShootoutPanel::startIfNeeded()
{
    if (!m_snapshot || !isVisible() || m_shownInput == wanted() || m_computing == wanted()) {
        return;
    }
    m_computing = wanted();
    m_status->start([] { return tr("Analysing the tensor under every format of the class…"); });
    m_jobs.start(
        [input = *m_computing](const JobControl& job) {
            return compute(*input.data, input.bits, job.progressFn());
        },
        [this](std::optional<ShootoutOutcome> outcome) { onFinished(std::move(outcome)); });
}

ShootoutOutcome ShootoutPanel::compute(const LoadedData& data, int bits, const ProgressFn& progress)
{
    ShootoutOutcome out;
    const auto candidates = bitsClassCandidates(bits);
    if (!candidates) {
        out.error = errorText(candidates.error());
        return out;
    }
    ShootoutOptions options;
    options.progress = progress;
    auto shootout = runShootout(data.loaded.tensor.view(), *candidates, data.stats, options);
    if (!shootout) {
        out.cancelled = shootout.error().code == ErrorCode::Cancelled;
        out.error = errorText(shootout.error());
        return out;
    }
    out.shootout = std::make_shared<const Shootout>(std::move(*shootout));
    return out;
}

void ShootoutPanel::onFinished(std::optional<ShootoutOutcome> outcome)
{
    const bool current = m_computing == wanted();
    m_status->stop();
    if (outcome && outcome->shootout) {
        m_shown = outcome->shootout;
        m_shownInput = m_computing;
        m_model->setShootout(m_shown);
        m_plots->show(m_shown, m_model->currentRow());
        m_status->setText([] {
            return tr("Best SQNR first; ★ on the Pareto front of SQNR against bits per value. "
                      "Click a row to show that format.");
        });
        if (current) {
            emit shootoutShown();
        }
    } else if (current) {
        m_shown.reset();
        m_model->setShootout(nullptr);
        m_plots->clear();
        const bool cancelled = !outcome || outcome->cancelled;
        const QString error = outcome ? outcome->error : QString();
        m_status->setText([cancelled, error] {
            return cancelled ? tr("Cancelled. It runs again when the tensor or class changes.")
                             : error;
        });
        m_shownInput = m_computing; // do not restart what was stopped or cannot run
    }
    m_computing.reset();
    startIfNeeded();
}

void ShootoutPanel::chooseRow(int row)
{
    if (const ShootoutRow* chosen = m_model->rowAt(row)) {
        emit specChosen(chosen->spec);
    }
}

} // namespace qs::ui
