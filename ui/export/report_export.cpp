#include "export/report_export.h"

#include "export/plot_export.h"
#include "plots/channel_range_plot.h"
#include "plots/code_usage_plot.h"
#include "plots/error_plot.h"
#include "plots/histogram_plot.h"
#include "plots/transfer_plot.h"
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
    explicit Figures(const SnapshotPtr& snapshot)
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

QString writeHtml(const SnapshotPtr& snapshot, const json& document, const QString& path)
{
    const Figures figures(snapshot);
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

QString writeMarkdown(const SnapshotPtr& snapshot, const json& document, const QString& path)
{
    const Figures figures(snapshot);
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

QString writePdf(const SnapshotPtr& snapshot, const json& document, const QString& path,
                 QPageSize::PageSizeId page)
{
    const Figures figures(snapshot);
    QTextDocument text;
    std::vector<ReportFigure> placed;
    for (const auto& figure : figures.all()) {
        const auto png = renderPlot(figure.plot, PlotFormat::Png, {kFigureWidth, kFigureHeight, 2});
        if (!png) {
            return path + QStringLiteral(": the plots could not be drawn");
        }
        const QString url = QStringLiteral("qs-figure:") + QString::fromStdString(figure.name);
        text.addResource(QTextDocument::ImageResource, QUrl(url), QImage::fromData(*png));
        placed.push_back({figure.caption,
                          "<img src=\"" + url.toStdString() + "\" width=\"600\" height=\"347\">"});
    }
    text.setHtml(QString::fromStdString(tensorReportHtml(document, placed)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("QuantScope"));
        pdf.setTitle(QString::fromStdString("QuantScope report: " +
                                            document.at("tensor").at("name").get<std::string>()));
        pdf.setPageSize(QPageSize(page));
        pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        text.print(&pdf);
    }
    buffer.close();
    return writeFileSafely(path, bytes);
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
        return writeHtml(snapshot, document, path);
    case ReportFormat::Markdown:
        return writeMarkdown(snapshot, document, path);
    case ReportFormat::Pdf:
        return writePdf(snapshot, document, path, options.page);
    }
    return path + QStringLiteral(": unknown report format");
}

} // namespace qs::ui
