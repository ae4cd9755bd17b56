#pragma once
// The Model view: every floating-point tensor of the open file analysed under the current
// scheme — a sortable table with the outlier flags (the names stay while the numbers scroll)
// and a chart of the first tensors in the table's order; on request
// a column with each tensor's best format at 4 or 8 bits per value. The report
// reads the file tensor by tensor off the UI thread, only while the view is shown, with progress
// and Cancel; rows appear as they are computed. Double-clicking a row opens that tensor.
// With a reference file set (File → Compare with Reference…) a second job, run after the report
// with the same progress and Cancel, measures the stored values against the reference and fills
// the reference columns; it does not depend on the scheme, so a scheme change keeps it.

#include "analysis/model_report.h"
#include "analysis_snapshot.h"
#include "frozen_column_view.h"
#include "job_tracker.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace qs::ui {

class Retranslator;
class JobStatusBar;
class ModelTableModel;
class ReferenceBar;
class ReferenceColumnsModel;
class TypeMapModel;
class WorstTensorsPlot;

class ModelPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ModelPanel(QWidget* parent = nullptr);
    ~ModelPanel() override;

    // The file and scheme of the snapshot; sources that are not files leave the view empty.
    void setSnapshot(const SnapshotPtr& snapshot);
    bool isComputing() const { return m_jobs.isBusy(); }

    ModelTableModel* tableModel() const { return m_model; }
    QTableView* table() const { return m_table; }
    WorstTensorsPlot* chart() const { return m_chart; }
    QTableView* typeMapView() const { return m_typeMapView; }
    QLabel* auditLabel() const { return m_audit; }
    // The shoot-out class of the "Best format" column: 4 or 8 bits, 0 for none (the default:
    // it runs every format of the class on every tensor).
    int bestFormatBits() const;
    void setBestFormatBits(int bits);
    QString statusText() const;
    // The complete report the view shows (for File → Export Report), with the comparison when a
    // reference is set and compared; nullopt while the report or the comparison runs, after a
    // cancelled report or an error, or with no file.
    std::optional<ModelReport> shownReport() const;

    // The float file (or Hugging Face folder) the open file's stored values are measured
    // against; empty for none. It belongs to the file shown: another file clears it.
    void setReference(const QString& path);
    void clearReference() { setReference({}); }
    QString reference() const { return m_reference; }
    ReferenceColumnsModel* referenceModel() const { return m_columns; }
    // What the line above the table says about the reference (empty without one).
    QString referenceStatusText() const;

signals:
    // The user double-clicked a tensor: open it in the main view.
    void tensorChosen(const QString& name);
    // The report of the newest file and scheme is complete.
    void reportShown();
    // The reference was set or cleared.
    void referenceChanged(const QString& path);
    // The comparison with the newest reference has ended: shown, failed or cancelled.
    void referenceShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Input
    {
        FileSpec file; // tensorName cleared: the whole file
        QuantSpec spec;
        int bestFormatBits = 0;
        friend bool operator==(const Input&, const Input&) = default;
    };
    // What the worker leaves beside its rows.
    struct RunSummary
    {
        std::size_t skipped = 0;
        std::size_t notFloating = 0;
        QString error{};
        bool cancelled = false;
        std::optional<ModelReport> report{}; // a complete run's report (rows included)
    };

    // The quantized file and the reference of one comparison.
    struct ReferenceInput
    {
        FileSpec file;
        std::string reference;
        friend bool operator==(const ReferenceInput&, const ReferenceInput&) = default;
    };
    struct ComparisonOutcome
    {
        std::optional<ReferenceComparison> comparison{};
        QString error{};
        bool cancelled = false;
    };

    static QString noFileHint();
    static QString tensorCount(std::size_t count); // "1 tensor", "12 tensors"
    void startIfNeeded();
    void onBestFormatChosen();
    static RunSummary compute(const Input& input, const JobControl& job,
                              const std::function<void(TensorReportRow)>& report);
    void onFinished(RunSummary summary);
    // The chart follows the table's order: the first rows by the sorted number.
    void updateChart();
    void fitColumnsToHeaders();
    void showAudit(const std::optional<GgufAudit>& audit);
    void startReport();
    // The comparison of the shown file with its reference, if one is set.
    std::optional<ReferenceInput> wantedReference() const;
    void startComparison(const ReferenceInput& input);
    static ComparisonOutcome compare(const ReferenceInput& input, const JobControl& job);
    void onComparisonFinished(ComparisonOutcome outcome);
    // The reference columns and the line above the table, for the reference state.
    void showReference();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    ModelTableModel* m_model = nullptr;
    ReferenceColumnsModel* m_columns = nullptr; // m_model's columns and the reference's
    QSortFilterProxyModel* m_sorted = nullptr;
    FrozenColumnView* m_table = nullptr;
    WorstTensorsPlot* m_chart = nullptr;
    // GGUF files: what the tensors are stored as against the file's label, and the type map.
    QLabel* m_audit = nullptr;
    TypeMapModel* m_typeMap = nullptr;
    QTableView* m_typeMapView = nullptr;
    std::optional<GgufAudit> m_auditShown;
    QComboBox* m_bestFormat = nullptr;
    JobStatusBar* m_status = nullptr;
    std::function<QString()> m_reportMessage; // the status of the last report, under a comparison
    ReferenceBar* m_referenceBar = nullptr;
    JobTracker m_jobs;
    std::optional<RunSummary> m_summary;                // of the last run that ended
    std::optional<Input> m_wanted;                      // the newest snapshot's file and scheme
    std::optional<Input> m_shown;                       // what the table shows
    std::optional<Input> m_computing;                   // what the worker runs
    QString m_reference;                                // empty: none
    std::string m_referenceFor;                         // the file it was set for
    std::optional<ReferenceInput> m_referenceShown;     // what the reference columns show
    std::optional<ReferenceInput> m_referenceComputing; // what the worker compares
    QString m_referenceError;                           // of the comparison shown
    bool m_referenceCancelled = false;                  // the comparison shown was cancelled
};

} // namespace qs::ui
