#include "export/report_export.h"

#include "export/plot_export.h"
#include "panels/sweeps_panel.h"
#include "plots/channel_range_plot.h"
#include "plots/code_usage_plot.h"
#include "plots/error_plot.h"
#include "plots/histogram_plot.h"
#include "plots/sweep_plots.h"
#include "plots/transfer_plot.h"
#include "plots/worst_tensors_plot.h"
#include "report/model_report_output.h"
#include "report/tensor_report.h"

#include <QBuffer>
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
constexpr int kFigureWidth = 900;
constexpr int kFigureHeight = 520;
constexpr double kScreenDpi = 96.0;

std::string describeSource(const TensorSource& source)
{
    if (const auto* g = std::get_if<GenerateSpec>(&source)) {
        return "generated: " + std::string(distributionName(g->distribution)) + ", shape " +
               shapeToString(g->shape) + ", seed " + std::to_string(g->seed) +
               (g->outliers.count > 0 ? ", " + std::to_string(g->outliers.count) + " outliers"
                                      : std::string());
    }
    if (const auto* p = std::get_if<PresetSpec>(&source)) {
        return "data preset " + p->name;
    }
    const auto& f = std::get<FileSpec>(source);
    return f.tensorName.empty() ? f.path : f.path + "#" + f.tensorName;
}

json documentOf(const AnalysisSnapshot& snapshot)
{
    const Tensor& tensor = snapshot.data->loaded.tensor;
    TensorReportInput input;
    input.source = describeSource(snapshot.data->source);
    input.current = {{tensor.name, tensor.shape, tensor.sourceDtype},
                     snapshot.current,
                     snapshot.data->loaded.warnings};
    for (std::size_t i = 0; i < snapshot.schemes.size(); ++i) {
        input.schemes[i] = &snapshot.schemes[i];
    }
    // Each value on its own group's grid, as the window's walkthrough shows it.
    const Analysis& a = snapshot.current;
    for (std::size_t i = 0; i < std::min(kWalkthroughRows, tensor.values.size()); ++i) {
        const std::size_t group = groupOfElement(a.layout, tensor.shape, i);
        const auto rows = walkthrough(tensor.values, a.params.at(group), a.spec.rounding,
                                      a.spec.roundingSeed, i, 1);
        input.walkthrough.insert(input.walkthrough.end(), rows.begin(), rows.end());
    }
    return tensorReportDocument(input);
}

// The plots of the window, drawn for the snapshot.
class Figures
{
public:
    Figures(const SnapshotPtr& snapshot, bool sweeps)
    {
        add<HistogramPlot>(snapshot, "histogram",
                           "Values, the representable range, clipped values and unused codes");
        add<TransferPlot>(snapshot, "transfer", "Transfer: R against R′");
        add<ErrorPlot>(snapshot, "error", "Rounding and clipping error");
        add<CodeUsagePlot>(snapshot, "codes", "Use of every code");
        if (snapshot->current.groups.size() > 1) {
            auto channels = std::make_unique<ChannelRangePlot>();
            channels->setSnapshot(snapshot);
            m_figures.push_back(
                {"channels", "Every channel's range, grid and SQNR", channels->rangePlot()});
            m_owners.push_back(std::move(channels));
        }
        if (sweeps) {
            const SweepOutcome outcome = SweepsPanel::compute(*snapshot, {});
            auto plots = std::make_unique<SweepPlots>();
            plots->showBits(outcome.bits, snapshot->spec.bits);
            plots->showClip(outcome.clip);
            plots->showOutlier(outcome.outlier);
            m_figures.push_back({"sweep_bits", "SQNR over the bit width", plots->bitsPlot()});
            m_figures.push_back({"sweep_clip", "Error over the clip threshold", plots->clipPlot()});
            m_figures.push_back({"sweep_outlier", "One outlier, growing", plots->outlierPlot()});
            m_owners.push_back(std::move(plots));
        }
    }

    struct Figure
    {
        std::string name;
        std::string caption;
        QCustomPlot* plot;
    };
    const std::vector<Figure>& all() const { return m_figures; }

private:
    template <typename PlotWidget>
    void add(const SnapshotPtr& snapshot, const char* name, const char* caption)
    {
        auto widget = std::make_unique<PlotWidget>();
        widget->setSnapshot(snapshot);
        m_figures.push_back({name, caption, widget->plot()});
        m_owners.push_back(std::move(widget));
    }

    std::vector<Figure> m_figures;
    std::vector<std::unique_ptr<QWidget>> m_owners;
};

const PlotImageSize kFigureSize{kFigureWidth, kFigureHeight, 1};

std::optional<std::string> inlineSvg(QCustomPlot* plot)
{
    const auto svg = renderPlot(plot, PlotFormat::Svg, kFigureSize);
    if (!svg) {
        return std::nullopt;
    }
    // Drop the XML prolog: the markup goes inside the HTML page. It refers to nothing outside.
    const qsizetype start = svg->indexOf("<svg");
    return svg->mid(start < 0 ? 0 : start).toStdString();
}

QString writeHtml(const SnapshotPtr& snapshot, const json& document, const QString& path,
                  bool sweeps)
{
    const Figures figures(snapshot, sweeps);
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const auto svg = inlineSvg(figure.plot);
        if (!svg) {
            return path + QStringLiteral(": the plots could not be drawn");
        }
        placed.push_back({figure.caption, *svg});
    }
    return writeFileSafely(path, QByteArray::fromStdString(tensorReportHtml(document, placed)));
}

QString writeMarkdown(const SnapshotPtr& snapshot, const json& document, const QString& path,
                      bool sweeps)
{
    const Figures figures(snapshot, sweeps);
    const QFileInfo info(path);
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const QString name = info.completeBaseName() + QLatin1Char('_') +
                             QString::fromStdString(figure.name) + QStringLiteral(".png");
        const auto png = renderPlot(figure.plot, PlotFormat::Png, {kFigureWidth, kFigureHeight, 2});
        if (!png) {
            return path + QStringLiteral(": the plots could not be drawn");
        }
        if (QString error = writeFileSafely(info.dir().filePath(name), *png); !error.isEmpty()) {
            return error;
        }
        placed.push_back({figure.caption, name.toStdString()});
    }
    return writeFileSafely(path, QByteArray::fromStdString(tensorReportMarkdown(document, placed)));
}

// Figures for a PDF: PNG images the rich-text document holds as resources.
class PdfImages
{
public:
    // The <img> markup for `plot`, or nullopt if it cannot be drawn.
    std::optional<std::string> add(const std::string& name, QCustomPlot* plot)
    {
        const auto png = renderPlot(plot, PlotFormat::Png, {kFigureWidth, kFigureHeight, 2});
        if (!png) {
            return std::nullopt;
        }
        const QString url = QStringLiteral("qs-figure:") + QString::fromStdString(name);
        m_images.emplace_back(url, QImage::fromData(*png));
        return "<img src=\"" + url.toStdString() + "\" width=\"600\" height=\"347\">";
    }

    // Lays `html` out on pages of `page` size (15 mm margins) and writes the PDF.
    QString print(const std::string& html, const QString& title, const QString& path,
                  QPageSize::PageSizeId page) const
    {
        QTextDocument text;
        for (const auto& [url, image] : m_images) {
            text.addResource(QTextDocument::ImageResource, QUrl(url), image);
        }
        text.setHtml(QString::fromStdString(html));
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            QPdfWriter pdf(&buffer);
            pdf.setCreator(QStringLiteral("QuantScope"));
            pdf.setTitle(title);
            pdf.setPageSize(QPageSize(page));
            pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            // Lay the text out on the printable area at screen resolution, so tables set to the
            // full width span the page.
            const QSizeF points = pdf.pageLayout().paintRect(QPageLayout::Point).size();
            text.setPageSize(points * (kScreenDpi / 72.0));
            text.print(&pdf);
        }
        buffer.close();
        return writeFileSafely(path, bytes);
    }

private:
    std::vector<std::pair<QString, QImage>> m_images;
};

QString writePdf(const SnapshotPtr& snapshot, const json& document, const QString& path,
                 QPageSize::PageSizeId page, bool sweeps)
{
    const Figures figures(snapshot, sweeps);
    PdfImages images;
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const auto markup = images.add(figure.name, figure.plot);
        if (!markup) {
            return path + QStringLiteral(": the plots could not be drawn");
        }
        placed.push_back({figure.caption, *markup});
    }
    const QString title = QString::fromStdString(
        "QuantScope report: " + document.at("tensor").at("name").get<std::string>());
    return images.print(tensorReportHtml(document, placed), title, path, page);
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
    QString failed = path + QStringLiteral(": the chart could not be drawn");
    if (options.format == ReportFormat::Html) {
        const auto svg = inlineSvg(plot);
        return svg ? writeFileSafely(path, QByteArray::fromStdString(modelReportHtml(report, *svg)))
                   : failed;
    }
    if (options.format == ReportFormat::Markdown) {
        const QFileInfo info(path);
        const QString name = info.completeBaseName() + QStringLiteral("_worst.png");
        const auto png = renderPlot(plot, PlotFormat::Png, {kFigureWidth, kFigureHeight, 2});
        if (!png) {
            return failed;
        }
        if (QString error = writeFileSafely(info.dir().filePath(name), *png); !error.isEmpty()) {
            return error;
        }
        return writeFileSafely(
            path, QByteArray::fromStdString(modelReportMarkdown(report, name.toStdString())));
    }
    PdfImages images;
    const auto markup = images.add("worst", plot);
    if (!markup) {
        return failed;
    }
    return images.print(modelReportHtml(report, *markup), QStringLiteral("QuantScope model report"),
                        path, options.page);
}

QString exportTensorReport(const SnapshotPtr& snapshot, const QString& path,
                           const ReportOptions& options)
{
    if (!snapshot) {
        return path + QStringLiteral(": nothing to report yet");
    }
    const json document = documentOf(*snapshot);
    switch (options.format) {
    case ReportFormat::Json:
        return writeFileSafely(
            path, QByteArray::fromStdString(
                      document.dump(2, ' ', false, json::error_handler_t::replace) + "\n"));
    case ReportFormat::Csv:
        return writeFileSafely(path, QByteArray::fromStdString(tensorReportCsv(document)));
    case ReportFormat::Html:
        return writeHtml(snapshot, document, path, options.sweeps);
    case ReportFormat::Markdown:
        return writeMarkdown(snapshot, document, path, options.sweeps);
    case ReportFormat::Pdf:
        return writePdf(snapshot, document, path, options.page, options.sweeps);
    }
    return path + QStringLiteral(": unknown report format");
}

} // namespace qs::ui
