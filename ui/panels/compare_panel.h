#pragma once
// The compare table in a view: the current settings beside the three schemes, every calibration
// method, or every granularity (the chooser above the table). The schemes come with each
// analysis; calibrations and granularities are computed in the background when asked for, with
// progress and Cancel. Clicking a column switches the window to it.

#include "analysis/setting_comparison.h"
#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace qs::ui {

class CompareModel;
class JobStatusBar;
class Retranslator;

class ComparePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePanel(QWidget* parent = nullptr);
    ~ComparePanel() override;
    void setSnapshot(const SnapshotPtr& snapshot);
    CompareModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    // What the table compares; Schemes at first.
    void setAcross(CompareAcross across);
    CompareAcross across() const;
    bool isComputing() const { return m_jobs.isBusy(); }

signals:
    void schemeChosen(qs::Scheme scheme);
    // A calibration's or granularity's column clicked: the whole spec it was computed with.
    void specChosen(const qs::QuantSpec& spec);
    // A comparison of calibrations or granularities is shown.
    void comparisonShown();

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void chooseColumn(int column);
    void refresh();
    void fitColumns();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    CompareModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_across = nullptr;
    JobStatusBar* m_status = nullptr;
    JobTracker m_jobs;
    SnapshotPtr m_snapshot;
    SnapshotPtr m_computedFor; // the snapshot whose comparison is shown or running
    std::optional<CompareAcross> m_computedAcross;
};

} // namespace qs::ui
