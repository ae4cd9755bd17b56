#pragma once
// The type map of a GGUF file (analysis/gguf_audit.h): one row per layer (blk.N; the tensors
// outside the layers first), one column per role (attn_q, ffn_down, ...), each cell the ggml type
// that tensor is stored in, coloured by its bits per value — the picture people draw by hand to
// tune a llama.cpp recipe.

#include "analysis/gguf_audit.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <vector>

namespace qs::ui {

class TypeMapModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setMap(const std::vector<TypeMapCell>& cells);
    bool isEmpty() const { return m_layers.empty(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<int> m_layers;                                 // −1: outside the layers
    QStringList m_roles;                                       // in the order they first appear
    std::map<std::pair<int, int>, const TypeMapCell*> m_cells; // (row, column)
    std::vector<TypeMapCell> m_source;
};

} // namespace qs::ui
