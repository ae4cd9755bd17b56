#include "plots/worst_tensors_plot.h"

#include "i18n/retranslator.h"
#include "plots/plot_setup.h"
#include "report/model_report_output.h"
#include "theme.h"

#include <QFontMetrics>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

constexpr int kLabelWidth = 170; // pixels of tensor name beside each bar

// Long names keep both ends: the start says where the tensor sits, the end what it is.
QString tickLabel(const QString& name, const QFont& font)
{
    return QFontMetrics(font).elidedText(name, Qt::ElideMiddle, kLabelWidth);
}

QCPBars* makeBars(QCustomPlot* plot, const QString& name, const QColor& colour)
{
    auto* bars = new QCPBars(plot->yAxis, plot->xAxis); // horizontal: keys run down the y axis
    bars->setName(name);
    bars->setPen(QPen(colour.darker(130)));
    bars->setBrush(colour);
    bars->setWidth(0.7);
    return bars;
}

} // namespace

WorstTensorsPlot::WorstTensorsPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("worstTensorsPlot"));
    setUpPlot(m_plot);
    m_plot->plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(m_plot, QString(), font());
    m_plot->plotLayout()->addElement(0, 0, heading);
    m_texts->bind([heading] {
        heading->setText(
            tr("Lowest SQNR under the current scheme\n(orange: flagged by an outlier rule)"));
    });
    m_texts->bind([this] { m_plot->xAxis->setLabel(tr("SQNR (dB)")); });
    m_plot->yAxis->setRangeReversed(true); // worst on top
    m_plot->yAxis->grid()->setVisible(false);
    QCPBars* flagged = makeBars(m_plot, QString(), theme::outlier());
    QCPBars* plain = makeBars(m_plot, QString(), theme::values());
    m_texts->bind([this, flagged, plain] {
        flagged->setName(tr("flagged as outlier tensor"));
        plain->setName(tr("not flagged"));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void WorstTensorsPlot::setRows(const std::vector<TensorReportRow>& rows)
{
    std::vector<const TensorReportRow*> sorted;
    for (const TensorReportRow& row : rows) {
        if (std::isfinite(row.sqnrDb)) {
            sorted.push_back(&row);
        }
    }
    std::ranges::stable_sort(sorted, [](const TensorReportRow* a, const TensorReportRow* b) {
        return a->sqnrDb < b->sqnrDb;
    });
    sorted.resize(std::min<std::size_t>(sorted.size(), kShown));

    auto* flagged = qobject_cast<QCPBars*>(m_plot->plottable(0));
    auto* plain = qobject_cast<QCPBars*>(m_plot->plottable(1));
    QVector<double> flaggedKeys, flaggedValues, plainKeys, plainValues, ticks;
    QVector<QString> labels;
    m_names.clear();
    double top = 1;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const TensorReportRow& row = *sorted[i];
        const double key = static_cast<double>(i);
        (isOutlierTensor(row) ? flaggedKeys : plainKeys).push_back(key);
        (isOutlierTensor(row) ? flaggedValues : plainValues).push_back(row.sqnrDb);
        ticks.push_back(key);
        const QString name = QString::fromStdString(row.name);
        labels.push_back(tickLabel(name, m_plot->yAxis->tickLabelFont()));
        m_names << name;
        top = std::max(top, row.sqnrDb);
    }
    flagged->setData(flaggedKeys, flaggedValues, true);
    plain->setData(plainKeys, plainValues, true);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(ticks, labels);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(-0.6,
                            std::max<double>(kShown, static_cast<double>(sorted.size())) - 0.4);
    m_plot->xAxis->setRange(0, top * 1.08);
    m_plot->replot();
}

} // namespace qs::ui
