#include "models/model_table_model.h"

#include "number_format.h"
#include "report/model_report_output.h"
#include "theme.h"

#include <QColor>

#include <cmath>

namespace qs::ui {
namespace {

QString decibels(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 2) : formatValue(value);
}

QString oneDecimal(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 1) : formatValue(value);
}

} // namespace

void ModelTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ModelTableModel::append(const TensorReportRow& row)
{
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(row);
    endInsertRows();
}

int ModelTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ModelTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ModelTableModel::flagsText(const TensorReportRow& row)
{
    QStringList flags;
    if (row.outliers.modelReportOutlier()) {
        flags << QStringLiteral("p100/p97.5");
    }
    if (row.outliers.beyondSixSigma > 0) {
        flags << QStringLiteral("6σ");
    }
    if (row.outliers.magnitudeAtLeastSix > 0) {
        flags << QStringLiteral("|x|≥6");
    }
    if (row.alreadyQuantized) {
        flags << tr("already quantized");
    }
    return flags.join(QStringLiteral(", "));
}

QVariant ModelTableModel::display(const TensorReportRow& row, int column) const
{
    switch (column) {
    case Name:
        return QString::fromStdString(row.name);
    case Shape:
        return QString::fromStdString(shapeToString(row.shape));
    case Dtype:
        return QString::fromStdString(row.dtype);
    case MaxOverStd:
        return oneDecimal(row.maxAbsOverStd);
    case Kurtosis:
        return oneDecimal(row.outliers.excessKurtosis);
    case PeakRatio:
        return oneDecimal(row.outliers.peakRatio());
    case BeyondSixSigma:
        return formatCount(row.outliers.beyondSixSigma);
    case MagnitudeSix:
        return formatCount(row.outliers.magnitudeAtLeastSix);
    case Sqnr:
        return decibels(row.sqnrDb);
    case ZeroCode:
        return formatPercent(row.zeroCodeFraction);
    case ChannelGain: {
        const auto gain = row.perChannelGainDb();
        return gain ? decibels(*gain) : QStringLiteral("—");
    }
    case BestFormat:
        return row.bestFormat ? tr("%1 (%2 dB, %3 bits)")
                                    .arg(QString::fromStdString(row.bestFormat->name),
                                         decibels(row.bestFormat->sqnrDb),
                                         QString::number(row.bestFormat->bitsPerValue, 'f', 2))
                              : QStringLiteral("—");
    case Flags:
        return flagsText(row);
    default:
        return {};
    }
}

QVariant ModelTableModel::sortValue(const TensorReportRow& row, int column) const
{
    switch (column) {
    case MaxOverStd:
        return row.maxAbsOverStd;
    case Kurtosis:
        return row.outliers.excessKurtosis; // NaN sorts last in either order
    case PeakRatio:
        return row.outliers.peakRatio();
    case BeyondSixSigma:
        return static_cast<qulonglong>(row.outliers.beyondSixSigma);
    case MagnitudeSix:
        return static_cast<qulonglong>(row.outliers.magnitudeAtLeastSix);
    case Sqnr:
        return row.sqnrDb;
    case ZeroCode:
        return row.zeroCodeFraction;
    case ChannelGain:
        return row.perChannelGainDb().value_or(std::nan("")); // none: last
    case BestFormat:
        return row.bestFormat ? row.bestFormat->sqnrDb : std::nan("");
    case Shape:
        return static_cast<qulonglong>(row.count);
    default:
        return display(row, column);
    }
}

QVariant ModelTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const TensorReportRow& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case kSortRole:
        return sortValue(row, index.column());
    case Qt::TextAlignmentRole: {
        const bool text = index.column() == Name || index.column() == Flags ||
                          index.column() == Shape || index.column() == Dtype;
        return text ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    case Qt::BackgroundRole:
        return isOutlierTensor(row) ? QVariant(theme::outlierRowTint()) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Name) {
            return QString::fromStdString(row.name); // the cell may show it elided
        }
        if (index.column() == Flags) {
            return tr("%1\nmin %2, max %3, mean %4, std %5\np97.5 of |x| = %6")
                .arg(QString::fromStdString(row.name), formatValue(row.min), formatValue(row.max),
                     formatValue(row.mean), formatValue(row.std),
                     formatValue(row.outliers.absPercentile));
        }
        return {};
    default:
        return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::InitialSortOrderRole) {
        // The first click on a number shows the largest first; names and types read A to Z.
        const bool text = section == Name || section == Flags || section == Dtype;
        return text ? Qt::AscendingOrder : Qt::DescendingOrder;
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Tensor");
        case Shape:
            return tr("Shape");
        case Dtype:
            return tr("Dtype");
        case MaxOverStd:
            return tr("max/σ");
        case Kurtosis:
            return tr("Kurtosis");
        case PeakRatio:
            return tr("p100/p97.5");
        case BeyondSixSigma:
            return tr("> 6σ");
        case MagnitudeSix:
            return tr("|x| ≥ 6");
        case Sqnr:
            return tr("SQNR (dB)");
        case ZeroCode:
            return tr("Zero code");
        case ChannelGain:
            return tr("Gain per channel");
        case BestFormat:
            return tr("Best format");
        case Flags:
            return tr("Outlier rules");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case MaxOverStd:
            return tr("Largest magnitude over the standard deviation");
        case Kurtosis:
            return tr("Excess kurtosis: 0 for a Gaussian, large for heavy tails");
        case PeakRatio:
            return tr("Largest |x| over the 97.5th percentile of |x|; PyTorch's ModelReport flags "
                      "ratios above 3.5");
        case BeyondSixSigma:
            return tr("Values more than 6 standard deviations from the mean");
        case MagnitudeSix:
            return tr("Values of magnitude 6 or more, LLM.int8()'s outlier threshold");
        case Sqnr:
            return tr("Signal-to-quantization-noise ratio under the current scheme");
        case ZeroCode:
            return tr("Share of values that quantize to the zero point");
        case ChannelGain:
            return tr("dB gained with one scale per output channel instead of one for the tensor");
        case BestFormat:
            return tr("The format of the chosen class with the highest SQNR on this tensor within "
                      "one bit per value of the class (scales included), as the Formats tab's "
                      "shoot-out finds it; sorted by its SQNR");
        case Flags:
            return tr("p100/p97.5: PyTorch ModelReport's ratio above 3.5; 6σ: values beyond six "
                      "standard deviations; |x|≥6: LLM.int8()'s outlier magnitude");
        default:
            return {};
        }
    }
    return {};
}

} // namespace qs::ui
