#include "plots/slot_ticker.h"

#include <cmath>

namespace qs::ui {

double SlotTicker::getTickStep(const QCPRange& range)
{
    // The base class aims at tickCount() ticks; bars sit at whole positions, so whole steps.
    return std::max(1.0, std::ceil(range.size() / std::max(1, tickCount())));
}

int SlotTicker::getSubTickCount(double /*tickStep*/)
{
    return 0;
}

QString SlotTicker::getTickLabel(double tick, const QLocale& /*locale*/, QChar /*formatChar*/,
                                 int /*precision*/)
{
    const auto slot = std::lround(tick);
    return slot >= 0 && slot < m_labels.size() ? m_labels[static_cast<qsizetype>(slot)] : QString();
}

} // namespace qs::ui
