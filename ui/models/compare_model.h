#pragma once
// The compare table: the current settings and the same tensor with one setting varied — the
// three schemes (from the snapshot), or every calibration method or granularity (computed by
// the Compare panel) — one column each, the best value of every row highlighted.

#include "analysis/setting_comparison.h"
#include "analysis_snapshot.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace qs::ui {

class CompareModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    // The current settings and the three schemes of `snapshot`.
    void setSnapshot(SnapshotPtr snapshot);
    // The current settings (of the snapshot set) and `columns` (calibrations or granularities).
    void setSettingColumns(CompareAcross across, std::vector<SettingColumn> columns);
    CompareAcross across() const { return m_across; }
    // The scheme a column shows while comparing schemes; nullopt for the "current" column.
    static std::optional<Scheme> schemeForColumn(int column);
    // The whole spec of a compared column (what clicking it applies); nullopt for "current".
    std::optional<QuantSpec> specForColumn(int column) const;
    // The columns holding the best value of `row` (several on a tie; none for codes in range).
    QList<int> bestColumns(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // The metrics of a column; nullptr where its setting does not apply.
    const Metrics* metricsForColumn(int column) const;
    QString columnHeader(int column) const;

    SnapshotPtr m_snapshot;
    CompareAcross m_across = CompareAcross::Schemes;
    std::vector<SettingColumn> m_columns; // calibrations or granularities
};

} // namespace qs::ui
