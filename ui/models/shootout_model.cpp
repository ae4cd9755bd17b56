#include "models/shootout_model.h"

#include "number_format.h"
#include "theme.h"

#include <QFont>

namespace qs::ui {

void ShootoutModel::setShootout(std::shared_ptr<const Shootout> shootout)
{
    beginResetModel();
    m_shootout = std::move(shootout);
    endResetModel();
}

void ShootoutModel::setCurrentSpec(const QuantSpec& spec)
{
    m_current = spec;
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::BackgroundRole});
    }
}

std::optional<int> ShootoutModel::currentRow() const
{
    if (!m_shootout || !m_current) {
        return std::nullopt;
    }
    for (std::size_t r = 0; r < m_shootout->rows.size(); ++r) {
        if (m_shootout->rows[r].spec == *m_current) {
            return static_cast<int>(r);
        }
    }
    return std::nullopt;
}

const ShootoutRow* ShootoutModel::rowAt(int row) const
{
    if (!m_shootout || row < 0 || row >= static_cast<int>(m_shootout->rows.size())) {
        return nullptr;
    }
    return &m_shootout->rows[static_cast<std::size_t>(row)];
}

int ShootoutModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_shootout ? 0 : static_cast<int>(m_shootout->rows.size());
}

int ShootoutModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ShootoutModel::data(const QModelIndex& index, int role) const
{
    const ShootoutRow* row =
        checkIndex(index, CheckIndexOption::IndexIsValid) ? rowAt(index.row()) : nullptr;
    if (row == nullptr) {
        return {};
    }
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Format:
            return QString::fromStdString(row->name) + (row->pareto ? QStringLiteral(" ★") : "");
        case BitsPerValue:
            return QString::number(row->bitsPerValue, 'f', 2);
        case Sqnr:
            return QString::number(row->metrics.sqnrDb, 'f', 2);
        case Mse:
            return formatValue(row->metrics.mse, 4);
        case MaxAbsError:
            return formatValue(row->metrics.maxAbsError, 4);
        case ZeroCode:
            return formatPercent(row->metrics.zeroCodeFraction);
        case Saturated:
            return formatCount(row->saturated);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::UserRole: // the number itself, for sorting and tests
        switch (column) {
        case BitsPerValue:
            return row->bitsPerValue;
        case Sqnr:
            return row->metrics.sqnrDb;
        case Mse:
            return row->metrics.mse;
        case MaxAbsError:
            return row->metrics.maxAbsError;
        case ZeroCode:
            return row->metrics.zeroCodeFraction;
        case Saturated:
            return static_cast<qulonglong>(row->saturated);
        default:
            return QString::fromStdString(row->name);
        }
    case Qt::ToolTipRole:
        return row->pareto ? tr("On the Pareto front: no other format has as much SQNR with "
                                "fewer bits per value. Click to show this format.")
                           : tr("Click to show this format.");
    case Qt::BackgroundRole:
        return currentRow() == index.row() ? QVariant(theme::best()) : QVariant();
    case Qt::FontRole:
        if (row->pareto && column == Format) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        return column == Saturated && row->saturated > 0 ? QVariant(theme::clipped()) : QVariant();
    case Qt::TextAlignmentRole:
        return column == Format ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ShootoutModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BitsPerValue:
            return tr("Element bits plus the scales' share: scale bits × blocks / values");
        case Sqnr:
            return tr("Signal-to-quantization-noise ratio, 10·log10(ΣR² / Σ(R′ − R)²)");
        case ZeroCode:
            return tr("Share of the values that land on the code holding 0");
        case Saturated:
            return tr("Values clipped (截断) or saturated at the grid's ends");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Format:
        return tr("format");
    case BitsPerValue:
        return tr("bits/value");
    case Sqnr:
        return tr("SQNR dB");
    case Mse:
        return tr("MSE");
    case MaxAbsError:
        return tr("max |e|");
    case ZeroCode:
        return tr("zero code");
    case Saturated:
        return tr("saturated");
    default:
        return {};
    }
}

} // namespace qs::ui
