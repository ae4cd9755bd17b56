#include "export/mitigation_report_export.h"

#include "export/plot_export.h"
#include "export/report_figures.h"
#include "i18n/report_language.h"
#include "report/mitigation_document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace qs::ui {
QString exportMitigationReport(const MitigationReport& report,
                               const std::vector<MitigationReportPlot>& plots, const QString& path,
                               const ReportOptions& options)
{
    const MitigationWords words = interfaceMitigationWords();
    std::vector<MitigationFigure> figures;
    switch (options.format) {
    case ReportFormat::Json:
        return writeFileSafely(path, QByteArray::fromStdString(mitigationJson(report) + "\n"));
    case ReportFormat::Csv:
        return path + QCoreApplication::translate(
                          "ReportExport",
                          ": the Outliers report is written as HTML, PDF, Markdown or JSON");
    case ReportFormat::Html:
        for (const MitigationReportPlot& p : plots) {
            const auto svg = inlineSvg(p.plot);
            if (!svg) {
                return plotsNotDrawn(path);
            }
            figures.push_back({p.caption.toStdString(), *svg});
        }
        return writeFileSafely(path,
                               QByteArray::fromStdString(mitigationHtml(report, figures, words)));
    case ReportFormat::Markdown: {
        // The figures first, then the text that links them: a failure leaves no page pointing
        // at missing images.
        const QFileInfo info(path);
        for (const MitigationReportPlot& p : plots) {
            const QString name =
                info.completeBaseName() + QLatin1Char('_') + p.name + QStringLiteral(".png");
            const auto png = figurePng(p.plot);
            if (!png) {
                return plotsNotDrawn(path);
            }
            if (QString error = writeFileSafely(info.dir().filePath(name), *png);
                !error.isEmpty()) {
                return error;
            }
            figures.push_back({p.caption.toStdString(), name.toStdString()});
        }
        return writeFileSafely(
            path, QByteArray::fromStdString(mitigationMarkdown(report, figures, words)));
    }
    case ReportFormat::Pdf: {
        PdfImages images;
        for (const MitigationReportPlot& p : plots) {
            const auto markup = images.add(p.name.toStdString(), p.plot);
            if (!markup) {
                return plotsNotDrawn(path);
            }
            figures.push_back({p.caption.toStdString(), *markup});
        }
        return images.print(mitigationHtml(report, figures, words),
                            QString::fromStdString(words.title), path, options.page);
    }
    }
    return path + QCoreApplication::translate("ReportExport", ": unknown report format");
}

} // namespace qs::ui
