#include "panels/channels_panel.h"

#include "analysis/ggml_group_analysis.h"
#include "analysis/value_counts.h"
#include "ggml_scale_text.h"
#include "grid_text.h"
#include "grip_splitter.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "plots/channel_range_plot.h"
#include "plots/histogram_plot.h"
#include "quant/ggml_formats.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs::ui {

ChannelsPanel::ChannelsPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_perTensor = new QLabel(this);
    m_texts->bind([this] {
        m_perTensor->setText(
            tr("<p>One grid covers the whole tensor.</p><p>Choose <b>per channel</b> or "
               "<b>per group</b> under Granularity to give every channel its own range "
               "and see here which channels a single grid serves badly.</p>"));
    });
    m_texts->onChange([this] { describeGroup(); });
    m_perTensor->setObjectName(QStringLiteral("perTensorNote"));
    m_perTensor->setAlignment(Qt::AlignCenter);
    m_perTensor->setWordWrap(true);

    m_ranges = new ChannelRangePlot(this);
    m_group = new QSpinBox(this);
    m_group->setObjectName(QStringLiteral("pickedGroup"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("groupSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_histogram = new HistogramPlot(this);
    m_histogram->plot()->setObjectName(QStringLiteral("groupHistogram"));
    m_histogram->setHintVisible(false);
    m_histogram->setLegendColumns(3); // a narrower plot than the main one
    m_ranges->setMinimumWidth(200);

    auto* picked = new QWidget(this);
    auto* header = new QHBoxLayout;
    auto* showLabel = new QLabel(this);
    m_texts->bind([showLabel] { showLabel->setText(tr("Show")); });
    header->addWidget(showLabel);
    header->addWidget(m_group);
    header->addWidget(m_summary, 1);
    auto* pickedLayout = new QVBoxLayout(picked);
    pickedLayout->setContentsMargins(0, 0, 0, 0);
    pickedLayout->addLayout(header);
    pickedLayout->addWidget(m_histogram, 1);
    auto* split = new GripSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("channelsSplitter"));
    split->addWidget(m_ranges);
    split->addWidget(picked);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({500, 400});

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_perTensor);
    m_pages->addWidget(split);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_ranges, &ChannelRangePlot::groupPicked, this, &ChannelsPanel::pickGroup);
    connect(m_group, &QSpinBox::valueChanged, this, &ChannelsPanel::pickGroup);
    connect(m_histogram, &HistogramPlot::outlierSigmasChanged, this, &ChannelsPanel::requestGroup);
    connect(m_histogram, &HistogramPlot::rebinRequested, this, [this](double lo, double hi) {
        if (!m_groupSnapshot) {
            return;
        }
        m_rebinJobs.start(
            [data = m_groupSnapshot->data, lo, hi](const JobControl&) {
                return std::pair(
                    data, binValues(data->loaded.tensor.values, lo, hi, HistogramPlot::kZoomBins));
            },
            [this](auto binned) {
                // Not another channel's: the picked channel may have changed meanwhile.
                if (binned && m_groupSnapshot && m_groupSnapshot->data == binned->first) {
                    m_histogram->showZoomedHistogram(binned->second);
                }
            });
    });
}

ChannelsPanel::~ChannelsPanel() = default; // the trackers cancel and wait

bool ChannelsPanel::isComputing() const
{
    return m_groupJobs.isBusy() || m_rebinJobs.isBusy();
}

int ChannelsPanel::pickedGroup() const
{
    return m_group->value();
}

void ChannelsPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    const std::size_t groups = snapshot ? snapshot->current.groups.size() : 0;
    m_pages->setCurrentIndex(groups > 1 ? 1 : 0);
    m_ranges->setSnapshot(snapshot);
    if (groups < 2) {
        m_groupSnapshot.reset();
        return;
    }
    {
        const QSignalBlocker block(m_group);
        m_group->setRange(0, static_cast<int>(groups) - 1);
    }
    m_ranges->setSelected(m_group->value());
    requestGroup();
}

void ChannelsPanel::pickGroup(int group)
{
    if (group != m_group->value()) {
        const QSignalBlocker block(m_group);
        m_group->setValue(group);
    }
    m_ranges->setSelected(m_group->value());
    requestGroup();
}

SnapshotPtr ChannelsPanel::computeGroupSnapshot(const AnalysisSnapshot& snapshot, std::size_t group,
                                                double outlierSigmas)
{
    const Tensor& tensor = snapshot.data->loaded.tensor;
    auto values = extractGroup(tensor.view(), snapshot.spec, group);
    if (!values) {
        return {};
    }
    auto data = std::make_shared<LoadedData>();
    data->source = snapshot.data->source;
    data->loaded.tensor = std::move(*values);
    data->stats = computeStats(data->loaded.tensor.values);
    // A ggml block's codes are the blocks' own (its quantizer's choice, its stored minimum).
    auto analysis = snapshot.ggmlBlocks && isGgmlFormat(snapshot.spec.format.format)
                        ? analyzeGgmlGroup(data->loaded.tensor.view(), snapshot.spec,
                                           *snapshot.ggmlBlocks, group)
                        : analyzeWithParams(data->loaded.tensor.view(), snapshot.spec,
                                            snapshot.current.params[group]);
    if (!analysis) {
        return {};
    }
    auto out = std::make_shared<AnalysisSnapshot>();
    out->spec = analysis->spec;
    out->current = std::move(*analysis);
    // NVFP4's tensor scale belongs to the whole tensor, not to the block alone.
    out->current.tensorScale = snapshot.current.tensorScale;
    out->current.tensorAmax = snapshot.current.tensorAmax;
    out->outlierSigmas = outlierSigmas;
    const TensorStats& s = data->stats;
    out->outliers = countOutside(data->loaded.tensor.values, s.mean - outlierSigmas * s.std,
                                 s.mean + outlierSigmas * s.std);
    out->data = std::move(data);
    return out;
}

void ChannelsPanel::requestGroup()
{
    if (!m_snapshot || m_snapshot->current.groups.size() < 2) {
        return;
    }
    m_groupJobs.start(
        [snapshot = m_snapshot, group = static_cast<std::size_t>(m_group->value()),
         sigmas = m_histogram->outlierSigmas()](const JobControl&) {
            return computeGroupSnapshot(*snapshot, group, sigmas);
        },
        [this](std::optional<SnapshotPtr> group) {
            if (group) {
                showGroup(*group);
            }
        });
}

void ChannelsPanel::showGroup(const SnapshotPtr& snapshot)
{
    m_groupSnapshot = snapshot;
    m_histogram->setSnapshot(snapshot);
    describeGroup();
    emit groupShown(m_group->value());
}

QString ChannelsPanel::storedFieldsText(std::size_t group) const
{
    const Analysis& whole = m_snapshot->current;
    if (!isGgmlFormat(whole.spec.format.format) || !m_snapshot->ggmlBlocks ||
        group >= whole.params.size()) {
        return {};
    }
    const ggml::TypeInfo& type = ggmlTypeOf(whole.spec.format.format);
    return ggmlGridFieldsText(type, ggml::readGridScaleFields(type, *m_snapshot->ggmlBlocks, group),
                              group);
}

void ChannelsPanel::describeGroup()
{
    if (!m_groupSnapshot || !m_snapshot) {
        m_summary->clear();
        return;
    }
    const Analysis& a = m_groupSnapshot->current;
    const Analysis& whole = m_snapshot->current;
    const auto group = static_cast<std::size_t>(m_group->value());
    const QString sqnr = std::isfinite(a.metrics.sqnrDb)
                             ? formatValue(a.metrics.sqnrDb, 4) + QStringLiteral(" dB")
                             : tr("lossless");
    // The scale as the whole analysis knows it (NVFP4's tensor scale is the whole tensor's).
    QString scale = group < whole.params.size() ? scaleText(whole, group) : QString();
    if (const QString tensor = tensorScaleText(whole); !tensor.isEmpty()) {
        scale += QStringLiteral(", ") + tensor;
    }
    // A ggml block's stored fields, which make that scale.
    if (const QString stored = storedFieldsText(group); !stored.isEmpty()) {
        scale += QStringLiteral("; ") + stored;
    }
    m_summary->setText(tr("<b>%1</b> of %2: %3 values in [%4, %5]; %6; SQNR %7; clipped %8")
                           .arg(blockLabel(whole, group),
                                blockCountLabel(whole, whole.groups.size()),
                                formatCount(a.stats.count), formatValue(a.stats.min, 5),
                                formatValue(a.stats.max, 5), scale, sqnr,
                                formatCount(a.metrics.clippedBelow + a.metrics.clippedAbove)));
}

} // namespace qs::ui
