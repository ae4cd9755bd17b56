#pragma once
// The shoot-out table: one row per format, best SQNR first, rows on the Pareto front of SQNR
// against bits per value marked; the row of the format the window shows is highlighted.

#include "analysis/shootout.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>

namespace qs::ui {

class ShootoutModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Format,
        BitsPerValue,
        Sqnr,
        Mse,
        MaxAbsError,
        ZeroCode,
        Saturated,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setShootout(std::shared_ptr<const Shootout> shootout);
    const Shootout* shootout() const { return m_shootout.get(); }
    // The spec the window shows, to highlight its row when it is one of them.
    void setCurrentSpec(const QuantSpec& spec);
    std::optional<int> currentRow() const;
    const ShootoutRow* rowAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const Shootout> m_shootout;
    std::optional<QuantSpec> m_current;
};

} // namespace qs::ui
