#include "models/compare_model.h"

#include "models/metric_rows.h"
#include "theme.h"

#include <QCoreApplication>
#include <QFont>

#include <cmath>

namespace qs::ui {
namespace {

constexpr int kDigits = 4; // several columns side by side: short

} // namespace

void CompareModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    m_across = CompareAcross::Schemes;
    m_columns.clear();
    endResetModel();
}

void CompareModel::setSettingColumns(CompareAcross across, std::vector<SettingColumn> columns)
{
    beginResetModel();
    m_across = across;
    m_columns = std::move(columns);
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

std::optional<QuantSpec> CompareModel::specForColumn(int column) const
{
    if (m_across == CompareAcross::Schemes) {
        if (!m_snapshot || column < 1 || column > 3) {
            return std::nullopt;
        }
        return m_snapshot->schemes[static_cast<std::size_t>(column - 1)].spec;
    }
    if (column < 1 || column > static_cast<int>(m_columns.size()) ||
        !m_columns[static_cast<std::size_t>(column - 1)].metrics) {
        return std::nullopt;
    }
    return m_columns[static_cast<std::size_t>(column - 1)].spec;
}

const Metrics* CompareModel::metricsForColumn(int column) const
{
    if (column == 0) {
        return &m_snapshot->current.metrics;
    }
    if (m_across == CompareAcross::Schemes) {
        return &m_snapshot->schemes[static_cast<std::size_t>(column - 1)].metrics;
    }
    const SettingColumn& setting = m_columns[static_cast<std::size_t>(column - 1)];
    return setting.metrics ? &*setting.metrics : nullptr;
}

QList<int> CompareModel::bestColumns(int row) const
{
    const MetricRow& metric = metricRows()[static_cast<std::size_t>(row)];
    if (!m_snapshot || metric.better == Better::Neither) {
        return {};
    }
    int best = -1;
    double bestValue = 0;
    for (int column = 0; column < columnCount(); ++column) {
        const Metrics* metrics = metricsForColumn(column);
        const double value = metrics ? metric.value(*metrics) : std::nan("");
        if (std::isnan(value)) {
            continue;
        }
        if (best < 0 || (metric.better == Better::Lower ? value < bestValue : value > bestValue)) {
            best = column;
            bestValue = value;
        }
    }
    if (best < 0) {
        return {};
    }
    // Ties as the reader sees them: a cosine of 0.99999999 prints as "1" beside an exact 1, and
    // marking only one of two equal-looking cells would claim a difference nobody can see.
    const QString shown = formatMetric(metric, *metricsForColumn(best), kDigits);
    QList<int> out;
    for (int column = 0; column < columnCount(); ++column) {
        const Metrics* metrics = metricsForColumn(column);
        if (metrics && !std::isnan(metric.value(*metrics)) &&
            formatMetric(metric, *metrics, kDigits) == shown) {
            out.append(column);
        }
    }
    return out;
}

int CompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : static_cast<int>(metricRows().size());
}

int CompareModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return m_across == CompareAcross::Schemes ? 4 : 1 + static_cast<int>(m_columns.size());
}

QVariant CompareModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_snapshot) {
        return {};
    }
    const MetricRow& row = metricRows()[static_cast<std::size_t>(index.row())];
    const Metrics* metrics = metricsForColumn(index.column());
    if (metrics == nullptr) { // the setting does not apply: its reason, once
        const QString reason =
            QString::fromStdString(m_columns[static_cast<std::size_t>(index.column() - 1)].error);
        switch (role) {
        case Qt::DisplayRole:
            return index.row() == 0 ? tr("n/a") : QString();
        case Qt::ToolTipRole:
            return reason;
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignCenter);
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return formatMetric(row, *metrics, kDigits);
    case Qt::ToolTipRole:
        return QCoreApplication::translate("Metrics", row.meaning);
    case Qt::BackgroundRole:
        return bestColumns(index.row()).contains(index.column()) ? QVariant(theme::best())
                                                                 : QVariant();
    case Qt::ForegroundRole:
        if (const QColor colour = metricColour(row, *metrics); colour.isValid()) {
            return colour;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QString CompareModel::columnHeader(int column) const
{
    if (column == 0) {
        return tr("current");
    }
    if (m_across == CompareAcross::Schemes) {
        switch (column) {
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
    const SettingColumn& setting = m_columns[static_cast<std::size_t>(column - 1)];
    if (m_across == CompareAcross::Calibrations) {
        switch (setting.spec.calibration.method) {
        case CalibrationMethod::MinMax:
            return tr("min–max");
        case CalibrationMethod::Percentile:
            return tr("percentile\n%1").arg(setting.spec.calibration.percentile);
        case CalibrationMethod::Mse:
            return tr("least MSE");
        case CalibrationMethod::Kl:
            return tr("KL");
        case CalibrationMethod::AciqGauss:
            return tr("ACIQ\nGauss");
        case CalibrationMethod::AciqLaplace:
            return tr("ACIQ\nLaplace");
        case CalibrationMethod::Manual:
            return tr("manual");
        }
        return {};
    }
    switch (setting.spec.granularity) {
    case Granularity::Tensor:
        return tr("per tensor");
    case Granularity::Channel:
        return tr("per channel\n(axis %1)").arg(setting.spec.axis);
    case Granularity::Group:
        return tr("groups of\n%1").arg(setting.spec.groupSize);
    }
    return {};
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role != Qt::DisplayRole || section < 0 ||
            section >= static_cast<int>(metricRows().size())) {
            return {};
        }
        return QCoreApplication::translate("Metrics",
                                           metricRows()[static_cast<std::size_t>(section)].name);
    }
    if (section < 0 || section >= columnCount()) {
        return {};
    }
    if (role == Qt::ToolTipRole && section > 0) {
        if (m_across == CompareAcross::Schemes) {
            return tr("Click to switch to this scheme");
        }
        return metricsForColumn(section)
                   ? tr("Click to switch to this setting")
                   : QString::fromStdString(m_columns[static_cast<std::size_t>(section - 1)].error);
    }
    if (role == Qt::FontRole && section > 0 && m_across != CompareAcross::Schemes &&
        m_columns[static_cast<std::size_t>(section - 1)].current) {
        QFont bold;
        bold.setBold(true); // the setting in force now
        return bold;
    }
    return role == Qt::DisplayRole ? QVariant(columnHeader(section)) : QVariant();
}

} // namespace qs::ui
