#pragma once
// The compare table: the current settings and the three schemes on the same tensor, one column
// each, the best value of every row highlighted.

#include "analysis_snapshot.h"

#include <QAbstractTableModel>

#include <optional>

namespace qs::ui {

class CompareModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setSnapshot(SnapshotPtr snapshot);
    // The scheme a column shows; nullopt for the "current" column.
    static std::optional<Scheme> schemeForColumn(int column);
    // The columns holding the best value of `row` (several on a tie; none for codes in range).
    QList<int> bestColumns(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Analysis& analysisForColumn(int column) const;

    SnapshotPtr m_snapshot;
};

} // namespace qs::ui
