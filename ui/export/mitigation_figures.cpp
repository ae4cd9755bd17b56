#include "export/mitigation_figures.h"

#include "mitigation_text.h"
#include "plots/alpha_scan_plot.h"
#include "plots/channel_max_plot.h"
#include "plots/histogram_plot.h"
#include "plots/output_channel_plot.h"
#include "plots/side_histograms.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

QString caption(const char* text)
{
    return QCoreApplication::translate("ReportExport", text);
}

} // namespace

MitigationFigures::MitigationFigures(const MitigationReport& report,
                                     std::shared_ptr<const AlphaScan> scan)
{
    const auto before = std::make_shared<const MitigationOutcome>(report.before);
    const auto after = std::make_shared<const MitigationOutcome>(report.after);
    const QString transforms = transformsText(report.settings);

    auto channels = std::make_unique<ChannelMaxPlot>();
    channels->show(before, after, transforms);
    m_plots.push_back({QStringLiteral("channels_before"),
                       caption(QT_TRANSLATE_NOOP(
                           "ReportExport", "Before: max |x| and max |w| of every input channel")),
                       channels->beforePlot()});
    m_plots.push_back({QStringLiteral("channels_after"),
                       caption(QT_TRANSLATE_NOOP(
                           "ReportExport", "After: max |x| and max |w| of every input channel")) +
                           QStringLiteral(" (") + transforms + QLatin1Char(')'),
                       channels->afterPlot()});
    m_owners.push_back(std::move(channels));

    const auto histograms = [&](Operand operand, const char* name, const char* beforeText,
                                const char* afterText) {
        auto pair = std::make_unique<SideHistograms>(operand, QString::fromLatin1(name));
        pair->show(before, after, transforms);
        m_plots.push_back({QString::fromLatin1(name) + QStringLiteral("_before"),
                           caption(beforeText), pair->beforePlot()->plot()});
        m_plots.push_back({QString::fromLatin1(name) + QStringLiteral("_after"), caption(afterText),
                           pair->afterPlot()->plot()});
        m_owners.push_back(std::move(pair));
    };
    histograms(Operand::Activations, "activations",
               QT_TRANSLATE_NOOP("ReportExport", "Before: the values of X and their grid"),
               QT_TRANSLATE_NOOP("ReportExport", "After: the values of X′ and their grid"));
    histograms(Operand::Weight, "weight",
               QT_TRANSLATE_NOOP("ReportExport", "Before: the values of W and their grid"),
               QT_TRANSLATE_NOOP("ReportExport", "After: the values of W′ and their grid"));

    auto outputs = std::make_unique<OutputChannelPlot>();
    outputs->show(before, after);
    m_plots.push_back(
        {QStringLiteral("output_channels"),
         caption(QT_TRANSLATE_NOOP("ReportExport",
                                   "The output SQNR of each output channel, before and after")),
         outputs->plot()});
    m_owners.push_back(std::move(outputs));

    if (scan) {
        auto alpha = std::make_unique<AlphaScanPlot>();
        alpha->show(scan, report.before.outputSqnrDb, report.settings.smoothAlpha);
        m_plots.push_back(
            {QStringLiteral("alpha"),
             caption(QT_TRANSLATE_NOOP("ReportExport", "The output SQNR against SmoothQuant's α")),
             alpha->plot()});
        m_owners.push_back(std::move(alpha));
    }
}

MitigationFigures::~MitigationFigures() = default;

} // namespace qs::ui
