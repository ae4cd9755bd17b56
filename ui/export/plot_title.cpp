#include "export/plot_title.h"

#include "io/tensor_source.h"

#include <QSettings>
#include <qcustomplot.h>

namespace qs::ui {
namespace {

constexpr const char* kTitleKey = "export/plotTitle";
constexpr const char* kTitleProperty = "qsExportTitle";

QString text(std::string_view name)
{
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

QString granularityWords(const QuantSpec& spec)
{
    switch (spec.granularity) {
    case Granularity::Tensor:
        return QStringLiteral("per tensor");
    case Granularity::Channel:
        return QStringLiteral("per channel (axis %1)").arg(spec.axis);
    case Granularity::Group:
        return QStringLiteral("per group of %1").arg(spec.groupSize);
    }
    return text(granularityName(spec.granularity));
}

} // namespace

QString plotTitle(const AnalysisSnapshot& snapshot, const QString& subject)
{
    const Tensor& tensor = snapshot.data->loaded.tensor;
    const QuantSpec& spec = snapshot.spec;
    QString scheme;
    if (!spec.preset.empty()) {
        scheme = QString::fromStdString(spec.preset);
    } else if (spec.format.format == NumberFormat::Integer) {
        scheme = QStringLiteral("%1 %2%3")
                     .arg(text(schemeName(spec.scheme)), spec.isSigned ? "int" : "uint")
                     .arg(spec.bits);
    } else {
        scheme = text(numberFormatName(spec.format.format));
    }
    // Names and ids as the CLI spells them: the title is the same in every interface language,
    // and the command that made the plot can be read off it.
    const QString what = subject.isEmpty()
                             ? QString::fromStdString(tensor.name) + QLatin1Char(' ') +
                                   QString::fromStdString(shapeToString(tensor.shape))
                             : subject;
    return QStringLiteral("%1 · %2, %3, %4")
        .arg(what, scheme, granularityWords(spec), text(calibrationName(spec.calibration.method)));
}

void setExportTitle(QCustomPlot* plot, const QString& title)
{
    plot->setProperty(kTitleProperty, title);
}

QString exportTitleOf(const QCustomPlot* plot)
{
    return plot->property(kTitleProperty).toString();
}

bool exportTitleWanted()
{
    return QSettings().value(kTitleKey, true).toBool();
}

void setExportTitleWanted(bool wanted)
{
    QSettings().setValue(kTitleKey, wanted);
}

ExportTitle::ExportTitle(QCustomPlot* plot, const QString& title) : m_plot(plot)
{
    if (title.isEmpty()) {
        return;
    }
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->insertRow(0);
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    m_title = new QCPTextElement(plot, title, font);
    m_title->setObjectName(QStringLiteral("exportTitle"));
    m_title->setTextColor(QColor(90, 90, 90));
    m_title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addElement(0, 0, m_title);
    layout->setRowStretchFactor(0, 0.001);
}

ExportTitle::~ExportTitle()
{
    if (m_title == nullptr) {
        return;
    }
    QCPLayoutGrid* layout = m_plot->plotLayout();
    layout->remove(m_title); // deletes it
    layout->simplify();      // the empty row goes
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs::ui
