#include "export/plot_export_menu.h"

#include "dialog_folders.h"
#include "export/plot_title.h"
#include "export/typed_extension.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QMenu>
#include <QMessageBox>
#include <QSpinBox>
#include <qcustomplot.h>

namespace qs::ui {
namespace {

QString filterFor(PlotFormat format)
{
    switch (format) {
    case PlotFormat::Png:
        return QCoreApplication::translate("PlotExport", "PNG image (*.png)");
    case PlotFormat::Svg:
        return QCoreApplication::translate("PlotExport", "SVG vector image (*.svg)");
    case PlotFormat::Pdf:
        return QCoreApplication::translate("PlotExport", "PDF document (*.pdf)");
    }
    return {};
}

QString suffixFor(PlotFormat format)
{
    switch (format) {
    case PlotFormat::Png:
        return QStringLiteral(".png");
    case PlotFormat::Svg:
        return QStringLiteral(".svg");
    case PlotFormat::Pdf:
        return QStringLiteral(".pdf");
    }
    return {};
}

// Width, height and scale of a PNG; starts at the plot's size on screen and the screen's ratio.
std::optional<PlotImageSize> askPngSize(QCustomPlot* plot, QWidget* parent)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QCoreApplication::translate("PlotExport", "PNG size"));
    auto* width = new QSpinBox(&dialog);
    width->setRange(16, 20000);
    width->setValue(plot->width());
    width->setSuffix(QCoreApplication::translate("PlotExport", " px"));
    auto* height = new QSpinBox(&dialog);
    height->setRange(16, 20000);
    height->setValue(plot->height());
    height->setSuffix(QCoreApplication::translate("PlotExport", " px"));
    auto* scale = new QDoubleSpinBox(&dialog);
    scale->setRange(0.25, 8);
    scale->setSingleStep(0.5);
    scale->setValue(std::max(1.0, plot->devicePixelRatioF()));
    scale->setToolTip(QCoreApplication::translate(
        "PlotExport", "Pixels per layout pixel: 2 gives a 192-DPI image for slides"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(QCoreApplication::translate("PlotExport", "Width"), width);
    form->addRow(QCoreApplication::translate("PlotExport", "Height"), height);
    form->addRow(QCoreApplication::translate("PlotExport", "Scale"), scale);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return PlotImageSize{width->value(), height->value(), scale->value()};
}

} // namespace

bool exportPlotInteractively(QCustomPlot* plot, QWidget* parent, std::optional<PlotFormat> format)
{
    const QString name = plot->objectName().isEmpty() ? QStringLiteral("plot") : plot->objectName();
    const QString filters =
        format ? filterFor(*format)
               : QStringList{filterFor(PlotFormat::Png), filterFor(PlotFormat::Svg),
                             filterFor(PlotFormat::Pdf)}
                     .join(QStringLiteral(";;"));
    QString path = QFileDialog::getSaveFileName(
        parent, QCoreApplication::translate("PlotExport", "Export plot"),
        inDialogFolder(DialogKind::Exports, name + suffixFor(format.value_or(PlotFormat::Png))),
        filters);
    rememberDialogFolder(DialogKind::Exports, path);
    if (path.isEmpty()) {
        return false;
    }
    const PlotFormat selected = format.value_or(PlotFormat::Png);
    const TypedTarget<PlotFormat> target =
        followTypedExtension(path, &plotFormatForPath, selected, suffixFor(selected));
    path = target.path;
    PlotImageSize size;
    if (target.format == PlotFormat::Png) {
        const auto chosen = askPngSize(plot, parent);
        if (!chosen) {
            return false;
        }
        size = *chosen;
    }
    const QString error =
        exportPlot(plot, path, size, exportTitleWanted() ? exportTitleOf(plot) : QString());
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, QCoreApplication::translate("PlotExport", "Export plot"),
                             error);
        return false;
    }
    return true;
}

void installExportMenu(QCustomPlot* plot)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot](const QPoint& at) {
        QMenu menu(plot);
        menu.addAction(QCoreApplication::translate("PlotExport", "Copy Image"), plot,
                       [plot] { copyPlotToClipboard(plot); });
        menu.addSeparator();
        for (const PlotFormat format : {PlotFormat::Png, PlotFormat::Svg, PlotFormat::Pdf}) {
            const QString label = format == PlotFormat::Png
                                      ? QCoreApplication::translate("PlotExport", "Export as PNG…")
                                  : format == PlotFormat::Svg
                                      ? QCoreApplication::translate("PlotExport", "Export as SVG…")
                                      : QCoreApplication::translate("PlotExport", "Export as PDF…");
            menu.addAction(label, plot, [plot, format] {
                exportPlotInteractively(plot, plot->window(), format);
            });
        }
        menu.addSeparator();
        QAction* title =
            menu.addAction(QCoreApplication::translate("PlotExport", "With a Title Line"), plot,
                           [](bool on) { setExportTitleWanted(on); });
        title->setCheckable(true);
        title->setChecked(exportTitleWanted());
        menu.exec(plot->mapToGlobal(at));
    });
}

} // namespace qs::ui
