#include "models/compare_model.h"

#include "models/metric_rows.h"
#include "theme.h"

#include <QCoreApplication>

#include <cmath>

namespace qs::ui {
namespace {

constexpr int kDigits = 4; // four columns side by side: short

} // namespace

void CompareModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

std::optional<Scheme> CompareModel::schemeForColumn(int column)
{
    switch (column) {
    case 1:
        return Scheme::General;
    case 2:
        return Scheme::Symmetric;
    case 3:
        return Scheme::Asymmetric;
    default:
        return std::nullopt;
    }
}

const Analysis& CompareModel::analysisForColumn(int column) const
{
    return column == 0 ? m_snapshot->current
                       : m_snapshot->schemes[static_cast<std::size_t>(column - 1)];
}

QList<int> CompareModel::bestColumns(int row) const
{
    const MetricRow& metric = metricRows()[static_cast<std::size_t>(row)];
    if (!m_snapshot || metric.better == Better::Neither) {
        return {};
    }
    QList<int> best;
    double bestValue = 0;
    for (int column = 0; column < 4; ++column) {
        const double value = metric.value(analysisForColumn(column).metrics);
        if (std::isnan(value)) {
            continue;
        }
        const bool better = best.isEmpty() || (metric.better == Better::Lower ? value < bestValue
                                                                              : value > bestValue);
        if (better) {
            best = {column};
            bestValue = value;
        }
    }
    if (best.isEmpty()) {
        return best;
    }
    // Ties as the reader sees them: a cosine of 0.99999999 prints as "1" beside an exact 1, and
    // marking only one of two equal-looking cells would claim a difference nobody can see.
    const QString shown = formatMetric(metric, analysisForColumn(best.front()).metrics, kDigits);
    best.clear();
    for (int column = 0; column < 4; ++column) {
        const Metrics& metrics = analysisForColumn(column).metrics;
        if (!std::isnan(metric.value(metrics)) && formatMetric(metric, metrics, kDigits) == shown) {
            best.append(column);
        }
    }
    return best;
}

int CompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : static_cast<int>(metricRows().size());
}

int CompareModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant CompareModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_snapshot) {
        return {};
    }
    const MetricRow& row = metricRows()[static_cast<std::size_t>(index.row())];
    const Metrics& metrics = analysisForColumn(index.column()).metrics;
    switch (role) {
    case Qt::DisplayRole:
        return formatMetric(row, metrics, kDigits);
    case Qt::ToolTipRole:
        return QCoreApplication::translate("Metrics", row.meaning);
    case Qt::BackgroundRole:
        return bestColumns(index.row()).contains(index.column()) ? QVariant(theme::best())
                                                                 : QVariant();
    case Qt::ForegroundRole:
        if (const QColor colour = metricColour(row, metrics); colour.isValid()) {
            return colour;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::ToolTipRole && orientation == Qt::Horizontal && section > 0) {
        return tr("Click to switch to this scheme");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= static_cast<int>(metricRows().size())) {
            return {};
        }
        return QCoreApplication::translate("Metrics",
                                           metricRows()[static_cast<std::size_t>(section)].name);
    }
    switch (section) {
    case 0:
        return tr("current");
    case 1:
        return tr("general\n一般过程");
    case 2:
        return tr("symmetric\n对称量化");
    case 3:
        return tr("asymmetric\n非对称量化");
    default:
        return {};
    }
}

} // namespace qs::ui
