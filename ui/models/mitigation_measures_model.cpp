#include "models/mitigation_measures_model.h"

#include "mitigation_text.h"
#include "number_format.h"
#include "theme.h"

#include <QFont>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::ui {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

bool isDecibels(MitigationMeasuresModel::Row row)
{
    using M = MitigationMeasuresModel;
    return row == M::OutputSqnr || row == M::WorstOutputChannel || row == M::WeightSqnr ||
           row == M::ActivationSqnr;
}

} // namespace

void MitigationMeasuresModel::setOutcomes(std::shared_ptr<const MitigationOutcome> before,
                                          std::shared_ptr<const MitigationOutcome> after)
{
    m_before = std::move(before);
    m_after = std::move(after);
    // The same rows and columns: only the cells change (a slider drag repaints, never resets).
    emit dataChanged(index(0, Before), index(RowCount - 1, Change));
}

int MitigationMeasuresModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int MitigationMeasuresModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double MitigationMeasuresModel::value(const MitigationOutcome& outcome, Row row)
{
    switch (row) {
    case OutputSqnr:
        return outcome.outputSqnrDb;
    case WorstOutputChannel: {
        const auto& channels = outcome.outputChannelSqnrDb;
        return channels.empty() ? kNan : *std::min_element(channels.begin(), channels.end());
    }
    case WeightSqnr:
        return outcome.weight.sqnrDb;
    case ActivationSqnr:
        return outcome.activations.sqnrDb;
    case WeightKurtosis:
        return outcome.weight.kurtosis;
    case ActivationKurtosis:
        return outcome.activations.kurtosis;
    case WeightMaxOverStd:
        return outcome.weight.maxOverStd;
    case ActivationMaxOverStd:
        return outcome.activations.maxOverStd;
    case Float16Channels:
        return static_cast<double>(outcome.float16Channels.size());
    case RowCount:
        break;
    }
    return kNan;
}

QString MitigationMeasuresModel::rowName(Row row) const
{
    switch (row) {
    case OutputSqnr:
        return tr("output SQNR");
    case WorstOutputChannel:
        return tr("worst output channel");
    case WeightSqnr:
        return tr("W SQNR");
    case ActivationSqnr:
        return tr("X SQNR");
    case WeightKurtosis:
        return tr("W kurtosis");
    case ActivationKurtosis:
        return tr("X kurtosis");
    case WeightMaxOverStd:
        return tr("W max|w|/σ");
    case ActivationMaxOverStd:
        return tr("X max|x|/σ");
    case Float16Channels:
        return tr("float16 channels");
    case RowCount:
        break;
    }
    return {};
}

QString MitigationMeasuresModel::rowToolTip(Row row) const
{
    switch (row) {
    case OutputSqnr:
        return tr("Output SQNR of Y = X·Wᵀ: 10·log10(Σ Y² / Σ (Y − Q(X)·Q(W)ᵀ)²) against the "
                  "float64 product — the error the layer's output carries, which is what matters");
    case WorstOutputChannel:
        return tr("The SQNR of the output channel that fares worst, over the tokens");
    case WeightSqnr:
    case ActivationSqnr:
        return tr("The side's quantization error, in its own transformed domain (float16 "
                  "channels included)");
    case WeightKurtosis:
    case ActivationKurtosis:
        return tr("E[(x − μ)⁴]/σ⁴ of the transformed values: 3 for a Gaussian, far more when a "
                  "few values dominate");
    case WeightMaxOverStd:
    case ActivationMaxOverStd:
        return tr("How many σ the largest value lies out: the range a per-tensor scale must "
                  "cover");
    case Float16Channels:
        return tr("LLM.int8(): the input channels kept in float16, left out of the quantized "
                  "product");
    case RowCount:
        break;
    }
    return {};
}

QString MitigationMeasuresModel::cellText(Row row, int column) const
{
    if (column == Measure) {
        return rowName(row);
    }
    const MitigationOutcome* outcome = column == Before ? m_before.get() : m_after.get();
    if (column == Change) {
        if (!m_before || !m_after || m_before == m_after) {
            return {}; // nothing to compare (with no transform on, after is before)
        }
        const double before = value(*m_before, row);
        const double after = value(*m_after, row);
        if (isDecibels(row)) {
            const double gain = after - before;
            // The unit is the row's: the column stays narrow.
            return std::isfinite(gain) ? QStringLiteral("%1%2")
                                             .arg(gain >= 0 ? QStringLiteral("+") : QString())
                                             .arg(gain, 0, 'f', 2)
                                       : QString();
        }
        if (row == Float16Channels || !(before > 0) || !std::isfinite(after)) {
            return {};
        }
        return QStringLiteral("×%1").arg(formatValue(after / before, 3));
    }
    if (!outcome) {
        return QStringLiteral("…");
    }
    const double v = value(*outcome, row);
    if (isDecibels(row)) {
        return decibelText(v);
    }
    if (row == Float16Channels) {
        return formatCount(static_cast<quint64>(v));
    }
    return formatValue(v, 4);
}

QVariant MitigationMeasuresModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= RowCount || index.column() >= ColumnCount) {
        return {};
    }
    const auto row = static_cast<Row>(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, column);
    case kValueRole: {
        const MitigationOutcome* outcome = column == Before  ? m_before.get()
                                           : column == After ? m_after.get()
                                                             : nullptr;
        return outcome ? value(*outcome, row) : kNan;
    }
    case Qt::ToolTipRole:
        return rowToolTip(row);
    case Qt::TextAlignmentRole:
        return column == Measure ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                 : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (row == OutputSqnr) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole: {
        // The better SQNR of the two, as the compare table marks its best.
        if (!isDecibels(row) || !m_before || !m_after || (column != Before && column != After)) {
            return {};
        }
        const double before = value(*m_before, row);
        const double after = value(*m_after, row);
        const bool better = column == After ? after > before : before > after;
        return better ? QVariant(theme::best()) : QVariant();
    }
    default:
        return {};
    }
}

QVariant MitigationMeasuresModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Measure:
        return tr("Measure");
    case Before:
        return tr("Before");
    case After:
        return tr("After");
    case Change:
        return tr("Change");
    default:
        return {};
    }
}

} // namespace qs::ui
