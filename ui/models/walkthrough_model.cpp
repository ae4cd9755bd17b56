#include "models/walkthrough_model.h"

#include "number_format.h"
#include "theme.h"

namespace qs::ui {

void WalkthroughModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    rebuild();
    endResetModel();
}

void WalkthroughModel::setTrialValue(std::optional<float> value)
{
    beginResetModel();
    m_trial = value;
    rebuild();
    endResetModel();
}

void WalkthroughModel::rebuild()
{
    m_rows.clear();
    if (!m_snapshot || m_snapshot->current.params.empty()) {
        return;
    }
    const QuantParams& params = m_snapshot->current.params.front();
    const QuantSpec& spec = m_snapshot->spec;
    if (m_trial) {
        const float value = *m_trial;
        auto trial =
            walkthrough(std::span(&value, 1), params, spec.rounding, spec.roundingSeed, 0, 1);
        trial.front().index = SIZE_MAX; // marks the trial row
        m_rows.push_back(trial.front());
    }
    const auto first = walkthrough(m_snapshot->data->loaded.tensor.values, params, spec.rounding,
                                   spec.roundingSeed, 0, kFirstValues);
    m_rows.insert(m_rows.end(), first.begin(), first.end());
}

int WalkthroughModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WalkthroughModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WalkthroughModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const WalkthroughRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const bool clipped = row.clip == ClipState::Below || row.clip == ClipState::Above;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Index:
            return row.index == SIZE_MAX ? tr("yours") : QString::number(row.index);
        case Input:
            return formatValue(row.input, 8);
        case Scaled:
            return formatValue(row.scaled, 8);
        case Rounded:
            return formatValue(row.rounded, 8);
        case Clipped:
            return QString::number(row.code);
        case Dequantized:
            return formatValue(row.dequantized, 8);
        case Error:
            return formatValue(row.error, 8);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && clipped &&
        (index.column() == Clipped || index.column() == Error)) {
        return theme::clipped();
    }
    if (role == Qt::ToolTipRole && clipped && index.column() == Clipped) {
        return row.clip == ClipState::Below
                   ? tr("Round(R/Scale + Z) is below Qmin: clipped (截断) up to Qmin")
                   : tr("Round(R/Scale + Z) is above Qmax: clipped (截断) down to Qmax");
    }
    if (role == Qt::ForegroundRole && m_snapshot && index.column() == Clipped &&
        row.code == m_snapshot->current.params.front().zeroPoint) {
        return theme::zeroPoint();
    }
    if (role == Qt::TextAlignmentRole) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant WalkthroughModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Scaled:
            return tr("R divided by Scale, plus the zero point Z (0 without one), in float32");
        case Rounded:
            return tr("The tutorial's quant_result: rounded, not yet clipped");
        case Clipped:
            return tr("The tutorial's saturete_result: the integer code, clipped to [Qmin, Qmax]");
        case Dequantized:
            return tr("The tutorial's dequant_result: (Q − Z)·Scale");
        case Error:
            return tr("The tutorial's diff: R′ − R");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Index:
        return tr("#");
    case Input:
        return tr("R");
    case Scaled:
        return tr("R/Scale + Z");
    case Rounded:
        return tr("Round");
    case Clipped:
        return tr("Q = Clip");
    case Dequantized:
        return tr("R′");
    case Error:
        return tr("R′ − R");
    default:
        return {};
    }
}

} // namespace qs::ui
