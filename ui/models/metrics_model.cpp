#include "models/metrics_model.h"

#include "models/metric_rows.h"

#include <QCoreApplication>

namespace qs::ui {

void MetricsModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

int MetricsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : static_cast<int>(metricRows().size());
}

int MetricsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant MetricsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_snapshot) {
        return {};
    }
    const MetricRow& row = metricRows()[static_cast<std::size_t>(index.row())];
    const Metrics& metrics = m_snapshot->current.metrics;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? QCoreApplication::translate("Metrics", row.name)
                                   : formatMetric(row, metrics);
    case Qt::ToolTipRole:
        return QCoreApplication::translate("Metrics", row.meaning);
    case Qt::ForegroundRole:
        if (const QColor colour = metricColour(row, metrics);
            index.column() == 1 && colour.isValid()) {
            return colour;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == 1 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant MetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == 0 ? tr("Metric") : tr("Value");
}

} // namespace qs::ui
