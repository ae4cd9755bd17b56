#include "models/type_map_model.h"

#include "ggml/block_codec.h"
#include "theme.h"

#include <algorithm>

namespace qs::ui {

void TypeMapModel::setMap(const std::vector<TypeMapCell>& cells)
{
    beginResetModel();
    m_source = cells;
    m_layers.clear();
    m_roles.clear();
    m_cells.clear();
    for (const TypeMapCell& cell : m_source) {
        if (std::ranges::find(m_layers, cell.layer) == m_layers.end()) {
            m_layers.push_back(cell.layer);
        }
        const QString role = QString::fromStdString(cell.role);
        if (!m_roles.contains(role)) {
            m_roles << role;
        }
    }
    std::ranges::sort(m_layers);
    for (const TypeMapCell& cell : m_source) {
        const auto row = std::ranges::find(m_layers, cell.layer) - m_layers.begin();
        const int column = static_cast<int>(m_roles.indexOf(QString::fromStdString(cell.role)));
        m_cells[{static_cast<int>(row), column}] = &cell;
    }
    endResetModel();
}

int TypeMapModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

int TypeMapModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_roles.size());
}

QVariant TypeMapModel::data(const QModelIndex& index, int role) const
{
    const auto found = m_cells.find({index.row(), index.column()});
    if (!index.isValid() || found == m_cells.end()) {
        return {};
    }
    const TypeMapCell& cell = *found->second;
    const ggml::TypeInfo* type = ggml::typeByName(cell.type);
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(cell.type);
    case Qt::ToolTipRole:
        return type ? tr("%1: %2, %3 bits per value")
                          .arg(QString::fromStdString(cell.name), QString::fromStdString(cell.type))
                          .arg(type->bitsPerValue())
                    : QString::fromStdString(cell.name);
    case Qt::BackgroundRole:
        return type ? QVariant(theme::bitsPerValue(type->bitsPerValue())) : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant TypeMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Horizontal) {
        return m_roles.value(section);
    }
    const int layer = m_layers.at(static_cast<std::size_t>(section));
    return layer < 0 ? tr("model") : QStringLiteral("blk.%1").arg(layer);
}

} // namespace qs::ui
