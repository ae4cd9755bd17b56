#pragma once
// The walkthrough table: the tutorial's steps for the first values of the tensor and for a value
// the user types — R, R/Scale + Z, Round (quant_result), Clip (saturete_result), R′
// (dequant_result) and R′ − R (diff). The formats beyond the integer grid show their own steps
// (analysis/walkthrough.h), one column each:
//   minifloat     R, v = R/s, sign, E, M, code, decode(code), R′, R′ − R
//   MX            block, R, amax, ⌊log2 amax⌋, c − 127, X, V/X, code, element, R′, R′ − R
//   NVFP4         block, R, vmax, s (E4M3 code and value), v = R/(s·S_dec), code, element, ...
//   bitsandbytes  block, R, absmax, xn, code, table[code], R′, R′ − R
// The typed value goes on the picked block's grid.

#include "analysis/walkthrough.h"
#include "analysis_snapshot.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace qs::ui {

class WalkthroughModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The integer grid's columns are the first seven, in this order.
    enum Column
    {
        Index,
        Input,
        Scaled,
        Rounded,
        Clipped,
        Dequantized,
        Error,
        Block,
        Amax,
        AmaxExponent,
        SharedExponent,
        ScaleCode,
        BlockScale,
        Ratio,
        Sign,
        ExponentBits,
        MantissaBits,
        Code,
        Element,
    };
    static constexpr std::size_t kFirstValues = 8;

    using QAbstractTableModel::QAbstractTableModel;

    void setSnapshot(SnapshotPtr snapshot);
    // An extra first row for `value`; nullopt removes it.
    void setTrialValue(std::optional<float> value);
    // The first row is the typed value's.
    bool hasTrialRow() const { return m_trial.has_value(); }
    // The group whose grid the typed value goes on (the Channels view's pick).
    void setPickedGroup(int group);
    const std::vector<WalkthroughRow>& rows() const { return m_rows; }

    // The columns shown, in order, and where a column is (−1 when it is not shown).
    const std::vector<Column>& columns() const { return m_columns; }
    int section(Column column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();
    std::size_t rowGroup(std::size_t row) const; // the group whose grid row `row` is on
    QString display(std::size_t row, Column column) const;
    QString title(Column column) const;
    QString explanation(Column column) const;

    SnapshotPtr m_snapshot;
    std::optional<float> m_trial;
    int m_pickedGroup = 0;
    FormatFamily m_family = FormatFamily::Integer;
    bool m_hasZeroPoint = true;
    std::vector<Column> m_columns;
    std::vector<WalkthroughRow> m_rows;    // the trial row first when there is one
    std::vector<std::size_t> m_groups;     // the group of every row
    std::vector<BlockScaleSteps> m_scales; // and its block's scale steps
};

} // namespace qs::ui
