#pragma once
// Formats side by side on the tensor being shown: the 4- or 8-bit class of the shoot-out
// (analysis/shootout.h) as a table, best SQNR first, and its plots. A dozen whole analyses, so
// it runs off the UI thread, only while visible, once per tensor and class, with progress and
// Cancel. Clicking a row shows that format in the window.

#include "analysis/shootout.h"
#include "analysis_snapshot.h"
#include "job_tracker.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QTableView;

namespace qs::ui {

class JobStatusBar;
class Retranslator;
class ShootoutModel;
class ShootoutPlots;

struct ShootoutOutcome
{
    std::shared_ptr<const Shootout> shootout; // null when it failed or was cancelled
    QString error;
    bool cancelled = false;
};

class ShootoutPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ShootoutPanel(QWidget* parent = nullptr);
    ~ShootoutPanel() override;

    void setSnapshot(const SnapshotPtr& snapshot);
    int bitsClass() const;
    void setBitsClass(int bits); // 4 or 8
    bool isComputing() const { return m_jobs.isBusy(); }
    ShootoutModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ShootoutPlots* plots() const { return m_plots; }
    // The shoot-out shown, if any (for reports).
    std::shared_ptr<const Shootout> shown() const { return m_shown; }
    // The shoot-out shown if it was run on `snapshot`'s tensor, else null: a report of that
    // tensor may include it, never another tensor's.
    std::shared_ptr<const Shootout> shownFor(const SnapshotPtr& snapshot) const;

    // The shoot-out of `bits`' class on `data`, on the calling thread.
    static ShootoutOutcome compute(const LoadedData& data, int bits, const ProgressFn& progress);

signals:
    // The user picked a row: show this format.
    void specChosen(const qs::QuantSpec& spec);
    // The table shows the shoot-out of the newest tensor and class.
    void shootoutShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Input
    {
        std::shared_ptr<const LoadedData> data;
        int bits = 4;
        friend bool operator==(const Input&, const Input&) = default;
    };

    Input wanted() const;
    void startIfNeeded();
    void onFinished(std::optional<ShootoutOutcome> outcome);
    void chooseRow(int row);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QComboBox* m_class = nullptr;
    JobStatusBar* m_status = nullptr;
    ShootoutModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    ShootoutPlots* m_plots = nullptr;
    JobTracker m_jobs;
    SnapshotPtr m_snapshot;            // the newest
    std::optional<Input> m_shownInput; // whose shoot-out is shown (or was cancelled)
    std::optional<Input> m_computing;  // whose shoot-out runs
    std::shared_ptr<const Shootout> m_shown;
};

} // namespace qs::ui
