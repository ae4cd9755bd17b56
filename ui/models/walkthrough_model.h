#pragma once
// The walkthrough table: the tutorial's steps for the first values of the tensor and for a value
// the user types — R, R/Scale + Z, Round (quant_result), Clip (saturete_result), R′
// (dequant_result) and R′ − R (diff).

#include "analysis/walkthrough.h"
#include "analysis_snapshot.h"

#include <QAbstractTableModel>

#include <optional>

namespace qs::ui {

class WalkthroughModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Index,
        Input,
        Scaled,
        Rounded,
        Clipped,
        Dequantized,
        Error,
        ColumnCount
    };
    static constexpr std::size_t kFirstValues = 8;

    using QAbstractTableModel::QAbstractTableModel;

    void setSnapshot(SnapshotPtr snapshot);
    // An extra first row for `value`; nullopt removes it.
    void setTrialValue(std::optional<float> value);
    const std::vector<WalkthroughRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();
    std::size_t rowGroup(std::size_t row) const; // the group whose grid row `row` is on

    SnapshotPtr m_snapshot;
    std::optional<float> m_trial;
    std::vector<WalkthroughRow> m_rows; // the trial row first when there is one
    std::vector<std::size_t> m_groups;  // the group of each row after the trial row
};

} // namespace qs::ui
