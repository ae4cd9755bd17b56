// The Model view's reference half: File → Compare with Reference… measures the stored values of
// the open file against a float file, in a job of its own after the report (see model_panel.h).

#include "i18n/core_texts.h"
#include "io/archive_factory.h"
#include "io/reference_archive.h"
#include "models/reference_columns_model.h"
#include "panels/job_status_bar.h"
#include "panels/model_panel.h"
#include "panels/reference_bar.h"

#include <QTableView>

namespace qs::ui {

QString ModelPanel::referenceStatusText() const
{
    return m_referenceBar->isVisibleTo(this) ? m_referenceBar->text() : QString();
}

void ModelPanel::setReference(const QString& path)
{
    if (path == m_reference) {
        return;
    }
    if (!path.isEmpty() && !m_wanted) {
        return; // nothing to compare
    }
    m_reference = path;
    m_referenceFor = path.isEmpty() ? std::string() : m_wanted->file.path;
    if (m_referenceComputing && !(m_referenceComputing == wantedReference())) {
        m_jobs.cancel(); // the newest job is that comparison (a report start resets it)
    }
    showReference();
    emit referenceChanged(path);
    startIfNeeded();
}

std::optional<ModelPanel::ReferenceInput> ModelPanel::wantedReference() const
{
    if (m_reference.isEmpty() || !m_wanted || m_wanted->file.path != m_referenceFor) {
        return std::nullopt;
    }
    return ReferenceInput{m_wanted->file, m_reference.toStdString()};
}

void ModelPanel::startComparison(const ReferenceInput& input)
{
    m_referenceComputing = input;
    showReference();
    m_status->start([file = QString::fromStdString(input.file.path),
                     reference = QString::fromStdString(input.reference)] {
        return tr("Comparing every tensor of %1 with %2…").arg(file, reference);
    });
    m_jobs.start([input](const JobControl& job) { return compare(input, job); },
                 [this](std::optional<ComparisonOutcome> outcome) {
                     onComparisonFinished(outcome ? std::move(*outcome)
                                                  : ComparisonOutcome{.cancelled = true});
                 });
}

ModelPanel::ComparisonOutcome ModelPanel::compare(const ReferenceInput& input,
                                                  const JobControl& job)
{
    ComparisonOutcome outcome;
    auto quantized = openTensorArchive(input.file);
    if (!quantized) {
        outcome.error = errorText(quantized.error());
        return outcome;
    }
    auto reference = openReferenceArchive(input.reference);
    if (!reference) {
        outcome.error = errorText(reference.error());
        return outcome;
    }
    ReferenceOptions options;
    options.progress = job.progressFn();
    auto comparison = compareWithReference(**quantized, **reference, options);
    if (comparison) {
        outcome.comparison = std::move(*comparison);
    } else if (comparison.error().code == ErrorCode::Cancelled) {
        outcome.cancelled = true;
    } else {
        outcome.error = errorText(comparison.error());
    }
    outcome.cancelled = outcome.cancelled || job.isCancelled();
    return outcome;
}

void ModelPanel::onComparisonFinished(ComparisonOutcome outcome)
{
    // Delivered only as the newest job; the reference may have been cleared or changed since
    // (a new one would have replaced this job, so this is a clear or another file).
    const bool current =
        m_referenceComputing.has_value() && m_referenceComputing == wantedReference();
    m_status->stop();
    m_status->setText(m_reportMessage);
    if (current) {
        m_referenceShown = m_referenceComputing;
        m_referenceError = outcome.error;
        m_referenceCancelled = !outcome.comparison && outcome.error.isEmpty();
        m_columns->setComparison(std::move(outcome.comparison));
    }
    m_referenceComputing.reset();
    showReference();
    if (current) {
        emit referenceShown();
    }
    startIfNeeded();
}

void ModelPanel::showReference()
{
    const auto wanted = wantedReference();
    for (int column = ReferenceColumnsModel::kFirstColumn;
         column < ReferenceColumnsModel::ColumnCount; ++column) {
        m_table->setColumnHidden(column, !wanted);
    }
    if (!wanted || !(wanted == m_referenceShown)) {
        m_referenceShown.reset(); // what it showed is gone: the same reference again runs anew
        if (m_columns->comparison()) {
            m_columns->setComparison(std::nullopt); // of another file or reference
        }
        if (wanted) {
            m_referenceBar->showPending(m_reference);
        } else {
            m_referenceBar->showNone();
        }
        return;
    }
    if (const auto& comparison = m_columns->comparison()) {
        m_referenceBar->showComparison(m_reference, *comparison);
    } else if (!m_referenceError.isEmpty()) {
        m_referenceBar->showError(m_reference, m_referenceError);
    } else {
        m_referenceBar->showCancelled(m_reference);
    }
}

} // namespace qs::ui
