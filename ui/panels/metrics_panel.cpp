#include "panels/metrics_panel.h"

#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "models/metrics_model.h"
#include "theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::ui {

MetricsPanel::MetricsPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_model = new MetricsModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("metricsTable"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_warnings);
    m_texts->onChange([this] {
        refreshTexts(m_model);
        setSnapshot(SnapshotPtr(m_shown)); // the warnings
    });
}

void MetricsPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    m_model->setSnapshot(snapshot);
    QStringList lines;
    if (snapshot) {
        for (const auto* warnings :
             {&snapshot->data->loaded.warnings, &snapshot->current.warnings}) {
            for (const Warning& warning : *warnings) {
                lines << warningText(warning).toHtmlEscaped();
            }
        }
    }
    m_warnings->setText(lines.isEmpty() ? QString()
                                        : QStringLiteral("<span style='color:%1'>⚠ %2</span>")
                                              .arg(theme::outlier().darker(130).name(),
                                                   lines.join(QStringLiteral("<br>⚠ "))));
    m_warnings->setVisible(!lines.isEmpty());
}

} // namespace qs::ui
