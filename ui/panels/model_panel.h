#pragma once
// The Model view: every floating-point tensor of the open file analysed under the current
// scheme — a sortable table with the outlier flags and a chart of the worst tensors; on request
// a column with each tensor's best format at 4 or 8 bits per value. The report
// reads the file tensor by tensor off the UI thread, only while the view is shown, with progress
// and Cancel; rows appear as they are computed. Double-clicking a row opens that tensor.

#include "analysis/model_report.h"
#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QWidget>

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
    // The complete report the view shows (for File → Export Report); nullopt while it runs, after
    // a cancel or an error, or with no file.
    std::optional<ModelReport> shownReport() const;

signals:
    // The user double-clicked a tensor: open it in the main view.
    void tensorChosen(const QString& name);
    // The report of the newest file and scheme is complete.
    void reportShown();

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

    static QString noFileHint();
    static QString tensorCount(std::size_t count); // "1 tensor", "12 tensors"
    void startIfNeeded();
    void onBestFormatChosen();
    static RunSummary compute(const Input& input, const JobControl& job,
                              const std::function<void(TensorReportRow)>& report);
    void onFinished(RunSummary summary);
    void showAudit(const std::optional<GgufAudit>& audit);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    ModelTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_sorted = nullptr;
    QTableView* m_table = nullptr;
    WorstTensorsPlot* m_chart = nullptr;
    // GGUF files: what the tensors are stored as against the file's label, and the type map.
    QLabel* m_audit = nullptr;
    TypeMapModel* m_typeMap = nullptr;
    QTableView* m_typeMapView = nullptr;
    std::optional<GgufAudit> m_auditShown;
    QComboBox* m_bestFormat = nullptr;
    JobStatusBar* m_status = nullptr;
    JobTracker m_jobs;
    std::optional<RunSummary> m_summary; // of the last run that ended
    std::optional<Input> m_wanted;       // the newest snapshot's file and scheme
    std::optional<Input> m_shown;        // what the table shows
    std::optional<Input> m_computing;    // what the worker runs
};

} // namespace qs::ui
