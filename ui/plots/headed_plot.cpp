#include "plots/headed_plot.h"

#include "plots/plot_setup.h"

#include <qcustomplot.h>

namespace qs::ui {
namespace {

QCPTextElement* headingOf(const QCustomPlot* plot)
{
    return qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
}

} // namespace

QCustomPlot* makeHeadedPlot(QWidget* parent, const QString& objectName, int legendColumns)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(objectName);
    setUpPlot(plot);
    placeLegendBelow(plot); // before the heading row goes on top
    setLegendColumnsBelow(plot, legendColumns);
    plot->plotLayout()->insertRow(0);
    QFont bold = plot->font();
    bold.setBold(true);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), bold));
    return plot;
}

void setPlotHeading(QCustomPlot* plot, const QString& heading)
{
    if (QCPTextElement* element = headingOf(plot)) {
        element->setText(heading);
    }
}

QString plotHeading(const QCustomPlot* plot)
{
    const QCPTextElement* element = headingOf(plot);
    return element ? element->text() : QString();
}

} // namespace qs::ui
