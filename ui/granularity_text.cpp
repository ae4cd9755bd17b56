#include "granularity_text.h"

#include "number_format.h"

#include <QCoreApplication>

namespace qs::ui {

QString groupLabel(Granularity granularity, std::size_t index)
{
    return granularity == Granularity::Channel
               ? QCoreApplication::translate("Granularity", "channel %1").arg(index)
               : QCoreApplication::translate("Granularity", "group %1").arg(index);
}

QString groupCountLabel(Granularity granularity, std::size_t count)
{
    const QString n = formatCount(count);
    return granularity == Granularity::Channel
               ? QCoreApplication::translate("Granularity", "%1 channels").arg(n)
               : QCoreApplication::translate("Granularity", "%1 groups").arg(n);
}

} // namespace qs::ui
