#include "export/report_export.h"

#include "analysis/analysis_walkthrough.h"
#include "export/html_svg.h"
#include "export/plot_export.h"
#include "export/report_figures.h"
#include "export/table_rows_on_pages.h"
#include "i18n/core_texts.h"
#include "i18n/report_language.h"
#include "panels/sweeps_panel.h"
#include "plots/channel_range_plot.h"
#include "plots/code_usage_plot.h"
#include "plots/error_plot.h"
#include "plots/histogram_plot.h"
#include "plots/shootout_plots.h"
#include "plots/sweep_plots.h"
#include "plots/transfer_plot.h"
#include "plots/worst_tensors_plot.h"
#include "report/model_report_output.h"
#include "report/tensor_report.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <qcustomplot.h>

#include <memory>

namespace qs::ui {
namespace {

constexpr std::size_t kWalkthroughRows = 12;

enum class Words
{
    English,   // the JSON's: the same in every language
    Interface, // for the pages people read
};

// Where the tensor came from, in words.
std::string describeSource(const TensorSource& source, Words words)
{
    const auto text = [words](const char* english) {
        return words == Words::Interface ? QCoreApplication::translate("ReportExport", english)
                                         : QString::fromUtf8(english);
    };
    if (const auto* g = std::get_if<GenerateSpec>(&source)) {
        QString out = text(QT_TRANSLATE_NOOP("ReportExport", "generated: %1, shape %2, seed %3"))
                          .arg(QString::fromLatin1(distributionName(g->distribution).data()),
                               QString::fromStdString(shapeToString(g->shape)))
                          .arg(g->seed);
        if (g->outliers.count > 0) {
            out += text(QT_TRANSLATE_NOOP("ReportExport", ", %1 outliers")).arg(g->outliers.count);
        }
        return out.toStdString();
    }
    if (const auto* p = std::get_if<PresetSpec>(&source)) {
        return text(QT_TRANSLATE_NOOP("ReportExport", "data preset %1"))
            .arg(QString::fromStdString(p->name))
            .toStdString();
    }
    const auto& f = std::get<FileSpec>(source);
    return f.tensorName.empty() ? f.path : f.path + "#" + f.tensorName;
}

// The document as the pages people read show it: the source described in the interface
// language (the JSON keeps the English description).
json pageDocument(const SnapshotPtr& snapshot, json document)
{
    document["source"] = describeSource(snapshot->data->source, Words::Interface);
    return document;
}

json documentOf(const AnalysisSnapshot& snapshot, const Shootout* shootout)
{
    const Tensor& tensor = snapshot.data->loaded.tensor;
    TensorReportInput input;
    input.source = describeSource(snapshot.data->source, Words::English);
    input.current = {{tensor.name, tensor.shape, tensor.sourceDtype},
                     snapshot.current,
                     snapshot.data->loaded.warnings};
    for (std::size_t i = 0; i < snapshot.schemes.size(); ++i) {
        input.schemes[i] = &snapshot.schemes[i];
    }
    // Each value on its own group's grid, as the window's walkthrough shows it.
    const Analysis& a = snapshot.current;
    input.walkthrough = analysisWalkthrough(a, tensor.values, tensor.shape, 0, kWalkthroughRows);
    input.shootout = shootout;
    // Which range each framework would calibrate, for a method that has framework variants, on
    // a grid they calibrate (an integer grid, one range for the tensor).
    std::vector<ClipMarker> calibrations;
    const CalibrationMethod method = a.spec.calibration.method;
    const bool variants = method == CalibrationMethod::Percentile ||
                          method == CalibrationMethod::Mse || method == CalibrationMethod::Kl;
    if (variants && a.spec.isIntegerGrid() && a.spec.granularity == Granularity::Tensor) {
        if (auto choices = calibrationChoices(tensor.values, a.spec)) {
            calibrations = std::move(*choices);
            input.calibrations = &calibrations;
        }
    }
    return tensorReportDocument(input);
}

// The row of the shoot-out that is the snapshot's own format, if one is.
std::optional<int> rowOfSpec(const Shootout& shootout, const QuantSpec& spec)
{
    for (std::size_t r = 0; r < shootout.rows.size(); ++r) {
        if (shootout.rows[r].spec == spec) {
            return static_cast<int>(r);
        }
    }
    return std::nullopt;
}

// The plots of the window, drawn for the snapshot.
class Figures
{
public:
    Figures(const SnapshotPtr& snapshot, bool sweeps,
            const std::shared_ptr<const Shootout>& shootout)
    {
        add<HistogramPlot>(snapshot, "histogram",
                           QT_TRANSLATE_NOOP("ReportExport", "Values, the representable range, "
                                                             "clipped values and unused codes"));
        add<TransferPlot>(snapshot, "transfer",
                          QT_TRANSLATE_NOOP("ReportExport", "Transfer: R against R′"));
        add<ErrorPlot>(snapshot, "error",
                       QT_TRANSLATE_NOOP("ReportExport", "Rounding and clipping error"));
        add<CodeUsagePlot>(snapshot, "codes",
                           QT_TRANSLATE_NOOP("ReportExport", "Use of every code"));
        if (snapshot->current.groups.size() > 1) {
            auto channels = std::make_unique<ChannelRangePlot>();
            channels->setSnapshot(snapshot);
            m_figures.push_back({"channels",
                                 translatedCaption(QT_TRANSLATE_NOOP(
                                     "ReportExport", "Every channel's range, grid and SQNR")),
                                 channels->rangePlot()});
            m_owners.push_back(std::move(channels));
        }
        if (sweeps) {
            const SweepOutcome outcome = SweepsPanel::compute(*snapshot, {});
            auto plots = std::make_unique<SweepPlots>();
            plots->showBits(outcome.bits, snapshot->spec.bits);
            plots->showClip(outcome.clip);
            plots->showOutlier(outcome.outlier);
            m_figures.push_back(
                {"sweep_bits",
                 translatedCaption(QT_TRANSLATE_NOOP("ReportExport", "SQNR over the bit width")),
                 plots->bitsPlot()});
            m_figures.push_back({"sweep_clip",
                                 translatedCaption(QT_TRANSLATE_NOOP(
                                     "ReportExport", "Error over the clip threshold")),
                                 plots->clipPlot()});
            m_figures.push_back(
                {"sweep_outlier",
                 translatedCaption(QT_TRANSLATE_NOOP("ReportExport", "One outlier, growing")),
                 plots->outlierPlot()});
            m_owners.push_back(std::move(plots));
        }
        if (shootout) {
            auto plots = std::make_unique<ShootoutPlots>();
            plots->show(shootout, rowOfSpec(*shootout, snapshot->spec));
            m_figures.push_back({"shootout",
                                 translatedCaption(QT_TRANSLATE_NOOP(
                                     "ReportExport", "SQNR against bits per value: every format, "
                                                     "the Pareto front joined")),
                                 plots->frontPlot(), FigurePlacement::Shootout});
            m_owners.push_back(std::move(plots));
        }
    }

    struct Figure
    {
        std::string name;
        std::string caption;
        QCustomPlot* plot;
        FigurePlacement placement = FigurePlacement::Plots;
    };
    const std::vector<Figure>& all() const { return m_figures; }

private:
    static std::string translatedCaption(const char* text)
    {
        return QCoreApplication::translate("ReportExport", text).toStdString();
    }

    template <typename PlotWidget>
    void add(const SnapshotPtr& snapshot, const char* name, const char* caption)
    {
        auto widget = std::make_unique<PlotWidget>();
        widget->setSnapshot(snapshot);
        m_figures.push_back({name, translatedCaption(caption), widget->plot()});
        m_owners.push_back(std::move(widget));
    }

    std::vector<Figure> m_figures;
    std::vector<std::unique_ptr<QWidget>> m_owners;
};

QString writeHtml(const SnapshotPtr& snapshot, const json& document, const QString& path,
                  const Figures& figures)
{
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const auto svg = inlineSvg(figure.plot);
        if (!svg) {
            return plotsNotDrawn(path);
        }
        placed.push_back({figure.caption, *svg, figure.placement});
    }
    return writeFileSafely(
        path, QByteArray::fromStdString(tensorReportHtml(pageDocument(snapshot, document), placed,
                                                         interfaceReportWords())));
}

QString writeMarkdown(const SnapshotPtr& snapshot, const json& document, const QString& path,
                      const Figures& figures)
{
    const QFileInfo info(path);
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const QString name = info.completeBaseName() + QLatin1Char('_') +
                             QString::fromStdString(figure.name) + QStringLiteral(".png");
        const auto png = figurePng(figure.plot);
        if (!png) {
            return plotsNotDrawn(path);
        }
        if (QString error = writeFileSafely(info.dir().filePath(name), *png); !error.isEmpty()) {
            return error;
        }
        placed.push_back({figure.caption, name.toStdString(), figure.placement});
    }
    return writeFileSafely(
        path, QByteArray::fromStdString(tensorReportMarkdown(pageDocument(snapshot, document),
                                                             placed, interfaceReportWords())));
}

QString writePdf(const SnapshotPtr& snapshot, const json& document, const QString& path,
                 QPageSize::PageSizeId page, const Figures& figures)
{
    PdfImages images;
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const auto markup = images.add(figure.name, figure.plot);
        if (!markup) {
            return plotsNotDrawn(path);
        }
        placed.push_back({figure.caption, *markup, figure.placement});
    }
    const ReportWords words = interfaceReportWords();
    const QString title = QString::fromStdString(
        fillPattern(words.title, {document.at("tensor").at("name").get<std::string>()}));
    return images.print(tensorReportHtml(pageDocument(snapshot, document), placed, words), title,
                        path, page);
}

} // namespace

std::optional<ReportFormat> reportFormatFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("html") || n == QLatin1String("htm")) {
        return ReportFormat::Html;
    }
    if (n == QLatin1String("pdf")) {
        return ReportFormat::Pdf;
    }
    if (n == QLatin1String("md") || n == QLatin1String("markdown")) {
        return ReportFormat::Markdown;
    }
    if (n == QLatin1String("csv")) {
        return ReportFormat::Csv;
    }
    if (n == QLatin1String("json")) {
        return ReportFormat::Json;
    }
    return std::nullopt;
}

std::optional<ReportFormat> reportFormatForPath(const QString& path)
{
    return reportFormatFromName(QFileInfo(path).suffix());
}

QString exportModelReport(const ModelReport& report, const QString& path,
                          const ReportOptions& options)
{
    switch (options.format) {
    case ReportFormat::Json:
        return writeFileSafely(path, QByteArray::fromStdString(modelReportJson(report) + "\n"));
    case ReportFormat::Csv:
        return writeFileSafely(path, QByteArray::fromStdString(modelReportCsv(report)));
    default:
        break;
    }
    WorstTensorsPlot chart;
    chart.setRows(report.tensors);
    QCustomPlot* plot = chart.plot();
    QString failed =
        path + QCoreApplication::translate("ReportExport", ": the chart could not be drawn");
    if (options.format == ReportFormat::Html) {
        const auto svg = inlineSvg(plot);
        return svg ? writeFileSafely(path, QByteArray::fromStdString(modelReportHtml(
                                               report, *svg, interfaceReportWords())))
                   : failed;
    }
    if (options.format == ReportFormat::Markdown) {
        const QFileInfo info(path);
        const QString name = info.completeBaseName() + QStringLiteral("_worst.png");
        const auto png = figurePng(plot);
        if (!png) {
            return failed;
        }
        if (QString error = writeFileSafely(info.dir().filePath(name), *png); !error.isEmpty()) {
            return error;
        }
        return writeFileSafely(path, QByteArray::fromStdString(modelReportMarkdown(
                                         report, name.toStdString(), interfaceReportWords())));
    }
    PdfImages images;
    const auto markup = images.add("worst", plot);
    if (!markup) {
        return failed;
    }
    const ReportWords words = interfaceReportWords();
    return images.print(modelReportHtml(report, *markup, words),
                        QString::fromStdString(words.modelTitle), path, options.page);
}

QString exportTensorReport(const SnapshotPtr& snapshot, const QString& path,
                           const ReportOptions& options)
{
    if (!snapshot) {
        return path + QCoreApplication::translate("ReportExport", ": nothing to report yet");
    }
    std::shared_ptr<const Shootout> shootout = options.shootout;
    if (!shootout && !options.shootoutCandidates.empty()) {
        const LoadedData& data = *snapshot->data;
        auto run = runShootout(data.loaded.tensor.view(), options.shootoutCandidates, data.stats);
        if (!run) {
            return path + QStringLiteral(": ") + errorText(run.error());
        }
        shootout = std::make_shared<const Shootout>(std::move(*run));
    }
    const json document = documentOf(*snapshot, shootout.get());
    switch (options.format) {
    case ReportFormat::Json:
        return writeFileSafely(
            path, QByteArray::fromStdString(
                      document.dump(2, ' ', false, json::error_handler_t::replace) + "\n"));
    case ReportFormat::Csv:
        return writeFileSafely(path, QByteArray::fromStdString(tensorReportCsv(document)));
    case ReportFormat::Html:
        return writeHtml(snapshot, document, path, Figures(snapshot, options.sweeps, shootout));
    case ReportFormat::Markdown:
        return writeMarkdown(snapshot, document, path, Figures(snapshot, options.sweeps, shootout));
    case ReportFormat::Pdf:
        return writePdf(snapshot, document, path, options.page,
                        Figures(snapshot, options.sweeps, shootout));
    }
    return path + QCoreApplication::translate("ReportExport", ": unknown report format");
}

} // namespace qs::ui
