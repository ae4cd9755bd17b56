#pragma once
// Finding what a QCustomPlot shows, by the object names the window gives its graphs and items.

#include <QStringList>
#include <qcustomplot.h>

namespace qs::test {

inline QStringList itemNames(QCustomPlot* plot)
{
    QStringList names;
    for (int i = 0; i < plot->itemCount(); ++i) {
        names << plot->item(i)->objectName();
    }
    return names;
}

inline QCPAbstractItem* itemNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == name) {
            return plot->item(i);
        }
    }
    return nullptr;
}

// The x of a vertical line item, or NaN when there is none of that name.
inline double lineX(QCustomPlot* plot, const QString& name)
{
    auto* line = qobject_cast<QCPItemStraightLine*>(itemNamed(plot, name));
    return line ? line->point1->coords().x() : std::numeric_limits<double>::quiet_NaN();
}

inline QCPGraph* graphNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->graphCount(); ++i) {
        if (plot->graph(i)->objectName() == name) {
            return plot->graph(i);
        }
    }
    return nullptr;
}

} // namespace qs::test
