#pragma once
// The error table: every metric of the current analysis, with a tooltip that says what it means.

#include "analysis_snapshot.h"

#include <QAbstractTableModel>

namespace qs::ui {

class MetricsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setSnapshot(SnapshotPtr snapshot);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    SnapshotPtr m_snapshot;
};

} // namespace qs::ui
