#include "plots/side_histograms.h"

#include "grid_text.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/histogram_plot.h"
#include "plots/plot_pair.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {

SnapshotPtr sideSnapshot(const MitigatedSide& side, const std::string& name, double outlierSigmas)
{
    const Analysis& analysis = side.analysis;
    if (analysis.histograms.values.bins() == 0 || analysis.params.empty()) {
        return {};
    }
    auto data = std::make_shared<LoadedData>();
    data->loaded.tensor.name = name;
    data->loaded.tensor.shape = {static_cast<std::int64_t>(analysis.stats.count)};
    data->stats = analysis.stats;
    auto snapshot = std::make_shared<AnalysisSnapshot>();
    snapshot->data = std::move(data);
    snapshot->spec = analysis.spec;
    snapshot->current = analysis;
    snapshot->outlierSigmas = outlierSigmas;
    return snapshot;
}

SideHistograms::SideHistograms(Operand operand, const QString& objectName, QWidget* parent)
    : QWidget(parent), m_operand(operand)
{
    m_texts = new Retranslator(this);
    m_log = new QCheckBox(this);
    m_log->setObjectName(objectName + QStringLiteral("Log"));
    auto* note = new QLabel(this);
    note->setWordWrap(true);
    note->setEnabled(false);
    m_texts->bind([this, note] {
        m_log->setText(tr("Log counts"));
        note->setText(tr("Colours as in the Quantizer view's histogram, whose legend names them; "
                         "the wheel zooms, a double-click resets"));
    });
    const auto pane = [this](QLabel*& heading, HistogramPlot*& plot, const QString& name) {
        auto* widget = new QWidget(this);
        heading = new QLabel(widget);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        heading->setWordWrap(true);
        heading->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        plot = makePlot(name);
        plot->setParent(widget);
        auto* layout = new QVBoxLayout(widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(heading);
        layout->addWidget(plot, 1);
        return widget;
    };
    QWidget* before = pane(m_beforeHeading, m_before, objectName + QStringLiteral("Before"));
    QWidget* after = pane(m_afterHeading, m_after, objectName + QStringLiteral("After"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_log);
    top->addWidget(note, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(new PlotPair(before, after, this), 1);
    connect(m_log, &QCheckBox::toggled, this, [this](bool on) {
        m_before->setLogScale(on);
        m_after->setLogScale(on);
    });
    // Log counts at first: the outlier channels are a few values in a thousand, which linear
    // counts draw as nothing.
    m_log->setChecked(true);
    m_texts->onChange([this] { updateHeadings(); });
    updateHeadings();
}

HistogramPlot* SideHistograms::makePlot(const QString& objectName)
{
    auto* plot = new HistogramPlot(this);
    plot->plot()->setObjectName(objectName);
    // Two plots share a narrow view: one Log counts box serves both, and the legend is the one
    // of the Quantizer view's histogram (the colours mean the same there). The plot's own bar of controls
    // is hidden, the legend taken out of the layout.
    for (QWidget* child : plot->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
        if (child != plot->plot()) {
            child->hide();
        }
    }
    QCustomPlot* chart = plot->plot();
    if (chart->plotLayout()->take(chart->legend)) {
        chart->plotLayout()->simplify();
    }
    chart->legend->setVisible(false);
    chart->xAxis->ticker()->setTickCount(4);
    // Before every drawing: the grid ends stay put (no manual range here), and with a grid per
    // channel the note says so without sending the user to the Channels view, which shows the
    // window's tensor rather than this operand.
    connect(chart, &QCustomPlot::beforeReplot, plot, [plot] {
        plot->clipLineDrag()->setEnabled(false);
        const SnapshotPtr& shown = plot->snapshot();
        for (int i = 0; shown && i < plot->plot()->itemCount(); ++i) {
            auto* note = qobject_cast<QCPItemText*>(plot->plot()->item(i));
            if (note != nullptr && note->objectName() == QLatin1String("groups-note")) {
                QStringList lines = note->text().split(QLatin1Char('\n'));
                const Analysis& a = shown->current;
                lines[0] = tr("%1, each with its own grid; the lines are %2's")
                               .arg(blockCountLabel(a, a.params.size()), blockLabel(a, 0));
                note->setText(lines.join(QLatin1Char('\n')));
            }
        }
    });
    return plot;
}

const MitigatedSide& SideHistograms::sideOf(const MitigationOutcome& outcome) const
{
    return m_operand == Operand::Weight ? outcome.weight : outcome.activations;
}

void SideHistograms::draw(HistogramPlot* plot, const MitigationOutcome* outcome)
{
    const std::string name = m_operand == Operand::Weight ? "W" : "X";
    SnapshotPtr snapshot =
        outcome ? sideSnapshot(sideOf(*outcome), name, plot->outlierSigmas()) : nullptr;
    // The plot keeps what it drew last when given nothing: hidden instead, until there is a
    // histogram to show (none yet, or every channel kept in float16).
    plot->setVisible(snapshot != nullptr);
    if (snapshot) {
        plot->setSnapshot(std::move(snapshot));
    }
}

void SideHistograms::show(std::shared_ptr<const MitigationOutcome> before,
                          std::shared_ptr<const MitigationOutcome> after,
                          const QString& afterHeading)
{
    if (before != m_shownBefore) {
        m_shownBefore = std::move(before);
        draw(m_before, m_shownBefore.get());
    }
    if (after != m_shownAfter) {
        m_shownAfter = std::move(after);
        draw(m_after, m_shownAfter.get());
    }
    m_transforms = afterHeading;
    updateHeadings();
}

void SideHistograms::updateHeadings()
{
    const bool weight = m_operand == Operand::Weight;
    const auto heading = [&](const MitigationOutcome* outcome, const QString& title) {
        if (outcome == nullptr || outcome->float16Channels.empty()) {
            return title;
        }
        // LLM.int8(): the histogram is of the channels that were quantized.
        return tr("%1 (the %2 channels in float16 left out)")
            .arg(title, formatCount(outcome->float16Channels.size()));
    };
    m_beforeHeading->setText(heading(m_shownBefore.get(), weight
                                                              ? tr("W before: the format alone")
                                                              : tr("X before: the format alone")));
    const QString after = weight ? tr("W after: %1") : tr("X after: %1");
    m_afterHeading->setText(heading(m_shownAfter.get(), after.arg(m_transforms)));
}

} // namespace qs::ui
