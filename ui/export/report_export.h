#pragma once
// The report of the tensor on screen, as one document: HTML (self-contained, plots inline as
// SVG), PDF (paginated A4 or US Letter, selectable text), Markdown (PNG figures written beside
// it), or the tables as CSV or JSON. The window and `quantscope-cli report` both write it from
// an analysis snapshot, so the numbers are those of `analyze --json`.

#include "analysis/model_report.h"
#include "analysis/shootout.h"
#include "analysis_snapshot.h"

#include <QPageSize>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace qs::ui {

enum class ReportFormat
{
    Html,
    Pdf,
    Markdown,
    Csv,
    Json
};

// "html", "pdf", "md", "csv", "json"
std::optional<ReportFormat> reportFormatFromName(const QString& name);
// From the file name's extension (.html/.htm, .pdf, .md, .csv, .json).
std::optional<ReportFormat> reportFormatForPath(const QString& path);

struct ReportOptions
{
    ReportFormat format = ReportFormat::Html;
    QPageSize::PageSizeId page = QPageSize::A4; // PDF only
    bool sweeps = false; // add the three sweeps' plots (bits, clip, outlier): dozens of analyses
    // The formats' shoot-out section: `shootout` when one was already run on the snapshot's
    // tensor (the window's Formats tab), else these candidates are run (empty: no section).
    std::shared_ptr<const Shootout> shootout{};
    std::vector<ShootoutCandidate> shootoutCandidates{};
};

// Empty on success, otherwise the reason naming the file. Every file goes through QSaveFile; for
// Markdown the figures are written first, then the text that links them.
QString exportTensorReport(const SnapshotPtr& snapshot, const QString& path,
                           const ReportOptions& options);

// The Model view's report: the per-tensor table (JSON and CSV as `quantscope-cli model` writes
// them) and, in HTML, PDF and Markdown, the worst-tensors chart above it.
QString exportModelReport(const ModelReport& report, const QString& path,
                          const ReportOptions& options);

} // namespace qs::ui
