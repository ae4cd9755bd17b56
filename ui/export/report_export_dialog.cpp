#include "export/report_export_dialog.h"

#include "dialog_folders.h"
#include "export/mitigation_figures.h"
#include "export/report_export.h"
#include "export/typed_extension.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include <algorithm>
#include <array>
#include <functional>

namespace qs::ui {
namespace {

struct Choice
{
    const char* filter;
    ReportFormat format;
    QPageSize::PageSizeId page;
    const char* suffix;
};

const std::array<Choice, 6> kChoices{{
    {QT_TRANSLATE_NOOP("ReportExport", "HTML, one self-contained file (*.html)"),
     ReportFormat::Html, QPageSize::A4, ".html"},
    {QT_TRANSLATE_NOOP("ReportExport", "PDF, A4 (*.pdf)"), ReportFormat::Pdf, QPageSize::A4,
     ".pdf"},
    {QT_TRANSLATE_NOOP("ReportExport", "PDF, US Letter (*.pdf)"), ReportFormat::Pdf,
     QPageSize::Letter, ".pdf"},
    {QT_TRANSLATE_NOOP("ReportExport", "Markdown with PNG figures beside it (*.md)"),
     ReportFormat::Markdown, QPageSize::A4, ".md"},
    {QT_TRANSLATE_NOOP("ReportExport", "CSV, the metrics table (*.csv)"), ReportFormat::Csv,
     QPageSize::A4, ".csv"},
    {QT_TRANSLATE_NOOP("ReportExport", "JSON, every table (*.json)"), ReportFormat::Json,
     QPageSize::A4, ".json"},
}};

// Asks for the file (its filter picks format and page size) and writes it with `write`.
bool askAndWrite(QWidget* parent, const QString& defaultName,
                 const std::function<QString(const QString&, const ReportOptions&)>& write)
{
    QStringList filters;
    for (const Choice& choice : kChoices) {
        filters << QCoreApplication::translate("ReportExport", choice.filter);
    }
    QString selected = filters.front();
    const QString path = QFileDialog::getSaveFileName(
        parent, QCoreApplication::translate("ReportExport", "Export report"),
        inDialogFolder(DialogKind::Exports, defaultName), filters.join(QStringLiteral(";;")),
        &selected);
    rememberDialogFolder(DialogKind::Exports, path);
    if (path.isEmpty()) {
        return false;
    }
    const ReportTarget target = reportTarget(
        path, static_cast<std::size_t>(std::max<qsizetype>(0, filters.indexOf(selected))));
    ReportOptions options;
    options.format = target.format;
    options.page = target.page;
    const QString error = write(target.path, options);
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, QCoreApplication::translate("ReportExport", "Export report"),
                             error);
        return false;
    }
    return true;
}

} // namespace

ReportTarget reportTarget(const QString& typedPath, std::size_t filter)
{
    const Choice& choice = kChoices.at(std::min(filter, kChoices.size() - 1));
    const TypedTarget<ReportFormat> typed = followTypedExtension(
        typedPath, &reportFormatForPath, choice.format, QLatin1String(choice.suffix));
    return {typed.path, typed.format, typed.format == choice.format ? choice.page : QPageSize::A4};
}

bool exportReportInteractively(const SnapshotPtr& snapshot, bool sweeps, QWidget* parent,
                               std::shared_ptr<const Shootout> shootout)
{
    if (!snapshot) {
        return false;
    }
    const QString name = QString::fromStdString(snapshot->data->loaded.tensor.name);
    return askAndWrite(parent, name + QStringLiteral("-report.html"),
                       [&snapshot, sweeps, &shootout](const QString& path, ReportOptions options) {
                           options.sweeps = sweeps;
                           options.shootout = shootout;
                           return exportTensorReport(snapshot, path, options);
                       });
}

bool exportModelReportInteractively(const ModelReport& report, QWidget* parent)
{
    const QString name =
        QFileInfo(QString::fromStdString(report.file)).completeBaseName() + "-model-report.html";
    return askAndWrite(parent, name, [&report](const QString& path, const ReportOptions& options) {
        return exportModelReport(report, path, options);
    });
}

bool exportMitigationReportInteractively(const MitigationReport& report,
                                         std::shared_ptr<const AlphaScan> scan, QWidget* parent)
{
    const QString name =
        QString::fromStdString(report.weight.name.empty() ? "layer" : report.weight.name);
    return askAndWrite(parent, name + QStringLiteral("-outliers-report.html"),
                       [&report, &scan](const QString& path, const ReportOptions& options) {
                           const MitigationFigures figures(report, scan);
                           return exportMitigationReport(report, figures.plots(), path, options);
                       });
}

} // namespace qs::ui
