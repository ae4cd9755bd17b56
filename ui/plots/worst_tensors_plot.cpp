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

constexpr int kLabelWidth = 170;    // pixels of tensor name beside each bar, at most
constexpr double kLabelShare = 0.4; // of the plot's width, in a narrow plot

QCPBars* makeBars(QCustomPlot* plot, const QString& name, const QColor& colour)
{
    auto* bars = new QCPBars(plot->yAxis, plot->xAxis); // horizontal: keys run down the y axis
    bars->setName(name);
    bars->setPen(QPen(colour.darker(130)));
    bars->setBrush(colour);
    bars->setWidth(0.7);
    return bars;
}

// Where `name` first differs from `other`, moved back to the start of its path segment.
qsizetype differingSegment(const QString& name, const QString& other)
{
    qsizetype at = 0;
    while (at < name.size() && at < other.size() && name[at] == other[at]) {
        ++at;
    }
    while (at > 0 && name[at - 1] != QLatin1Char('.') && name[at - 1] != QLatin1Char('/')) {
        --at;
    }
    return at;
}

} // namespace

QStringList WorstTensorsPlot::distinctLabels(const QStringList& names, const QFont& font, int width)
{
    const QFontMetrics metrics(font);
    // Long names keep both ends: the start says where the tensor sits, the end what it is.
    QStringList labels;
    for (const QString& name : names) {
        labels << metrics.elidedText(name, Qt::ElideMiddle, width);
    }
    const QStringList elided = labels;
    for (qsizetype i = 0; i < names.size(); ++i) {
        qsizetype from = names[i].size();
        for (qsizetype j = 0; j < names.size(); ++j) {
            if (j != i && elided[j] == elided[i] && names[j] != names[i]) {
                from = std::min(from, differingSegment(names[i], names[j]));
            }
        }
        if (from < names[i].size() && from > 0) {
            // "…then_branch.dense.weight": the shared start gives way to the difference.
            labels[i] =
                metrics.elidedText(QStringLiteral("…") + names[i].mid(from), Qt::ElideRight, width);
        }
    }
    return labels;
}

WorstTensorsPlot::WorstTensorsPlot(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("worstTensorsPlot"));
    setUpPlot(m_plot);
    m_plot->plotLayout()->insertRow(0);
    m_heading = new QCPTextElement(m_plot, QString(), font());
    m_plot->plotLayout()->addElement(0, 0, m_heading);
    m_plot->yAxis->setRangeReversed(true); // the first on top
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
    setRows({});
}

void WorstTensorsPlot::relabel()
{
    const int width = std::clamp(static_cast<int>(kLabelShare * m_plot->width()), 60, kLabelWidth);
    m_labels = distinctLabels(m_names, m_plot->yAxis->tickLabelFont(), width);
    QVector<double> ticks;
    for (qsizetype i = 0; i < m_names.size(); ++i) {
        ticks.push_back(static_cast<double>(i));
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(ticks, QVector<QString>(m_labels.begin(), m_labels.end()));
    m_plot->yAxis->setTicker(ticker);
}

void WorstTensorsPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (rowsThatFit() != m_rows) {
        setBars(m_caption, m_valueLabel, m_bars);
        return;
    }
    relabel();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString WorstTensorsPlot::caption() const
{
    return m_heading->text();
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
    std::vector<Bar> bars;
    for (const TensorReportRow* row : sorted) {
        bars.push_back({QString::fromStdString(row->name), row->sqnrDb, isOutlierTensor(*row)});
    }
    setBars(tr("Lowest SQNR under the current scheme"), tr("SQNR (dB)"), bars);
}

// As many bars as there are lines of names in the plot's height, up to kShown.
int WorstTensorsPlot::rowsThatFit() const
{
    const int line = QFontMetrics(m_plot->yAxis->tickLabelFont()).height() + 2;
    // The heading, the value axis and its label take about this much of the height.
    const int room = m_plot->height() - 6 * line;
    return std::clamp(room / line, 3, kShown);
}

void WorstTensorsPlot::setBars(const QString& caption, const QString& valueLabel,
                               const std::vector<Bar>& bars)
{
    if (&bars != &m_bars) {
        m_bars = bars;
    }
    m_caption = caption;
    m_valueLabel = valueLabel;
    m_rows = rowsThatFit();
    m_heading->setText(caption + QLatin1Char('\n') + tr("(orange: flagged by an outlier rule)"));
    m_plot->xAxis->setLabel(valueLabel);
    const std::size_t shown =
        std::min<std::size_t>(m_bars.size(), static_cast<std::size_t>(m_rows));
    auto* flagged = qobject_cast<QCPBars*>(m_plot->plottable(0));
    auto* plain = qobject_cast<QCPBars*>(m_plot->plottable(1));
    QVector<double> flaggedKeys, flaggedValues, plainKeys, plainValues;
    m_names.clear();
    double low = 0;
    double high = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        const Bar& bar = m_bars[i];
        const double key = static_cast<double>(i);
        (bar.flagged ? flaggedKeys : plainKeys).push_back(key);
        (bar.flagged ? flaggedValues : plainValues).push_back(bar.value);
        m_names << bar.name;
        low = std::min(low, bar.value);
        high = std::max(high, bar.value);
    }
    if (!(high > low)) {
        high = low + 1;
    }
    flagged->setData(flaggedKeys, flaggedValues, true);
    plain->setData(plainKeys, plainValues, true);
    relabel();
    m_plot->yAxis->setRange(-0.6, std::max<double>(m_rows, static_cast<double>(shown)) - 0.4);
    const double pad = 0.08 * (high - low);
    m_plot->xAxis->setRange(low < 0 ? low - pad : 0, high + pad);
    m_plot->replot();
}

} // namespace qs::ui
