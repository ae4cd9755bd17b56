#include "export/report_export_dialog.h"

#include "export/report_export.h"

#include <QFileDialog>
#include <QMessageBox>

#include <array>

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

} // namespace

bool exportReportInteractively(const SnapshotPtr& snapshot, QWidget* parent)
{
    if (!snapshot) {
        return false;
    }
    QStringList filters;
    for (const Choice& choice : kChoices) {
        filters << QObject::tr(choice.filter);
    }
    QString selected = filters.front();
    const QString name = QString::fromStdString(snapshot->data->loaded.tensor.name);
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export report"),
                                                name + QStringLiteral("-report.html"),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty()) {
        return false;
    }
    const Choice& choice =
        kChoices.at(static_cast<std::size_t>(std::max<qsizetype>(0, filters.indexOf(selected))));
    if (!path.endsWith(QLatin1String(choice.suffix))) {
        path += QLatin1String(choice.suffix);
    }
    const QString error = exportTensorReport(snapshot, path, {choice.format, choice.page});
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Export report"), error);
        return false;
    }
    return true;
}

} // namespace qs::ui
