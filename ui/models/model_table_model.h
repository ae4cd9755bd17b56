#pragma once
// The model view's table: one row per analysed tensor of a file, filled in as the report runs.
// Numeric columns sort by value (kSortRole); rows a rule flags as outliers are tinted.

#include "analysis/model_report.h"

#include <QAbstractTableModel>

#include <vector>

namespace qs::ui {

class ModelTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What decides "will it survive" first, the evidence after, the file's description last.
    enum Column
    {
        Name,
        Sqnr,
        ChannelGain,
        BestFormat, // the shoot-out's best format at the chosen bits (hidden when none is asked)
        ZeroCode,
        Flags,
        MaxOverStd,
        Kurtosis,
        PeakRatio,
        BeyondSixSigma,
        MagnitudeSix,
        Shape,
        Dtype,
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void clear();
    void append(const TensorReportRow& row);
    const std::vector<TensorReportRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "p100/p97.5, 6σ, |x|≥6, quantized": the rules that flag the row.
    static QString flagsText(const TensorReportRow& row);

private:
    QVariant display(const TensorReportRow& row, int column) const;
    QVariant sortValue(const TensorReportRow& row, int column) const;

    std::vector<TensorReportRow> m_rows;
};

} // namespace qs::ui
