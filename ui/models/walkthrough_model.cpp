#include "models/walkthrough_model.h"

#include "granularity_text.h"
#include "number_format.h"
#include "theme.h"

#include <algorithm>

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
    const Analysis& analysis = m_snapshot->current;
    const QuantParams& params = analysis.params.front();
    const QuantSpec& spec = m_snapshot->spec;
    if (m_trial) { // a value of the user's own, on the first group's grid
        const float value = *m_trial;
        auto trial =
            walkthrough(std::span(&value, 1), params, spec.rounding, spec.roundingSeed, 0, 1);
        trial.front().index = SIZE_MAX; // marks the trial row
        m_rows.push_back(trial.front());
    }
    // The first values, each on its own group's grid.
    const Tensor& tensor = m_snapshot->data->loaded.tensor;
    const Shape shape(tensor.shape.begin(), tensor.shape.end());
    m_groups.clear();
    for (std::size_t i = 0; i < std::min(kFirstValues, tensor.values.size()); ++i) {
        const std::size_t group = groupOfElement(analysis.layout, shape, i);
        const auto row = walkthrough(tensor.values, analysis.params[group], spec.rounding,
                                     spec.roundingSeed, i, 1);
        m_rows.push_back(row.front());
        m_groups.push_back(group);
    }
}

std::size_t WalkthroughModel::rowGroup(std::size_t row) const
{
    const std::size_t first = m_trial ? 1 : 0; // the trial row uses the first group
    return row < first ? 0 : m_groups[row - first];
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
    const std::size_t group = rowGroup(static_cast<std::size_t>(index.row()));
    if (role == Qt::ToolTipRole && index.column() == Index && m_snapshot &&
        m_snapshot->current.params.size() > 1) {
        return tr("on the grid of %1")
            .arg(groupLabel(m_snapshot->current.layout.granularity, group));
    }
    if (role == Qt::ForegroundRole && m_snapshot && index.column() == Clipped &&
        row.code == m_snapshot->current.params[group].zeroPoint) {
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
