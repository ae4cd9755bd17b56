#pragma once
// The Outliers view's measures, before (the formats alone) and after (with the transforms):
// one row per measure, output SQNR first and in bold — the error at the product is what a
// layer's user sees; each side's SQNR, kurtosis and max/σ say why.

#include "mitigate/mitigation.h"

#include <QAbstractTableModel>

#include <memory>

namespace qs::ui {

class MitigationMeasuresModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Measure,
        Before,
        After,
        Change,
        ColumnCount
    };
    enum Row
    {
        OutputSqnr,
        WorstOutputChannel,
        WeightSqnr,
        ActivationSqnr,
        WeightKurtosis,
        ActivationKurtosis,
        WeightMaxOverStd,
        ActivationMaxOverStd,
        Float16Channels,
        RowCount
    };
    // The number behind a cell (a double; NaN where there is none), for tests and sorting.
    static constexpr int kValueRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    // Either may be null (not computed yet).
    void setOutcomes(std::shared_ptr<const MitigationOutcome> before,
                     std::shared_ptr<const MitigationOutcome> after);
    const std::shared_ptr<const MitigationOutcome>& before() const { return m_before; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The measure of `row` in `outcome`.
    static double value(const MitigationOutcome& outcome, Row row);

private:
    QString cellText(Row row, int column) const;
    QString rowName(Row row) const;
    QString rowToolTip(Row row) const;

    std::shared_ptr<const MitigationOutcome> m_before;
    std::shared_ptr<const MitigationOutcome> m_after;
};

} // namespace qs::ui
